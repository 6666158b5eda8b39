-- Issue 16, a word finds a certificate by any of its names: subjects are stored in RFC 2253
-- order (the last RDN of the CSR first: CN=device-7,O=Acme is stored O=Acme,CN=device-7),
-- so a prefix of the whole subject missed a CN that is not written first. Each RDN value
-- of the subject (CN, O, OU, ..., each value of a multi-valued RDN) and each SAN value
-- (without its type) is one row here, lower case in byte order, so a word is a range of
-- the primary key's B-tree whatever the RDN's place (docs/admin-dashboard.md, "Search").
-- The issuance writes a certificate's names in the statement that stores it.

-- The searchable names of a subject as X500Principal.getName() writes it (RFC 2253
-- section 2.4: ',', '+', '"', '\', '<', '>', ';' escaped by a backslash) and of its SANs
-- as SubjectAltNames renders them (type:value): unescaped, lower case, once each.
create function certificate_names(subject text, sans text[]) returns setof text
    language sql immutable strict parallel safe
    as $$
    select distinct lower(name) collate "C" from (
        select regexp_replace(rdn[1], '\\(.)', '\1', 'g') as name
        from regexp_matches(subject, '[^=,+]+=((?:[^\\,+]|\\.)*)', 'g') rdn
        union all
        select substring(san from '^[a-z]+:(.*)$') from unnest(sans) san
    ) names
    where name <> ''
    $$;

create table certificate_name (
    certificate_id bigint not null,
    name           text collate "C" not null
);

-- Backfill: one statement, the key and the reference checked after the rows are in
-- (cheaper than row by row). Measured with bench/search.sh's fill, see docs/performance.md.
insert into certificate_name (certificate_id, name)
select c.id, n.name
from certificate c, certificate_names(c.subject, c.sans) n(name);

alter table certificate_name add constraint pk_certificate_name primary key (name, certificate_id);
alter table certificate_name add constraint fk_certificate_name_certificate
    foreign key (certificate_id) references certificate (id) on delete cascade;

-- A word many certificates share (O=Example) is checked along the page's order, each
-- certificate's names looked up by its id (and the cascade finds them too).
create index ix_certificate_name_certificate on certificate_name (certificate_id, name);
