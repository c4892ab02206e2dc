-- Where a rule of the engine's fold begins, by journal seq. The journal is replayed at every start
-- (from a snapshot or from its first record), so a rule that changes what an event does must not
-- reinterpret the records written before it: they were decided under the old rule, and a replay
-- under the new one could build positions that never existed. Each rule applies from the seq
-- recorded here: the end of the journal when the rule arrived (1 for a new journal).
-- docs/adr/0010-positions-day-carried-books.md ("A fill from outside every book closes the books
-- it offsets").
CREATE TABLE engine_fold_rules (
  rule text PRIMARY KEY,
  from_seq bigint NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);

INSERT INTO engine_fold_rules (rule, from_seq)
SELECT 'books-closed-outside', COALESCE(max(seq), 0) + 1 FROM engine_events;
