-- GTT orders (docs/adr/0028-gtt-orders.md): a price alert that also places an order when it fires;
-- OCO pairs of them (each names the other in oco_with: the one that fires cancels the other); and
-- alerts on a contract that has expired end as EXPIRED (no price will ever reach them).
-- The order (side, product, type, quantity, limit price) is kept as set; the account is the user's
-- when they set it. order_outcome is written once the engine has placed the order (its id and
-- status) or decided not to (why): a fired GTT without an outcome is one the engine must finish.
ALTER TABLE price_alerts
  ADD COLUMN account_id    uuid REFERENCES accounts(id) ON DELETE CASCADE,
  ADD COLUMN order_spec    jsonb,
  ADD COLUMN order_outcome jsonb,
  ADD CONSTRAINT price_alerts_order_has_account CHECK ((order_spec IS NULL) = (account_id IS NULL)),
  ADD CONSTRAINT price_alerts_outcome_has_order CHECK (order_outcome IS NULL OR order_spec IS NOT NULL),
  ADD COLUMN expired_at    timestamptz(3),
  ADD COLUMN oco_with      uuid REFERENCES price_alerts(id) ON DELETE SET NULL,
  DROP CONSTRAINT price_alerts_status_check,
  ADD CONSTRAINT price_alerts_status_check CHECK (status IN ('ACTIVE', 'TRIGGERED', 'CANCELLED', 'EXPIRED'));
-- The engine's look, at start and after a failure, for fired GTTs whose order is still to be placed.
CREATE INDEX price_alerts_unplaced_idx ON price_alerts (triggered_at) WHERE status = 'TRIGGERED' AND order_spec IS NOT NULL AND order_outcome IS NULL;
