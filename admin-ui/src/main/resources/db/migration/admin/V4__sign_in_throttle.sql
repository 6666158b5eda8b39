-- Failed sign-ins per account and per client address (issue 13): after too many, further
-- attempts wait for a lock that doubles with each failure after it. Rows of subjects that
-- have not failed for the longest lock are deleted as new failures arrive.
create table sign_in_throttle (
    -- 'account:<typed username>' or 'address:<IPv4 address or IPv6 /64>'
    subject          varchar(200) primary key,
    failures         integer      not null,
    last_failure_at  timestamptz  not null,
    locked_until     timestamptz
);

create index sign_in_throttle_last_failure_idx on sign_in_throttle (last_failure_at);
