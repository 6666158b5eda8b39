-- Idempotent issuance: a caller that retries an issue request after an uncertain failure
-- (its read timed out, or the ca-adapter died after the commit but before the answer) must
-- get the certificate already issued, not a second one: one certificate per SCEP
-- transaction. The key is the SCEP transactionID plus the CSR, so the same transactionID
-- with another CSR remains a different request.
--
-- Lower-case hex SHA-256 of the CSR's DER as received (after base64 decoding).
-- A nullable column without default is a catalogue-only change, no table rewrite.
alter table certificate_request add column csr_sha256 text;

-- Two identical requests that race both miss the lookup; this index makes the second
-- insert fail, and the loser answers the winner's certificate (Issuance catches it by this
-- name, apart from uk_certificate_serial).
--
-- Rows written before this version keep csr_sha256 null and are not backfilled: the old
-- ca-adapter did not deduplicate, so old rows may repeat a (transaction_id, CSR) pair and a
-- backfill could make the index build fail. Requests without a transactionID (admin and
-- API callers) are never deduplicated. The partial index leaves both out, which also keeps
-- the index to the rows the lookup can match.
create unique index uk_certificate_request_transaction_csr on certificate_request (transaction_id, csr_sha256)
    where transaction_id is not null and csr_sha256 is not null;
