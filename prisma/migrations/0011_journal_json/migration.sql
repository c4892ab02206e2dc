-- The journal's payload is written once, by COPY, and read back whole by the engine; nothing
-- queries inside it. `json` keeps the text as written (validated, not converted), which costs
-- PostgreSQL about a third less per record than `jsonb` on the engine's hottest write and sends
-- it back without conversion at replay (docs/adr/0024-journal-copy-json.md). Rewrites the table once.
ALTER TABLE engine_events ALTER COLUMN payload TYPE json USING payload::json;
