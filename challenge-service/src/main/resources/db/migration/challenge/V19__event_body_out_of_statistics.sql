-- ANALYZE (autovacuum's, after every 10 % of changed rows) sorts a sample of up to 30 000
-- rows of every column. An enrollment event's JSON body is its payload: no query filters,
-- joins or sorts on it, so its statistics only cost, a quarter of the table's ANALYZE
-- (176-199 ms for 29 000 events on 2 cores, 136-149 ms without; docs/performance.md,
-- "Where the slow requests fall"). Statistics target 0: ANALYZE skips the column.
alter table enrollment_event alter column body set statistics 0;
