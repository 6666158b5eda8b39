-- Issue 14, event webhooks: one row per enrollment event (ISSUED, RENEWED, REFUSED),
-- written in the statement that records the transaction's outcome, so that no outcome
-- goes without its event; the relay sends it to the challenge-service and deletes it.
-- The event itself is read from the transaction row, final once ISSUED or FAILED.
create table event_outbox (
    id              uuid        primary key,
    transaction_row uuid        not null,
    type            varchar(16) not null,
    occurred_at     timestamptz not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text
);

create index event_outbox_due_idx on event_outbox (next_attempt_at);
