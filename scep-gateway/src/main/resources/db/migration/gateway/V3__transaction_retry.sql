-- Transactions an upstream outage left open are completed by the gateway itself (issue 4):
-- the row keeps the CSR it needs to redeem the challenge and ask the CA again, and the
-- retry schedule. Status RECEIVED keeps meaning "open"; rows written before this migration
-- have no CSR and can only be completed by the device's own retry.
alter table transaction add column csr bytea;
alter table transaction add column attempts integer not null default 0;
alter table transaction add column next_attempt_at timestamptz;

-- what the background finisher looks for: open rows, oldest due first
create index transaction_open_due_idx on transaction (next_attempt_at nulls first) where status = 'RECEIVED';
