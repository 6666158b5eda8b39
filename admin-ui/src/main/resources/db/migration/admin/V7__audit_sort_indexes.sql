-- The audit log sorted by actor or by action as well as by time (issue 16), with keyset
-- pages: each order is (key, seq), ties by sequence number in the same direction, and an
-- index holds every order with every filter the page offers, so a page reads at most a
-- page of index entries after the cursor, whatever the log's size. Actors and actions
-- compare byte by byte (collate "C"), the same on every installation; the queries
-- (io.keyward.admin.audit.AuditLog) name the same collation, or the indexes would not serve.
-- Records and their chain are not touched: only indexes change.
--
--   order      filter          index
--   time       -               primary key (seq)
--   time       actor           audit_record_actor_seq_idx
--   time       action          audit_record_action_seq_idx
--   time       actor, action   audit_record_actor_action_idx
--   actor      -, actor        audit_record_actor_seq_idx (also: the distinct actors, one probe each)
--   actor      action          audit_record_action_actor_idx
--   action     -, action       audit_record_action_seq_idx
--   action     actor           audit_record_actor_action_idx
create index audit_record_actor_seq_idx on audit_record (actor collate "C", seq);
create index audit_record_action_seq_idx on audit_record (action collate "C", seq);
create index audit_record_actor_action_idx on audit_record (actor collate "C", action collate "C", seq);
create index audit_record_action_actor_idx on audit_record (action collate "C", actor collate "C", seq);

-- V5's indexes in the database's collation, which the queries no longer use.
drop index audit_record_actor_idx;
drop index audit_record_action_idx;
