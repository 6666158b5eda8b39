-- Approval (issue 12): a profile may require an admin's approval. The challenge is redeemed
-- when the request arrives; the transaction then waits in WAITING_APPROVAL with the template
-- the challenge-service named, until it is approved (back to RECEIVED, completed by the
-- finisher or the device's next CertPoll), rejected or expired (FAILED).
alter table transaction drop constraint transaction_status_check;
alter table transaction add constraint transaction_status_check
    check (status in ('RECEIVED', 'WAITING_APPROVAL', 'ISSUED', 'FAILED'));
alter table transaction add column template varchar(128);
alter table transaction add column approval_expires_at timestamptz;
alter table transaction add column decision varchar(16);
alter table transaction add column decided_by text;
alter table transaction add column decided_at timestamptz;
alter table transaction add column decision_comment text;
alter table transaction add constraint transaction_decision_check
    check (decision is null or decision in ('APPROVED', 'REJECTED'));

-- the approval queue and its expiry, without reading the whole log
create index transaction_waiting_approval_idx on transaction (approval_expires_at)
    where status = 'WAITING_APPROVAL';

-- RA rollover (issue 12): an RA certificate is renewed before it expires. The new pair becomes
-- CURRENT, the old one PREVIOUS: its encryption key still decrypts what devices enveloped to the
-- certificate they fetched earlier, until that certificate expires; then it is RETIRED (kept as
-- a record, never used). One CURRENT pair per purpose; the partial unique index is what the
-- unique constraint on purpose was, so concurrently starting gateways still converge.
alter table ra_key add column state varchar(16) not null default 'CURRENT';
alter table ra_key add constraint ra_key_state_check check (state in ('CURRENT', 'PREVIOUS', 'RETIRED'));
alter table ra_key drop constraint ra_key_purpose_unique;
create unique index ra_key_current_purpose_unique on ra_key (purpose) where state = 'CURRENT';
