-- Price alerts (docs/adr/0027-price-alerts.md): a user's "tell me when this trades at or past this
-- level". The gateway writes them, the engine watches the live price and fires each once (the
-- ACTIVE → TRIGGERED update is the one place that decides, so a restart or a second look cannot
-- fire it twice). Prices in integer paise.
CREATE TABLE price_alerts (
  id               uuid PRIMARY KEY,
  user_id          uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  instrument_id    text NOT NULL,
  condition        text NOT NULL CHECK (condition IN ('ABOVE', 'BELOW')),
  price            bigint NOT NULL CHECK (price > 0),
  note             text NOT NULL DEFAULT '',
  status           text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'TRIGGERED', 'CANCELLED')),
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  triggered_at     timestamptz(3),
  triggered_price  bigint,
  cancelled_at     timestamptz(3)
);
-- The user's list (newest first), and the engine's load of what is still armed.
CREATE INDEX price_alerts_user_idx ON price_alerts (user_id, created_at DESC);
CREATE INDEX price_alerts_active_idx ON price_alerts (status) WHERE status = 'ACTIVE';
