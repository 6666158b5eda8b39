-- RA key pairs (RFC 8894 section 2.1.2: the RA signs CertReps and decrypts pkcsPKIEnvelopes).
-- One row per purpose; the unique constraint makes concurrently starting gateways converge.
create table ra_key (
    id                  uuid primary key,
    purpose             varchar(32)  not null,
    certificate         bytea        not null,
    sealed_private_key  bytea        not null,
    serial_number       varchar(64)  not null,
    not_after           timestamptz  not null,
    created_at          timestamptz  not null,
    constraint ra_key_purpose_unique unique (purpose)
);

-- SCEP transactions (RFC 8894 section 3.2.1.1). transactionID is opaque and client-chosen,
-- so it is unique only within a profile; retries with the same CSR are answered from here.
create table transaction (
    id                  uuid primary key,
    profile             varchar(64)   not null,
    transaction_id      varchar(512)  not null,
    message_type        varchar(32)   not null,
    signer_key_sha256   varchar(64)   not null,
    csr_sha256          varchar(64)   not null,
    subject             text,
    status              varchar(16)   not null,
    fail_info           varchar(32),
    failure_reason      text,
    certificate_serial  varchar(64),
    certificate         bytea,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    constraint transaction_profile_transaction_id_unique unique (profile, transaction_id),
    constraint transaction_status_check check (status in ('RECEIVED', 'ISSUED', 'FAILED'))
);

create index transaction_created_at_idx on transaction (created_at desc);
