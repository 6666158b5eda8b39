-- Issue 16, a word finds a request by any of its names, as ca V16 does for certificates:
-- the subject is stored most specific RDN first as the CSR's writer ordered it
-- (CN=device-7,O=Acme or O=Acme,CN=device-7), so a prefix of the whole subject missed an O,
-- and a CN not written first. Each RDN value of the subject (CN, O, OU, ..., each value of
-- a multi-valued RDN) and each requested SAN value (without its type) is one row here,
-- lower case in byte order, so a word is a range of the primary key's B-tree whatever the
-- RDN's place (docs/admin-dashboard.md, "Search"). The enrollment writes a request's names
-- in the statement that records it (TransactionLog).
--
-- The transaction row keeps the subject but not the SANs, and its CSR is sealed (V12), so
-- the backfill below has the subjects' RDN values only: a request recorded before V20 is
-- not found by a SAN (it was not before either).

-- The searchable names of a subject as CertificationRequest.subject() writes it (RFC 4514
-- section 2.4 escaping: a backslash before ',', '+', '"', '\', '<', '>', ';' or a hex
-- pair's first digit) and of the SANs as SubjectAltNames renders them (type:value):
-- unescaped, lower case, once each.
create function transaction_names(subject text, sans text[]) returns setof text
    language sql immutable parallel safe
    as $$
    select distinct lower(name) collate "C" from (
        select regexp_replace(rdn[1], '\\(.)', '\1', 'g') as name
        from regexp_matches(coalesce(subject, ''), '[^=,+]+=((?:[^\\,+]|\\.)*)', 'g') rdn
        union all
        select substring(san from '^[a-z]+:(.*)$') from unnest(coalesce(sans, '{}')) san
    ) names
    where name <> ''
    $$;

create table transaction_name (
    request_id uuid not null,
    name       text collate "C" not null
);

-- Backfill: one statement, the key and the reference checked after the rows are in
-- (cheaper than row by row). Measured with bench/search.sh requests, docs/performance.md.
insert into transaction_name (request_id, name)
select t.id, n.name
from transaction t, transaction_names(t.subject, null) n(name)
where t.subject is not null;

alter table transaction_name add constraint transaction_name_pkey primary key (name, request_id);
alter table transaction_name add constraint transaction_name_request_fkey
    foreign key (request_id) references transaction (id) on delete cascade;

-- A word many requests share (O=Example) is checked along the page's order, each request's
-- names looked up by its id (and the cascade finds them too).
create index transaction_name_request_idx on transaction_name (request_id, name);
