-- Issue 16, the requests search (GET /api/v1/transactions?q=, bench/search-requests.sh):
-- one index per keyset order (the id as tie-breaker) and per needle, so a page costs the
-- same however deep it is and ten million requests are searched by B-tree ranges.

-- The created order (newest first by default) and created ranges.
create index transaction_created_at_id_idx on transaction (created_at, id);

-- Subject prefixes and the subject order: lower case in byte order ("C"), an unknown
-- subject (a request that did not parse) as the empty string.
create index transaction_subject_lower_idx on transaction ((coalesce(lower(subject), '') collate "C"), id);

-- The status filter (with the created order inside it) and the status order.
create index transaction_status_created_at_idx on transaction (status, created_at, id);

-- The profile filter with the created order inside it.
create index transaction_profile_created_at_idx on transaction (profile, created_at, id);

-- A transactionID on any profile (the unique index leads with the profile).
create index transaction_transaction_id_idx on transaction (transaction_id);

-- The serial of the issued certificate, in its stored form (SerialNumbers.key).
create index transaction_certificate_serial_idx on transaction (certificate_serial)
    where certificate_serial is not null;
