-- The requests Intune accepted (issue 14/15): their success or failure notification sends the
-- CSR again, possibly from another challenge-service replica than the one that validated it,
-- and a repeated redemption must not make Intune judge the same request twice. A row lives
-- until its notification is sent or keep_until passes (keyward.challenge.intune.validated-retention).
create table intune_validated_request (
    transaction_id varchar(128) primary key,
    profile        varchar(100) not null,
    csr            text         not null,
    validated_at   timestamptz  not null,
    keep_until     timestamptz  not null
);
create index intune_validated_request_keep_until on intune_validated_request (keep_until);
