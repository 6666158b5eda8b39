-- Issue 13: the CA records which internal caller asked for every certificate (the name of
-- its credential, keyward.edge.callers.<caller>: 'gateway' today). A nullable column
-- without default is a catalogue-only change: certificates issued before this version keep
-- null, read as "not recorded".
alter table certificate add column requested_by text;
