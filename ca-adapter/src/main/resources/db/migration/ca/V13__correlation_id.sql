-- Issue 14, "one correlation id": the request and the certificate carry the id of the
-- enrollment (the redeemed challenge's, or the gateway's own for a renewal). Nullable
-- columns without default are catalogue-only changes: rows stored before this version keep
-- null, read as "not recorded" (no id could be recovered for them: the gateway and the
-- challenge-service did not keep one either).
alter table certificate_request add column correlation_id uuid;
alter table certificate add column correlation_id uuid;
create index ix_certificate_correlation_id on certificate (correlation_id) where correlation_id is not null;
