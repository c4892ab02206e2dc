import type { Broker, BrokerAccountId } from '@strikedesk/domain';
import type pg from 'pg';
import { BROKER_ACCOUNT_CHANGE_CHANNEL } from './broker-account-store.ts';

/** The broker account whose feed is the engine's market (migration 0010). */
export type MarketDataAccount = { brokerAccountId: BrokerAccountId; broker: Broker; name: string; enabled: boolean };

/** The instrument master as last downloaded; `contracts` is validated by the engine, which owns its shape. */
export type StoredInstrumentMaster = { fetchedAt: number; contracts: unknown };

/**
 * The engine's side of market data from a broker account: which account supplies it, the
 * instrument master cached across restarts, and what the admin screen shows about the feed.
 */
export type MarketDataStore = {
  source(): Promise<MarketDataAccount | null>;
  loadMaster(id: BrokerAccountId): Promise<StoredInstrumentMaster | null>;
  saveMaster(id: BrokerAccountId, fetchedAt: number, contracts: readonly unknown[]): Promise<void>;
  /** The feed's state in words, and the time of its last tick (null = unchanged). */
  setStatus(id: BrokerAccountId, status: string, lastTickAt: number | null): Promise<void>;
};

export function createMarketDataStore(pool: pg.Pool): MarketDataStore {
  return {
    async source() {
      // A hand edit could mark two: the oldest wins, deterministically.
      const result = await pool.query<{ id: string; broker: string; name: string; enabled: boolean }>(
        'SELECT id, broker, name, enabled FROM broker_accounts WHERE market_data ORDER BY created_at, id LIMIT 1',
      );
      const row = result.rows[0];
      return row ? { brokerAccountId: row.id as BrokerAccountId, broker: row.broker as Broker, name: row.name, enabled: row.enabled } : null;
    },
    async loadMaster(id) {
      const result = await pool.query<{ fetched_at: Date; contracts: unknown }>('SELECT fetched_at, contracts FROM broker_instrument_masters WHERE broker_account_id = $1', [id]);
      const row = result.rows[0];
      return row ? { fetchedAt: row.fetched_at.getTime(), contracts: row.contracts } : null;
    },
    async saveMaster(id, fetchedAt, contracts) {
      await pool.query(
        `INSERT INTO broker_instrument_masters (broker_account_id, fetched_at, contracts) VALUES ($1, $2, $3)
         ON CONFLICT (broker_account_id) DO UPDATE SET fetched_at = excluded.fetched_at, contracts = excluded.contracts`,
        [id, new Date(fetchedAt), JSON.stringify(contracts)],
      );
    },
    async setStatus(id, status, lastTickAt) {
      const result = await pool.query<{ changed: boolean }>(
        `WITH old AS (SELECT market_data_status FROM broker_accounts WHERE id = $1 FOR UPDATE)
         UPDATE broker_accounts b SET market_data_status = $2, last_tick_at = coalesce($3, b.last_tick_at) FROM old WHERE b.id = $1
         RETURNING old.market_data_status IS DISTINCT FROM $2 AS changed`,
        [id, status, lastTickAt === null ? null : new Date(lastTickAt)],
      );
      // Only a new status is announced: the tick time alone changes every few seconds, and every
      // listener (the engine's own broker accounts among them) reloads on a notification.
      if (result.rows[0]?.changed) await pool.query('SELECT pg_notify($1, $2)', [BROKER_ACCOUNT_CHANGE_CHANNEL, id]);
    },
  };
}
