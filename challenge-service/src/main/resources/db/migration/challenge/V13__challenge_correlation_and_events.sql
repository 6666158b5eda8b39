-- Issue 14, "one correlation id": every challenge carries the id that the gateway's
-- transaction and the ca-adapter's certificate carry too. Challenges stored before this
-- version get a generated id each (a volatile default is evaluated per row while the
-- table is rewritten), so one still outstanding at the upgrade is followed from its
-- redemption on; its mint is not in challenge_event (it happened before the record).
alter table challenge add column correlation_id uuid not null default gen_random_uuid();
create unique index challenge_correlation_id_unique on challenge (correlation_id);
-- the certificate issued for the redeeming transaction, once the challenge-service hears of it
alter table challenge add column certificate_serial varchar(64);

-- The life of each challenge, append-only: minted (by which API client), redeemed (by which
-- transactionID), refused (why; at most keyward.challenge.max-refusals-recorded rows per
-- challenge), issued (which serial), expired (purged unredeemed), revoked. Rows outlive the
-- challenge row they describe: nothing references challenge, so the purge leaves them.
create table challenge_event (
    id               bigint generated always as identity primary key,
    correlation_id   uuid         not null,
    type             varchar(16)  not null,
    occurred_at      timestamptz  not null,
    api_client_id    bigint,
    transaction_id   text,
    reason           text,
    certificate_serial varchar(64),
    constraint challenge_event_type_check
        check (type in ('MINTED', 'REDEEMED', 'REFUSED', 'ISSUED', 'EXPIRED', 'REVOKED'))
);
create index challenge_event_correlation_id on challenge_event (correlation_id, id);
