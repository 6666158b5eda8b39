-- Issue 16, search of ten million certificates in under a second (bench/search.sh): one
-- index per search kind and per keyset order, no extension needed (the ca role owns only
-- its schema, so pg_trgm is out of reach; subjects are searched by prefix).

-- Subject prefix and the subject order: lower case in byte order, the id as tie-breaker.
create index ix_certificate_subject_lower on certificate ((lower(subject) collate "C"), id);

-- A whole SAN value, any case: the searchable form of the sans array.
create function certificate_san_keys(sans text[]) returns text[]
    language sql immutable strict parallel safe
    as $$ select array(select lower(san) from unnest(sans) san) $$;
create index ix_certificate_san_keys on certificate using gin (certificate_san_keys(sans));

-- The expiry order (and expiry ranges), the id as tie-breaker.
create index ix_certificate_not_after_id on certificate (not_after, id);
