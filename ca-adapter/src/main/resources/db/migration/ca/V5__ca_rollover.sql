-- CA rollover (RFC 8894 section 4.7; link certificates as in RFC 4210 section 4.4).
--
-- A CA's successors are rows of the same table: lineage is the configured CA name
-- (keyward.ca.name) the row succeeds, generation counts from 1, and activates_at is the
-- moment it becomes the issuing CA. Rows written before this version are the first
-- generation of their own lineage and issue from the beginning (activates_at null).
-- Nullable columns, and a not-null column with a constant default: catalogue-only
-- changes, no table rewrite.
alter table certificate_authority
    add column lineage          text,
    add column generation       integer not null default 1,
    add column activates_at     timestamptz,
    -- when a running ca-adapter first issued with it (event=ca_switched)
    add column switched_at      timestamptz,
    add column switch_requested_by text,
    -- NewWithOld: this CA's key certified by its predecessor; OldWithNew: the
    -- predecessor's key certified by this CA (RFC 4210 section 4.4)
    add column new_with_old_der bytea,
    add column old_with_new_der bytea;

update certificate_authority set lineage = name where lineage is null;
alter table certificate_authority alter column lineage set not null;

-- one row per generation of a lineage: two admins preparing at once cannot both succeed
create unique index uk_certificate_authority_lineage_generation on certificate_authority (lineage, generation);
