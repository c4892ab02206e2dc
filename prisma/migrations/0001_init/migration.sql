-- Users, accounts, sessions, watchlists and the engine journal.
CREATE TYPE "Role" AS ENUM ('admin', 'trader', 'viewer');

CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role "Role" NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  disabled_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  broker text NOT NULL DEFAULT 'paper',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX accounts_user_id_idx ON accounts (user_id);

CREATE TABLE refresh_sessions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  family_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz(3) NOT NULL,
  rotated_at timestamptz(3),
  revoked_at timestamptz(3),
  user_agent text,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX refresh_sessions_user_id_idx ON refresh_sessions (user_id);
CREATE INDEX refresh_sessions_family_id_idx ON refresh_sessions (family_id);

CREATE TABLE watchlist_items (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  instrument_id text NOT NULL,
  position integer NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, instrument_id)
);
CREATE INDEX watchlist_items_user_id_position_idx ON watchlist_items (user_id, position);

-- seq is assigned by the single writing engine, contiguous; the primary key refuses duplicates.
CREATE TABLE engine_events (
  seq bigint PRIMARY KEY,
  account_id uuid NOT NULL,
  order_id text,
  client_order_id text,
  type text NOT NULL,
  payload jsonb NOT NULL,
  recorded_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX engine_events_account_id_seq_idx ON engine_events (account_id, seq);
CREATE INDEX engine_events_order_id_idx ON engine_events (order_id);
-- A client order id is an idempotency key per account: one creating event each, ever.
CREATE UNIQUE INDEX engine_events_client_order_id_key ON engine_events (account_id, client_order_id)
  WHERE type IN ('OrderSubmitted', 'OrderDenied');
