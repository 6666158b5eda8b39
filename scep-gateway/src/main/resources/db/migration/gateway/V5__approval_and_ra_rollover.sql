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
