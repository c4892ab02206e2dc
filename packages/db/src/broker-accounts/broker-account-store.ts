import { randomUUID } from 'node:crypto';
import { DomainError, type BrokerAccount, type BrokerAccountId, type UserId } from '@strikedesk/domain';
import type pg from 'pg';
import type { SecretSealer } from '../secrets/envelope.ts';
import { inTransaction } from '../transaction.ts';
import { secretsOf, settingsOf, SETTINGS_COLUMNS, type BrokerAccountChange, type NewBrokerAccount } from './broker-account-input.ts';
import { SELECT_ACCOUNTS, toBrokerAccount, type BrokerAccountRow } from './broker-account-row.ts';
import { addTraders, assignedTraders, removeTraders } from './broker-account-assignments.ts';
import { writeSecret } from './broker-account-secrets.ts';

/** NOTIFY'd (payload: the account id) after any change, so the engine can pick it up. */
export const BROKER_ACCOUNT_CHANGE_CHANNEL = 'strikedesk_broker_account_changes';

/**
 * Broker accounts as an admin manages them (tables of migration 0008). It can seal new secrets
 * but has no way to open them: reading credentials is broker-credentials.ts, for the engine only.
 * `sealer` is null when no master key is configured: then only changes without a secret succeed.
 */
export type BrokerAccountStore = {
  list(): Promise<BrokerAccount[]>;
  get(id: BrokerAccountId): Promise<BrokerAccount>;
  create(input: NewBrokerAccount): Promise<BrokerAccount>;
  /** Replaces the public settings; stores only the secrets given (absent = unchanged). */
  update(change: BrokerAccountChange): Promise<BrokerAccount>;
  setEnabled(id: BrokerAccountId, enabled: boolean): Promise<BrokerAccount>;
  /**
   * Idempotent; every user must be an active trader or admin, else nothing is assigned. A broker
   * account trades for one trader and a trader through one broker account
   * (BROKER_ACCOUNT_ALREADY_ASSIGNED); assigning creates the trader's live trading account.
   */
  assign(id: BrokerAccountId, traderIds: UserId[]): Promise<BrokerAccount>;
  /** The trader's live trading account is detached (kept for its history; it refuses new orders). */
  unassign(id: BrokerAccountId, traderIds: UserId[]): Promise<BrokerAccount>;
  /**
   * Makes `traderIds` the account's traders in one transaction (the traders dialog): handing the
   * account from one trader to another happens whole or not at all, never leaving it with nobody.
   * BROKER_ACCOUNT_CHANGED when `expectedUpdatedAt` is given and another admin's change came after it.
   */
  setTraders(id: BrokerAccountId, traderIds: UserId[], expectedUpdatedAt?: number): Promise<BrokerAccount>;
  /**
   * Which account's feed is the engine's market (null = the simulated market); the engine reads it
   * at start. A simulated XTS has no market-data server, so it cannot supply one.
   */
  setMarketDataSource(id: BrokerAccountId | null): Promise<void>;
  /** Only a disabled account can be removed (an enabled one may be connected and trading). */
  remove(id: BrokerAccountId): Promise<void>;
};

const notFound = () => new DomainError('BROKER_ACCOUNT_NOT_FOUND');
const NAME_INDEX = 'broker_accounts_name_key';
const ONE_TO_ONE_INDEXES = new Set(['broker_account_assignments_user_key', 'broker_account_assignments_account_key', 'accounts_broker_account_id_key']);
const isNameTaken = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505' && (error as { constraint?: unknown }).constraint === NAME_INDEX;

/**
 * `updated_at` is the account's version for an edit's conflict check (UpdateBrokerAccount's
 * `expectedUpdatedAt`): every admin change moves it forward by at least a millisecond (its
 * precision), so two changes in one millisecond still differ.
 */
const BUMP_VERSION = "updated_at = greatest(now(), updated_at + interval '1 millisecond')";

