-- Where a rule of the engine's fold begins, by journal seq. The journal is replayed at every start
-- (from a snapshot or from its first record), so a rule that changes what an event does must not
-- reinterpret the records written before it: they were decided under the old rule, and a replay
-- under the new one could build positions that never existed. The engine records each rule's row
-- at its first start that knows the rule: the end of the journal it recovered + 1 (1 for a new
-- journal) — not this migration, which another process (the gateway) may run while an engine of
-- the old code is still journaling. docs/adr/0010-positions-day-carried-books.md.
CREATE TABLE engine_fold_rules (
  rule text PRIMARY KEY,
  from_seq bigint NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
