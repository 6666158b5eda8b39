-- ANALYZE (autovacuum's, after every 10 % of changed rows) sorts a sample of up to 30 000
-- rows of every column. The issued certificate's DER bytes are the transaction's payload: no
-- query filters, joins or sorts on them, so their statistics only cost, a quarter of the
-- table's ANALYZE (660-910 ms for 29 000 transactions on 2 cores, 500 ms without;
-- docs/performance.md, "Where the slow requests fall"). Statistics target 0: ANALYZE skips
-- the column. The CSR keeps its statistics: the finisher's claim filters on csr is not null.
alter table transaction alter column certificate set statistics 0;
