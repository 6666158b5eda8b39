-- A challenge is redeemed by exactly one SCEP transaction: redeemed_at and transaction_id are
-- set together (always so since V1). The redemption's UPDATE guards on transaction_id rather
-- than redeemed_at, which keeps challenge_outstanding (where redeemed_at is null) out of its
-- plan: with statistics taken before a burst of minting, PostgreSQL preferred that index and
-- read every outstanding challenge of the profile per redemption instead of the one row
-- behind challenge_hash_unique.
alter table challenge
    add constraint challenge_redeemed_by_transaction check ((redeemed_at is null) = (transaction_id is null));
