-- The CA itself: one row per named CA. The unique name lets two instances that start at
-- the same moment race safely: the loser's insert does nothing and it loads the winner's CA.
create table certificate_authority (
    id                 bigint generated always as identity primary key,
    name               text        not null,
    subject            text        not null,
    key_algorithm      text        not null,
    certificate_der    bytea       not null,
    certificate_pem    text        not null,
    -- PKCS#8 private key sealed with AES-256-GCM under the key-encryption key, purpose 'ca:<name>'
    sealed_private_key bytea       not null,
    not_before         timestamptz not null,
    not_after          timestamptz not null,
    created_at         timestamptz not null,
    constraint uk_certificate_authority_name unique (name)
);

-- Requests that produced a certificate. Refused requests are answered 400 and logged
-- (event=issuance_refused) but never stored, so no half-written record exists.
create table certificate_request (
    id              bigint generated always as identity primary key,
    transaction_id  text,
    profile         text,
    template        text        not null,
    csr             bytea       not null,
    subject         text        not null,
    requested_at    timestamptz not null,
    status          text        not null,
    refusal_reason  text,
    constraint ck_certificate_request_status check (status in ('ISSUED', 'REFUSED'))
);

create table certificate (
    id              bigint generated always as identity primary key,
    -- upper-case hex without leading zeros, as in IssuedCertificate.serialNumber
    serial          text        not null,
    request_id      bigint      not null references certificate_request (id),
    subject         text        not null,
    sans            text[]      not null,
    not_before      timestamptz not null,
    not_after       timestamptz not null,
    profile         text,
    template        text        not null,
    transaction_id  text,
    pem             text        not null,
    issued_at       timestamptz not null,
    constraint uk_certificate_serial unique (serial)
);

create index ix_certificate_issued_at on certificate (issued_at desc, id desc);
create index ix_certificate_request_id on certificate (request_id);
create index ix_certificate_transaction_id on certificate (transaction_id);
