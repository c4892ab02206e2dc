-- Nothing reads the journal by account (the engine replays by seq, folds orders by order_id), and
-- every journal INSERT paid to maintain this index (docs/benchmarks.md, "Engine core").
DROP INDEX IF EXISTS engine_events_account_id_seq_idx;
