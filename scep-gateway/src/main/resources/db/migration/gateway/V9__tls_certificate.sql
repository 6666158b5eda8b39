-- The gateway's own TLS server certificate (issue 13: devices enroll over HTTPS), issued by the
-- built-in CA for the configured host names when the operator supplies none. Its private key is
-- sealed with the key-encryption key, as the RA keys are. A renewal makes the previous row
-- RETIRED (kept as a record).
create table tls_certificate (
    id                  uuid primary key,
    host_names          text         not null,
    certificate         bytea        not null,
    sealed_private_key  bytea        not null,
    serial_number       varchar(64)  not null,
    not_after           timestamptz  not null,
    created_at          timestamptz  not null,
    state               varchar(16)  not null default 'CURRENT',
    constraint tls_certificate_state_check check (state in ('CURRENT', 'RETIRED'))
);
-- one CURRENT certificate per set of host names: gateways configured alike share it, a gateway
-- configured for other names (or defaulting to its own machine name) gets its own
create unique index tls_certificate_current_unique on tls_certificate (host_names) where state = 'CURRENT';