export function createBrokerAccountStore(pool: pg.Pool, options: { sealer: SecretSealer | null }): BrokerAccountStore {
  const { sealer } = options;
  const changed = async (id: string): Promise<void> => {
    await pool.query('SELECT pg_notify($1, $2)', [BROKER_ACCOUNT_CHANGE_CHANNEL, id]);
  };
  const get = async (id: BrokerAccountId): Promise<BrokerAccount> => {
    const result = await pool.query<BrokerAccountRow>(`${SELECT_ACCOUNTS} WHERE a.id = $1`, [id]);
    const row = result.rows[0];
    if (!row) throw notFound();
    return toBrokerAccount(row);
  };
  /** Checked before anything is written, so no account is ever stored with half its secrets. */
  const secretsWriter = (input: NewBrokerAccount | BrokerAccountChange): ((client: pg.PoolClient, id: string) => Promise<void>) => {
    const secrets = secretsOf(input);
    if (secrets.length === 0) return async () => undefined;
    if (!sealer) throw new DomainError('BROKER_SECRETS_KEY_MISSING');
    return async (client, id) => {
      for (const [field, secret] of secrets) await writeSecret(client, sealer, id, field, secret);
    };
  };
  /** Migration 0009: one trader per broker account and one broker account per trader. */
  const refusingDoubleAssignments = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      const constraint = typeof error === 'object' && error !== null ? (error as { code?: unknown; constraint?: unknown }) : {};
      if (constraint.code === '23505' && typeof constraint.constraint === 'string' && ONE_TO_ONE_INDEXES.has(constraint.constraint)) {
        throw new DomainError('BROKER_ACCOUNT_ALREADY_ASSIGNED');
      }
      throw error;
    }
  };
  const refusingTakenNames = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (isNameTaken(error)) throw new DomainError('BROKER_ACCOUNT_NAME_TAKEN');
      throw error;
    }
  };

  /**
   * Locks the account for a change and moves its version (`updated_at`) on; BROKER_ACCOUNT_CHANGED
   * when `expectedUpdatedAt` is given and another admin's change came after it.
   */
  const lockForChange = async (client: pg.PoolClient, id: BrokerAccountId, expectedUpdatedAt: number | undefined): Promise<{ name: string; broker: string }> => {
    const current = await client.query<{ name: string; broker: string; updated_ms: string }>(
      `SELECT name, broker, floor(extract(epoch FROM updated_at) * 1000)::bigint AS updated_ms FROM broker_accounts WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const row = current.rows[0];
    if (!row) throw notFound();
    if (expectedUpdatedAt !== undefined && Number(row.updated_ms) !== expectedUpdatedAt) throw new DomainError('BROKER_ACCOUNT_CHANGED');
    await client.query(`UPDATE broker_accounts SET ${BUMP_VERSION} WHERE id = $1`, [id]);
    return row;
  };

  return {
    async list() {
      const result = await pool.query<BrokerAccountRow>(`${SELECT_ACCOUNTS} ORDER BY lower(a.name)`);
      return result.rows.map(toBrokerAccount);
    },
    get,
    async create(input) {
      const id = randomUUID();
      const writeSecrets = secretsWriter(input);
      const settings = settingsOf(input);
      await refusingTakenNames(() =>
        inTransaction(pool, async (client) => {
          await client.query(
            `INSERT INTO broker_accounts (id, name, broker, enabled, ${SETTINGS_COLUMNS.join(', ')})
             VALUES ($1, $2, $3, $4, ${SETTINGS_COLUMNS.map((_, index) => `$${index + 5}`).join(', ')})`,
            [id, input.name, input.broker, input.enabled, ...SETTINGS_COLUMNS.map((column) => settings[column])],
          );
          await writeSecrets(client, id);
        }),
      );
      await changed(id);
      return get(id as BrokerAccountId);
    },
    async update(change) {
      const writeSecrets = secretsWriter(change);
      const settings = settingsOf(change);
      await refusingTakenNames(() =>
        inTransaction(pool, async (client) => {
          // Locked and compared first: two admins' saves on one version cannot both pass the check.
          const row = await lockForChange(client, change.id, change.expectedUpdatedAt);
          // The broker decides which fields and secrets apply: switching would strand the old ones.
          if (row.broker !== change.broker) throw new DomainError('VALIDATION_FAILED', "An account's broker cannot be changed: add a new account instead.");
          await client.query(
            `UPDATE broker_accounts SET name = $2, ${SETTINGS_COLUMNS.map((column, index) => `${column} = $${index + 3}`).join(', ')} WHERE id = $1`,
            [change.id, change.name, ...SETTINGS_COLUMNS.map((column) => settings[column])],
          );
          await writeSecrets(client, change.id);
        }),
      );
      await changed(change.id);
      return get(change.id);
    },
    async setEnabled(id, enabled) {
      const result = await pool.query(`UPDATE broker_accounts SET enabled = $2, ${BUMP_VERSION} WHERE id = $1`, [id, enabled]);
      if (result.rowCount === 0) throw notFound();
      await changed(id);
      return get(id);
    },
    async assign(id, traderIds) {
      await refusingDoubleAssignments(() =>
        inTransaction(pool, async (client) => {
          const { name } = await lockForChange(client, id, undefined);
          await addTraders(client, id, name, [...new Set(traderIds)]);
        }),
      );
      await changed(id);
      return get(id);
    },
    async unassign(id, traderIds) {
      await inTransaction(pool, async (client) => {
        await lockForChange(client, id, undefined);
        await removeTraders(client, id, traderIds);
      });
      await changed(id);
      return get(id);
    },
    async setTraders(id, traderIds, expectedUpdatedAt) {
      const wanted = [...new Set(traderIds)];
      await refusingDoubleAssignments(() =>
        inTransaction(pool, async (client) => {
          const { name } = await lockForChange(client, id, expectedUpdatedAt);
          const current = await assignedTraders(client, id);
          // Out first: the one-to-one indexes would refuse the new trader while the old one holds the account.
          await removeTraders(client, id, current.filter((userId) => !wanted.includes(userId as UserId)));
          await addTraders(client, id, name, wanted.filter((userId) => !current.includes(userId)));
        }),
      );
      await changed(id);
      return get(id);
    },
    async setMarketDataSource(id) {
      if (id !== null) {
        const account = await get(id);
        if (account.broker === 'SIMULATED_XTS') {
          throw new DomainError('VALIDATION_FAILED', 'A simulated XTS account has no market-data server: choose a simulated Zerodha, a real account or the simulated market.');
        }
      }
      await inTransaction(pool, async (client) => {
        // Serialises choices: without it, two admins' statements can each miss the other's row
        // (read committed re-checks only the rows a statement picked) and both commit.
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('broker_accounts.market_data'))`);
        // Unmarked first, so the one-source index never sees two; a status line belongs to the
        // engine run that used the account, so it goes with the choice.
        await client.query('UPDATE broker_accounts SET market_data = false, market_data_status = NULL WHERE market_data AND id IS DISTINCT FROM $1::uuid', [id]);
        if (id !== null) await client.query('UPDATE broker_accounts SET market_data = true, market_data_status = NULL WHERE id = $1 AND NOT market_data', [id]);
      });
      await changed(id ?? 'market-data');
    },
    async remove(id) {
      const result = await pool.query('DELETE FROM broker_accounts WHERE id = $1 AND NOT enabled', [id]);
      if (result.rowCount === 0) {
        const exists = await pool.query('SELECT 1 FROM broker_accounts WHERE id = $1', [id]);
        throw exists.rowCount === 0 ? notFound() : new DomainError('BROKER_ACCOUNT_STILL_ENABLED');
      }
      await changed(id);
    },
  };
}
