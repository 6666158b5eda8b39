-- What the MDM bound a challenge to when it minted it (issue 13): the Windows SID of the
-- account the certificate is for (Microsoft strong mapping, KB5014754). Handed to the gateway
-- with the redemption; null for an unbound challenge, as every challenge minted before V4.
alter table challenge add column bound_sid varchar(200);
