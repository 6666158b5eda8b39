-- Renewal (RFC 8894 section 2.5): a certificate issued for a RenewalReq, or for a PKCSReq
-- signed with a certificate of ours, names the certificate it renews (certificate.renewal_of);
-- the renewed one names the certificate that replaced it (certificate.replaced_by, the newest
-- when it was renewed more than once). V3 added both columns; the request records the serial
-- it renews too, for idempotency. Serials as in certificate.serial: upper-case hex without
-- leading zeros. A nullable column without default is a catalogue-only change: no table
-- rewrite, old rows stay as they were (not renewals).
alter table certificate_request add column renewal_of text;

create index ix_certificate_renewal_of on certificate (renewal_of) where renewal_of is not null;

-- Clients derive the transactionID from the public key (certmonger, Apple, jscep), so a
-- renewal with the same key repeats the transactionID, and often the very CSR, of the first
-- enrollment: it is a different request all the same. Idempotency is now per transactionID,
-- CSR and certificate renewed (none for a first enrollment). Same name, so Issuance still
-- recognises the violation.
drop index uk_certificate_request_transaction_csr;
create unique index uk_certificate_request_transaction_csr
    on certificate_request (transaction_id, csr_sha256, coalesce(renewal_of, ''))
    where transaction_id is not null and csr_sha256 is not null;
