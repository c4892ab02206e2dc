-- Engine core (issue 3): versioned per-account risk limits, trading halts (kill switch,
-- reconciliation blocks, daily-loss stops) and journal snapshots.

-- Every change of an account's limits is a new version; nothing is updated in place. Version 0 is
-- the engine's defaults and has no row. Orders record the version they were checked against.
CREATE TABLE risk_limits (
  account_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  limits jsonb NOT NULL,
  changed_by uuid NOT NULL,
  changed_at timestamptz(3) NOT NULL DEFAULT now(),
  comment text NOT NULL DEFAULT '',
  PRIMARY KEY (account_id, version)
);

-- Halts block new orders until an admin releases them; released rows stay as the audit trail.
CREATE TABLE trading_halts (
  id serial PRIMARY KEY,
  scope text NOT NULL CHECK (scope IN ('GLOBAL', 'ACCOUNT')),
  account_id uuid,
  kind text NOT NULL CHECK (kind IN ('KILL_SWITCH', 'RECONCILIATION', 'DAILY_LOSS')),
  reason text NOT NULL,
  flatten boolean NOT NULL DEFAULT false,
  engaged_by uuid,
  engaged_at timestamptz(3) NOT NULL DEFAULT now(),
  released_by uuid,
  released_at timestamptz(3),
  release_note text,
  details jsonb NOT NULL DEFAULT '{}',
  CHECK ((scope = 'GLOBAL') = (account_id IS NULL))
);
CREATE INDEX trading_halts_active_idx ON trading_halts (engaged_at) WHERE released_at IS NULL;
CREATE INDEX trading_halts_account_idx ON trading_halts (account_id, engaged_at);

-- The engine's state folded up to `seq`, so a restart replays only the journal after it. Stored
-- in parts of a few MiB (one huge value is slow to read back) and uncompressed by PostgreSQL
-- (EXTERNAL: the engine's own encoding is compact; pglz would only cost time).
CREATE TABLE engine_snapshots (
  seq bigint NOT NULL,
  part integer NOT NULL,
  format integer NOT NULL,
  state bytea NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (seq, part)
);
ALTER TABLE engine_snapshots ALTER COLUMN state SET STORAGE EXTERNAL;
