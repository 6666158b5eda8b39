-- Issue 16: the admin's list of a client's outstanding challenges, sorted by minted or
-- expiry time either way and paged by keyset ((time, id) after the previous page's last
-- row). Only open rows are indexed (not redeemed, revoked or refused): a client's
-- redeemed challenges, however many, are never read to find its outstanding ones.
-- "api_client_id is not null" keeps the redemption (which names no client) off these
-- indexes: it must find its challenge by the unique hash (RedemptionPlanTests).
create index challenge_open_by_created on challenge (api_client_id, created_at, id)
    where api_client_id is not null and transaction_id is null and revoked_at is null and refused_at is null;
create index challenge_open_by_expiry on challenge (api_client_id, expires_at, id)
    where api_client_id is not null and transaction_id is null and revoked_at is null and refused_at is null;

-- Issue 16: the admin's list of webhook deliveries, filtered by state and paged by keyset
-- on the delivery id either way (the primary key serves the list of every state).
create index webhook_delivery_by_status on webhook_delivery (status, id);
