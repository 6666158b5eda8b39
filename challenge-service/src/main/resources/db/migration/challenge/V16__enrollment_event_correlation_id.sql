-- Issue 14, "one correlation id": an enrollment's page lists the notifications sent for it, so
-- each stored event carries its correlation id as a column, taken from the JSON body it was
-- sent with (events stored before this version included, where the body names a UUID).
alter table enrollment_event add column correlation_id uuid;
update enrollment_event
   set correlation_id = (body::jsonb ->> 'correlationId')::uuid
 where body::jsonb ->> 'correlationId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
create index enrollment_event_correlation_id on enrollment_event (correlation_id) where correlation_id is not null;
