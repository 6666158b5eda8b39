-- Issue 12: the CA generation that signed every certificate, so that each generation's CRL
-- lists only its own certificates (RFC 5280 section 5: a CRL is per issuer) and OCSP
-- answers a serial only for the issuer that signed it (RFC 6960 section 2.2). It is the
-- generation's name (certificate_authority.name: the CA's name, then <name>-g2 ...).
-- A nullable column without default: a catalogue-only change.
alter table certificate add column ca_name text;

-- Certificates written before this version: the generation of the lineage that was issuing
-- when the certificate was stored (the one CaRollover picks: the newest whose activates_at
-- had passed). A deployment has one lineage; should a database hold several, the first
-- CA stored names it.
update certificate c set ca_name = (
    select a.name from certificate_authority a
    where a.lineage = (select name from certificate_authority where generation = 1 order by id limit 1)
      and (a.activates_at is null or a.activates_at <= c.issued_at)
    order by a.generation desc limit 1)
where c.ca_name is null;

-- the CRL of a generation: its revoked certificates
create index ix_certificate_ca_revoked on certificate (ca_name, revoked_at) where revoked_at is not null;
