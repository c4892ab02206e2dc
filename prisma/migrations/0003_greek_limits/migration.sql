-- Optional per-account limits on net Greeks per underlying, checked pre-trade by the engine
-- (issue 5). A row exists only while at least one maximum is set: clearing both deletes it.
CREATE TABLE greek_limits (
  account_id uuid NOT NULL,
  underlying text NOT NULL,
  max_abs_delta_lots double precision,
  max_abs_vega_rupees double precision,
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_by uuid NOT NULL,
  PRIMARY KEY (account_id, underlying)
);
