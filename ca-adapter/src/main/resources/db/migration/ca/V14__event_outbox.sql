-- Issue 14, event webhooks: REVOKED (written in the revocation's transaction) and EXPIRING
-- (written by the expiry scan in the statement that marks the certificate warned, so each
-- certificate is announced once even with several instances) wait here until the relay
-- has handed them to the challenge-service.
create table event_outbox (
    id              uuid        primary key,
    certificate_id  bigint      not null,
    type            text        not null,
    occurred_at     timestamptz not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text
);

create index ix_event_outbox_due on event_outbox (next_attempt_at);

-- Nullable without default: no rewrite; certificates issued before read as not yet warned.
alter table certificate add column expiry_warned_at timestamptz;

create index ix_certificate_expiry_unwarned on certificate (not_after)
    where expiry_warned_at is null and revoked_at is null;
