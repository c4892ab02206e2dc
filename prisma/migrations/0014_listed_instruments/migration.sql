-- The derivatives the engine has listed (docs/adr/0010-positions-day-carried-books.md, "Held
-- contracts"). The engine rebuilds its listing at every start — today's instrument master, or the
-- simulator's calendar — which leaves out yesterday's expiries and the strikes outside today's
-- window around the money. A position or working order in such a contract would name an instrument
-- the engine no longer knows: unpriced, impossible to exit and, once expired, never settled. So
-- the engine remembers each contract it lists here, and at start lists again those it still holds.
-- `definition` is the engine's Instrument as JSON (the engine validates it); `expiry` lets old
-- contracts nobody holds be forgotten.
CREATE TABLE listed_instruments (
  id text PRIMARY KEY,
  definition jsonb NOT NULL,
  expiry date NOT NULL,
  listed_on date NOT NULL
);
CREATE INDEX listed_instruments_expiry_idx ON listed_instruments (expiry);
