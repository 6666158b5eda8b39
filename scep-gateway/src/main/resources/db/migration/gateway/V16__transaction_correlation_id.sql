-- Issue 14, "one correlation id": a transaction carries the id of its enrollment: the
-- redeemed challenge's, or one the gateway made for a request no challenge authorised (a
-- renewal, a profile without challenges). A nullable column without default is a
-- catalogue-only change: transactions recorded before this version keep null ("not
-- recorded"); an open one gets an id when a gateway next claims it.
alter table transaction add column correlation_id uuid;
create index transaction_correlation_id_idx on transaction (correlation_id) where correlation_id is not null;
