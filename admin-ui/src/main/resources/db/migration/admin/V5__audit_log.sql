-- The audit log (issue 13): every security-relevant action the admin-ui sees or performs,
-- appended in sequence, each record hash-chained to the one before it, so that a record
-- altered or deleted afterwards is found by verification (GET /api/v1/audit/verify,
-- ./keyward audit verify). The admin_action rows of V2 become its first records.
--
-- hash = hex(SHA-256(UTF-8 of the canonical text)); the canonical text is the lines
--   keyward-audit-v1, prev_hash, seq, at (UTC, microseconds: 2026-12-05T08:00:00.000000Z),
--   then actor, action, target, detail each as <octets>:<text> (detail null: ~),
-- joined by \n (io.keyward.admin.audit.AuditChain writes the same text).
create table audit_record (
    seq        bigint       primary key,
    at         timestamptz  not null,
    actor      varchar(128) not null,
    action     varchar(64)  not null,
    target     text         not null,
    detail     text,
    prev_hash  char(64)     not null,
    hash       char(64)     not null
);

create index audit_record_target_idx on audit_record (target, seq);
create index audit_record_actor_idx on audit_record (actor, seq desc);
create index audit_record_action_idx on audit_record (action, seq desc);

-- The chain's end: one row, locked by each writer (select ... for update), so concurrent
-- writers take turns and the chain cannot fork; verification also compares it with the
-- last record, which finds records deleted from the end.
create table audit_head (
    singleton  boolean  primary key default true check (singleton),
    seq        bigint   not null,
    hash       char(64) not null
);

do $$
declare
    previous char(64) := repeat('0', 64);
    next_hash char(64);
    n bigint := 0;
    r record;
begin
    for r in select date_trunc('microseconds', at) as at, actor, action, target, detail
             from admin_action order by at, id loop
        n := n + 1;
        next_hash := encode(sha256(convert_to(concat_ws(E'\n', 'keyward-audit-v1', previous, n::text,
            to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            octet_length(r.actor) || ':' || r.actor,
            octet_length(r.action) || ':' || r.action,
            octet_length(r.target) || ':' || r.target,
            coalesce(octet_length(r.detail) || ':' || r.detail, '~')), 'UTF8')), 'hex');
        insert into audit_record (seq, at, actor, action, target, detail, prev_hash, hash)
        values (n, r.at, r.actor, r.action, r.target, r.detail, previous, next_hash);
        previous := next_hash;
    end loop;
    insert into audit_head (singleton, seq, hash) values (true, n, previous);
end
$$;

drop table admin_action;

-- A belt, not the proof: the application never updates or deletes audit records, and the
-- database refuses to. (The table's owner can still disable triggers; the hash chain is
-- what detects that.)
create function audit_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only: % on % refused', tg_op, tg_table_name;
end
$$;

create trigger audit_record_append_only before update or delete on audit_record
    for each row execute function audit_refuse_change();
create trigger audit_record_no_truncate before truncate on audit_record
    for each statement execute function audit_refuse_change();
create trigger audit_head_forward_only before update on audit_head
    for each row when (new.seq <> old.seq + 1) execute function audit_refuse_change();
create trigger audit_head_no_delete before delete on audit_head
    for each row execute function audit_refuse_change();
create trigger audit_head_no_truncate before truncate on audit_head
    for each statement execute function audit_refuse_change();
