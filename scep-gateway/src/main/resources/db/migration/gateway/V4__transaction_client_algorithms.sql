-- Which algorithms the device used (issue 12), so admins can find devices that still use
-- legacy crypto (single DES, triple DES, SHA-1). Nullable: rows written before this
-- migration do not know them.
alter table transaction add column content_encryption_algorithm varchar(64);
alter table transaction add column key_transport_algorithm varchar(64);
alter table transaction add column digest_algorithm varchar(64);
alter table transaction add column signature_algorithm varchar(64);
