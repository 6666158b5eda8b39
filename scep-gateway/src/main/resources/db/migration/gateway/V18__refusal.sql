-- Requests refused before a transaction was recorded (issue 16): no challenge password,
-- a message that does not parse, an unknown profile, a bad signature. Bounded: the
-- gateway purges rows past keyward.gateway.refusals.max-age and beyond max-rows. Text is
-- capped by the gateway before it is written; no challenge password, no message body.
create table refusal (
    id bigint generated always as identity primary key,
    occurred_at timestamp with time zone not null,
    profile varchar(64) not null,
    transaction_id varchar(128),
    message_type varchar(32),
    fail_info varchar(32) not null,
    reason varchar(300) not null
);

create index refusal_occurred_at on refusal (occurred_at);
