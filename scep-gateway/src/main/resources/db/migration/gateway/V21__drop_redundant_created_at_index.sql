-- transaction_created_at_idx (V1, created_at descending) serves nothing that
-- transaction_created_at_id_idx (V19, created_at then id) does not: a B-tree is read in
-- either direction, so the newest-first history and every range of creation times use
-- the wider one. One index less to maintain on every insert and every update that moves
-- a transaction (it had thirteen).
drop index if exists transaction_created_at_idx;
