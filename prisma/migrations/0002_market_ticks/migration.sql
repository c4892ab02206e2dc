-- Recorded market ticks. A TimescaleDB hypertable when the extension is available, otherwise a
-- plain table with a BRIN index on time (docs/adr/0005-timeseries-timescale-fallback.md).
CREATE TABLE market_ticks (
  instrument_id text NOT NULL,
  ts timestamptz(3) NOT NULL,
  last_price bigint NOT NULL,
  volume bigint NOT NULL,
  open_interest bigint NOT NULL,
  PRIMARY KEY (instrument_id, ts)
);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
    PERFORM create_hypertable('market_ticks', 'ts', chunk_time_interval => interval '1 day');
  ELSE
    CREATE INDEX market_ticks_ts_brin ON market_ticks USING brin (ts);
  END IF;
END
$$;
