-- The check value of the challenge HMAC key (HMAC-SHA256 of a fixed text under it): the
-- service records it on first start and refuses to start under another key, which would
-- silently make every outstanding challenge unknown. One row; an upgraded database gets
-- it on its first start after this migration.
create table hmac_key_check (
    id         smallint    primary key check (id = 1),
    key_check  bytea       not null,
    created_at timestamptz not null
);
