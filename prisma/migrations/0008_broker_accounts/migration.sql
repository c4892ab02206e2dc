-- Broker accounts an admin configures (issue 4), their encrypted secrets and the traders they are
-- assigned to. docs/adr/0018-broker-secrets-envelope-encryption.md.

-- Public settings only: API / app keys (not secret on their own), base URLs (null = the broker's
-- default; XTS market data defaults to the root URL), and the connection status the engine writes.
CREATE TABLE broker_accounts (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  broker text NOT NULL CHECK (broker IN ('KITE', 'XTS', 'SIMULATED_KITE', 'SIMULATED_XTS')),
  enabled boolean NOT NULL DEFAULT true,
  api_key text,
  api_url text,
  login_url text,
  ticker_url text,
  root_url text,
  market_data_url text,
  client_id text,
  interactive_app_key text,
  market_data_app_key text,
  connection text NOT NULL DEFAULT 'NEVER_CONNECTED'
    CHECK (connection IN ('NEVER_CONNECTED', 'CONNECTED', 'DISCONNECTED', 'SESSION_EXPIRED', 'ERROR')),
  status_message text,
  last_tick_at timestamptz(3),
  last_reconciled_at timestamptz(3),
  last_reconciliation jsonb,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
-- Names tell accounts apart on screen: "Zerodha" and "zerodha" would not.
CREATE UNIQUE INDEX broker_accounts_name_key ON broker_accounts (lower(name));

-- One row per secret (envelope encryption): the secret encrypted under its own data key, that data
-- key wrapped by the master key `master_key_id`. Both are bound (AES-GCM associated data) to
-- `broker_account:<account_id>:<field>`, so bytes copied to another row or field do not decrypt.
-- A separate table keeps ciphertext out of every listing query, lets a new kind of secret (e.g. a
-- Kite access token) arrive without a migration, and gives rotation one shape to re-wrap.
CREATE TABLE broker_account_secrets (
  account_id uuid NOT NULL REFERENCES broker_accounts(id) ON DELETE CASCADE,
  field text NOT NULL CHECK (field IN ('api_secret', 'interactive_secret', 'market_data_secret', 'access_token')),
  ciphertext bytea NOT NULL,
  iv bytea NOT NULL CHECK (octet_length(iv) = 12),
  tag bytea NOT NULL CHECK (octet_length(tag) = 16),
  wrapped_key bytea NOT NULL CHECK (octet_length(wrapped_key) = 32),
  wrapped_key_iv bytea NOT NULL CHECK (octet_length(wrapped_key_iv) = 12),
  wrapped_key_tag bytea NOT NULL CHECK (octet_length(wrapped_key_tag) = 16),
  master_key_id text NOT NULL,
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, field)
);
-- Rotation looks for rows still wrapped by an older master key.
CREATE INDEX broker_account_secrets_master_key_idx ON broker_account_secrets (master_key_id);

-- Which traders trade through which broker account.
CREATE TABLE broker_account_assignments (
  account_id uuid NOT NULL REFERENCES broker_accounts(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  assigned_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, user_id)
);
CREATE INDEX broker_account_assignments_user_idx ON broker_account_assignments (user_id);
