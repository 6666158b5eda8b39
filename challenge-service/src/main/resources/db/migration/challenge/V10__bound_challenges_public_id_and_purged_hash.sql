-- Issue 14: bound challenges, the challenge's own API and the purge of expired secrets.

-- The stable public id an MDM addresses a challenge by (GET/DELETE /api/v1/challenges/{id});
-- the sequence id stays internal. Rows from before V10 get one each.
alter table challenge add column public_id uuid not null default gen_random_uuid();
alter table challenge add constraint challenge_public_id_unique unique (public_id);

-- What the CSR must carry (null: any), beside bound_sid (V4). bound_sans and bound_key_usage
-- hold one entry per line. bound_to_csr is true when any of them is set: the redemption's
-- one-statement fast path is for challenges that need no CSR check.
alter table challenge add column bound_subject         text;
alter table challenge add column bound_subject_pattern text;
alter table challenge add column bound_sans            text;
alter table challenge add column bound_key_usage       text;
alter table challenge add column bound_device_id       varchar(200);
alter table challenge add column bound_template        varchar(100);
alter table challenge add column bound_to_csr          boolean not null default false;
alter table challenge add column external_id           varchar(200);

-- A CSR that did not match the binding burns the challenge (docs/decisions.md); a client may
-- revoke an outstanding one.
alter table challenge add column refused_at     timestamptz;
alter table challenge add column refusal_reason text;
alter table challenge add column revoked_at     timestamptz;

-- The purge drops the secret's hash once a challenge can no longer be redeemed and keeps
-- the record for keyward.challenge.retention.
alter table challenge alter column challenge_hash drop not null;

-- A client lists its own challenges in minting order (keyset paging on id) and finds them by
-- its own reference.
create index challenge_client_order on challenge (api_client_id, id);
create index challenge_client_external_id on challenge (api_client_id, external_id) where external_id is not null;

-- The bootstrap client as created before V10 may also read, list and revoke its challenges.
update api_client set scopes = 'challenge:mint challenge:read challenge:list challenge:revoke'
where name = 'bootstrap' and scopes = 'challenge:mint';
