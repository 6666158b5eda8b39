-- Revocation (RFC 5280 section 5.3.1), CRLs per CA and the delegated OCSP signer.
--
-- Nullable columns without default: a catalogue-only change, no table rewrite, and every
-- certificate issued before this version reads as not revoked.
alter table certificate
    add column revoked_at         timestamptz,
    -- RFC 5280 CRLReason name in camelCase, e.g. keyCompromise
    add column revocation_reason  text,
    add column revoked_by         text,
    add column revocation_comment text,
    -- serial of the renewal that replaced this certificate / the certificate this one renewed
    add column replaced_by        text,
    add column renewal_of         text,
    add constraint ck_certificate_revocation check ((revoked_at is null) = (revocation_reason is null));

-- The CRL lists the revoked certificates: a partial index keeps that read to them.
create index ix_certificate_revoked on certificate (revoked_at) where revoked_at is not null;
-- Search filters (keyset order is ix_certificate_issued_at).
create index ix_certificate_profile_issued_at on certificate (profile, issued_at desc, id desc);
create index ix_certificate_not_after on certificate (not_after);

-- Every CRL a CA issued, newest crl_number last. The CA's row is locked while a CRL is
-- built, so numbers are strictly increasing (RFC 5280 section 5.2.3) even with several
-- ca-adapter instances.
create table crl (
    id          bigint generated always as identity primary key,
    ca_name     text        not null,
    crl_number  bigint      not null,
    this_update timestamptz not null,
    next_update timestamptz not null,
    der         bytea       not null,
    constraint uk_crl_ca_number unique (ca_name, crl_number)
);

-- Delegated OCSP signing certificates (RFC 6960 section 4.2.2.2), issued by the CA; the
-- newest one signs. The PKCS#8 key is sealed like the CA key, purpose 'ocsp:<ca name>'.
create table ocsp_signer (
    id                 bigint generated always as identity primary key,
    ca_name            text        not null,
    serial             text        not null,
    certificate_der    bytea       not null,
    sealed_private_key bytea       not null,
    not_before         timestamptz not null,
    not_after          timestamptz not null,
    created_at         timestamptz not null
);

create index ix_ocsp_signer_ca_not_after on ocsp_signer (ca_name, not_after desc);
