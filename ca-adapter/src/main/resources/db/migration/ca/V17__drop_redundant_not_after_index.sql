-- ix_certificate_not_after (V3) is a prefix of ix_certificate_not_after_id (V15): every
-- query by expiry (ranges, the expiry order, the statistics' counts) can use the wider
-- one, so the narrower only cost one more B-tree insert per issued certificate.
-- The expiry warning keeps its own partial index (ix_certificate_expiry_unwarned, V14).
drop index if exists ix_certificate_not_after;
