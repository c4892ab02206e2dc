-- Strategies, TradingView signals and API keys (issue 7).

-- A strategy belongs to a trader and trades for one account. Its webhook token is stored hashed
-- (sha256): the full URL is shown once, at creation or rotation. Configuration is versioned in
-- strategy_versions; `version` names the one in force.
CREATE TABLE strategies (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  account_id uuid NOT NULL,
  name text NOT NULL,
  template text NOT NULL CHECK (template IN ('TV_INSTRUMENT', 'TV_PORTFOLIO', 'SCHEDULED_PORTFOLIO')),
  enabled boolean NOT NULL DEFAULT false,
  mode text NOT NULL DEFAULT 'PAPER' CHECK (mode IN ('PAPER', 'LIVE')),
  version integer NOT NULL CHECK (version >= 1),
  token_hash text NOT NULL UNIQUE,
  token_hint text NOT NULL,
  passphrase_hash text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX strategies_user_idx ON strategies (user_id);

CREATE TABLE strategy_versions (
  strategy_id uuid NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  config jsonb NOT NULL,
  changed_by uuid NOT NULL,
  changed_at timestamptz(3) NOT NULL DEFAULT now(),
  comment text NOT NULL DEFAULT '',
  PRIMARY KEY (strategy_id, version)
);

-- Every alert that reached a strategy's URL, accepted or not; the durable queue the engine works
-- from (status ACCEPTED → PROCESSING → a final status). `dedupe_key` is the alert id from the
-- body, or a hash of the body; a repeat within the window becomes `duplicates + 1`, never a row.
CREATE TABLE signals (
  id bigserial PRIMARY KEY,
  strategy_id uuid NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
  strategy_version integer NOT NULL,
  user_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('ACCEPTED', 'PROCESSING', 'EXECUTED', 'NO_ACTION', 'REJECTED', 'FAILED')),
  reason_code text,
  reason_message text,
  content_type text NOT NULL,
  body text NOT NULL,
  source_ip text,
  dedupe_key text NOT NULL,
  alert_id text,
  action text,
  parsed jsonb,
  duplicates integer NOT NULL DEFAULT 0,
  attempts integer NOT NULL DEFAULT 0,
  order_ids text[] NOT NULL DEFAULT '{}',
  received_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX signals_strategy_received_idx ON signals (strategy_id, received_at);
CREATE INDEX signals_user_id_idx ON signals (user_id, id);
CREATE INDEX signals_dedupe_idx ON signals (strategy_id, dedupe_key, received_at);
CREATE INDEX signals_queue_idx ON signals (id) WHERE status IN ('ACCEPTED', 'PROCESSING');

-- Each signal's timeline: received → parsed → risk-checked → orders sent → acknowledged → filled.
CREATE TABLE signal_events (
  id bigserial PRIMARY KEY,
  signal_id bigint NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
  stage text NOT NULL,
  at timestamptz(3) NOT NULL DEFAULT now(),
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX signal_events_signal_idx ON signal_events (signal_id, id);

-- API keys for external clients: only a sha256 of the secret is kept; `prefix` identifies the key.
CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  prefix text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  scopes text[] NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at timestamptz(3),
  revoked_at timestamptz(3)
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);
