-- A request works on its transaction under a claim instead of a row lock held across the
-- calls to the challenge-service and the ca-adapter: the claim is taken and released by
-- single statements, so no database connection waits on HTTP. A claim older than the
-- lease (a gateway that died mid-request) may be taken over by a retry.
alter table transaction add column claim_token uuid;
alter table transaction add column claimed_at timestamptz;
