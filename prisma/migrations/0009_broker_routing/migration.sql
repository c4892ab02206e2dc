-- Trading through broker accounts (issue 4). Assigning a broker account to a trader gives that
-- trader a second trading account, bound to the broker account: their paper account stays paper
-- (paper-mode strategies keep trading there), and orders of the bound account go to the broker.
-- docs/adr/0020-broker-account-routing.md.

-- One trading account per broker account (one Zerodha / XTS login cannot be netted for two
-- traders); SET NULL keeps a removed broker account's journal history readable: the trading
-- account then refuses new orders (BROKER_NOT_CONNECTED).
ALTER TABLE accounts ADD COLUMN broker_account_id uuid REFERENCES broker_accounts(id) ON DELETE SET NULL;
CREATE UNIQUE INDEX accounts_broker_account_id_key ON accounts (broker_account_id);

-- A trader trades through at most one broker account.
CREATE UNIQUE INDEX broker_account_assignments_user_key ON broker_account_assignments (user_id);
-- A broker account trades for at most one trader.
CREATE UNIQUE INDEX broker_account_assignments_account_key ON broker_account_assignments (account_id);

-- A broker session that ended (Kite's daily expiry, a second login elsewhere) halts its trading
-- account: automation stops as for any halt, and the engine releases it itself on reconnecting.
ALTER TABLE trading_halts DROP CONSTRAINT trading_halts_kind_check;
ALTER TABLE trading_halts ADD CONSTRAINT trading_halts_kind_check CHECK (kind IN ('KILL_SWITCH', 'RECONCILIATION', 'DAILY_LOSS', 'BROKER_SESSION'));
