-- Multi-leg portfolios (issue 6).

-- A portfolio belongs to a trader and trades for one account. `definition` is the builder's
-- configuration (legs, execution, entry/exit rules), `version` counts its edits; `status` and
-- `runtime` are where the engine's automation stands (written only by the engine), so an armed
-- or active portfolio resumes after an engine restart.
CREATE TABLE portfolios (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  account_id uuid NOT NULL,
  name text NOT NULL,
  definition jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('DRAFT', 'WAITING_ENTRY', 'ENTERING', 'ACTIVE', 'EXITING', 'CLOSED', 'FAILED', 'STOPPED')),
  status_reason text,
  runtime jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX portfolios_user_idx ON portfolios (user_id);
CREATE INDEX portfolios_running_idx ON portfolios (status) WHERE status IN ('WAITING_ENTRY', 'ENTERING', 'ACTIVE', 'EXITING');

-- Every automated (or trader-requested) action on a portfolio, with the market snapshot that
-- triggered it: the audit trail of what the automation did and why.
CREATE TABLE portfolio_actions (
  id bigserial PRIMARY KEY,
  portfolio_id text NOT NULL REFERENCES portfolios(id) ON DELETE CASCADE,
  at timestamptz(3) NOT NULL,
  kind text NOT NULL,
  message text NOT NULL,
  snapshot jsonb,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX portfolio_actions_portfolio_idx ON portfolio_actions (portfolio_id, id);
