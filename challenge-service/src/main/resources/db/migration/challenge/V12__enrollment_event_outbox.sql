-- Issue 14, event webhooks: the events the scep-gateway and the ca-adapter publish, kept
-- once per event id (a retried POST stores nothing new), and one delivery row per event
-- and configured webhook. The deliverers of every instance share the due rows with
-- FOR UPDATE SKIP LOCKED; a delivery that used up its attempts is DEAD (the dead-letter
-- list admins replay).
create table enrollment_event (
    id          uuid        primary key,
    type        text        not null,
    occurred_at timestamptz not null,
    -- the JSON body exactly as it is sent and signed
    body        text        not null,
    received_at timestamptz not null
);

create table webhook_delivery (
    id              bigserial   primary key,
    event_id        uuid        not null references enrollment_event (id),
    webhook         text        not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    last_attempt_at timestamptz,
    delivered_at    timestamptz,
    unique (event_id, webhook)
);

create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_dead on webhook_delivery (id) where status = 'DEAD';
