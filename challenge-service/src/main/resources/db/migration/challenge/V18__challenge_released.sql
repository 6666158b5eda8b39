-- A challenge can be given back (issue 15): the gateway redeems first and issues next, and
-- when the ca-adapter refuses the CSR (the template's policy) it releases the challenge for
-- the device's corrected request. The release is a step of the challenge's life.
alter table challenge_event drop constraint challenge_event_type_check;
alter table challenge_event add constraint challenge_event_type_check
    check (type in ('MINTED', 'REDEEMED', 'REFUSED', 'ISSUED', 'EXPIRED', 'REVOKED', 'RELEASED'));
