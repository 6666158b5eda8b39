-- Renewal (RFC 8894 section 2.5): a transaction authorised by a certificate of ours instead
-- of a challenge names that certificate (hex serial, as the ca-adapter spells it), so that
-- completing it later (the finisher, a poll) renews again rather than redeeming a challenge.
alter table transaction add column renewal_of varchar(64);

-- Clients derive the transactionID from the public key (certmonger: a decimal digest of it),
-- so a renewal with the same key repeats the transactionID of the enrollment, or of the
-- previous renewal: it is a new transaction all the same. A transaction is now unique per
-- profile, transactionID and certificate renewed (none for an enrollment); the index keeps
-- the old name and still leads with (profile, transaction_id) for the look-ups.
alter table transaction drop constraint transaction_profile_transaction_id_unique;
create unique index transaction_profile_transaction_id_unique
    on transaction (profile, transaction_id, coalesce(renewal_of, ''));
