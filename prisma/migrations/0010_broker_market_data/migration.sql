-- Market data from a broker account (issue 4). One broker account at most supplies the engine's
-- market (quotes, charts, the paper broker's fills) instead of the simulator; the engine reads the
-- choice at start. docs/adr/0021-broker-market-data.md.

-- At most one row is true: the index refuses a second, and the store changes the choice under a
-- transaction lock (unmark, then mark), so two admins choosing at once cannot both win.
ALTER TABLE broker_accounts ADD COLUMN market_data boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX broker_accounts_one_market_data_source ON broker_accounts ((true)) WHERE market_data;
-- What the engine says about the feed for the admin screen ("Streaming 2,214 instruments", "Waiting
-- for Zerodha to be connected", ...); null when the account does not supply market data.
ALTER TABLE broker_accounts ADD COLUMN market_data_status text;

-- The broker's instrument master as last downloaded (on every connect of the market-data account):
-- the engine builds its option chains from it at start, so a restart before the broker is connected
-- again still lists the broker's instruments. `contracts` is a JSON array of the listed contracts
-- of the configured underlyings (apps/engine/src/instruments/listed-contract.ts), not the raw file.
CREATE TABLE broker_instrument_masters (
  broker_account_id uuid PRIMARY KEY REFERENCES broker_accounts(id) ON DELETE CASCADE,
  fetched_at timestamptz(3) NOT NULL,
  contracts jsonb NOT NULL
);
