import type { AccountId, BrokerAccountId, BrokerConnection, Broker, ReconciliationSummary } from '@strikedesk/domain';
import type pg from 'pg';
import type { SecretSealer } from '../secrets/envelope.ts';
import type { Secret } from '../secrets/secret.ts';
import { writeSecret } from './broker-account-secrets.ts';
import { BROKER_ACCOUNT_CHANGE_CHANNEL } from './broker-account-store.ts';

/** A trading account bound to a broker account (migration 0009), as the engine routes its orders. */
export type BrokerBinding = { accountId: AccountId; brokerAccountId: BrokerAccountId; broker: Broker; enabled: boolean };

/**
 * The engine's side of broker accounts: which trading accounts trade through which broker account,
 * and the connection state it writes for the admin screen. Status writes NOTIFY like the admin's
 * changes, so gateways can refresh what they show.
 */
export type BrokerRoutingStore = {
  bindings(): Promise<BrokerBinding[]>;
  /** Trading accounts bound once but detached since (unassigned, or their broker account removed): they refuse orders. */
  detachedAccounts(): Promise<AccountId[]>;
  setConnection(id: BrokerAccountId, connection: BrokerConnection, message: string | null): Promise<void>;
  setReconciliation(id: BrokerAccountId, at: number, summary: ReconciliationSummary): Promise<void>;
  saveAccessToken(id: BrokerAccountId, token: Secret): Promise<void>;
  forgetAccessToken(id: BrokerAccountId): Promise<void>;
};

export function createBrokerRoutingStore(pool: pg.Pool, options: { sealer: SecretSealer | null }): BrokerRoutingStore {
  const notify = async (id: string): Promise<void> => {
    await pool.query('SELECT pg_notify($1, $2)', [BROKER_ACCOUNT_CHANGE_CHANNEL, id]);
  };
  return {
    async bindings() {
      const result = await pool.query<{ account_id: string; broker_account_id: string; broker: string; enabled: boolean }>(
        `SELECT t.id AS account_id, b.id AS broker_account_id, b.broker, b.enabled
         FROM accounts t JOIN broker_accounts b ON b.id = t.broker_account_id ORDER BY t.created_at, t.id`,
      );
      return result.rows.map((row) => ({
        accountId: row.account_id as AccountId,
        brokerAccountId: row.broker_account_id as BrokerAccountId,
        broker: row.broker as Broker,
        enabled: row.enabled,
      }));
    },
    async detachedAccounts() {
      const result = await pool.query<{ id: string }>(`SELECT id FROM accounts WHERE broker = 'live' AND broker_account_id IS NULL`);
      return result.rows.map((row) => row.id as AccountId);
    },
    async setConnection(id, connection, message) {
      await pool.query('UPDATE broker_accounts SET connection = $2, status_message = $3 WHERE id = $1', [id, connection, message]);
      await notify(id);
    },
    async setReconciliation(id, at, summary) {
      await pool.query('UPDATE broker_accounts SET last_reconciled_at = $2, last_reconciliation = $3 WHERE id = $1', [id, new Date(at), JSON.stringify(summary)]);
      await notify(id);
    },
    async saveAccessToken(id, token) {
      if (!options.sealer) throw new Error('no master key: the access token cannot be stored');
      const sealer = options.sealer;
      const client = await pool.connect();
      try {
        await writeSecret(client, sealer, id, 'access_token', token);
      } finally {
        client.release();
      }
    },
    async forgetAccessToken(id) {
      await pool.query(`DELETE FROM broker_account_secrets WHERE account_id = $1 AND field = 'access_token'`, [id]);
    },
  };
}
