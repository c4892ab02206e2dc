import { randomUUID } from 'node:crypto';
import { DomainError, type BrokerAccountId, type UserId } from '@strikedesk/domain';
import type pg from 'pg';

/**
 * Who trades through a broker account (broker_account_assignments, one-to-one since migration
 * 0009), as steps inside the caller's transaction: assign, unassign and setTraders compose them,
 * so handing an account from one trader to another is one change that happens whole or not at all.
 */

/** Assigns active traders or admins (BROKER_ACCOUNT_TRADER_INVALID for anyone else; nothing then). */
export async function addTraders(client: pg.PoolClient, id: BrokerAccountId, accountName: string, traderIds: readonly UserId[]): Promise<void> {
  if (traderIds.length === 0) return;
  const eligible = await client.query(`SELECT id FROM users WHERE id = ANY($1::uuid[]) AND role IN ('admin', 'trader') AND disabled_at IS NULL`, [traderIds]);
  if (eligible.rowCount !== traderIds.length) throw new DomainError('BROKER_ACCOUNT_TRADER_INVALID');
  const added = await client.query<{ user_id: string }>(
    `INSERT INTO broker_account_assignments (account_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT (account_id, user_id) DO NOTHING RETURNING user_id`,
    [id, traderIds],
  );
  // The trader's live trading account, bound to this broker account (their paper account stays paper).
  for (const { user_id: userId } of added.rows) {
    await client.query(`INSERT INTO accounts (id, user_id, name, broker, broker_account_id) VALUES ($1, $2, $3, 'live', $4)`, [randomUUID(), userId, accountName, id]);
  }
}

/** Unassigns; each trader's live trading account is detached, not deleted: the journal keeps its orders, it refuses new ones (BROKER_NOT_CONNECTED). */
export async function removeTraders(client: pg.PoolClient, id: BrokerAccountId, traderIds: readonly string[]): Promise<void> {
  if (traderIds.length === 0) return;
  const removed = await client.query<{ user_id: string }>('DELETE FROM broker_account_assignments WHERE account_id = $1 AND user_id = ANY($2::uuid[]) RETURNING user_id', [
    id,
    traderIds,
  ]);
  await client.query('UPDATE accounts SET broker_account_id = NULL, updated_at = now() WHERE broker_account_id = $1 AND user_id = ANY($2::uuid[])', [
    id,
    removed.rows.map((row) => row.user_id),
  ]);
}

/** The traders assigned now. */
export async function assignedTraders(client: pg.PoolClient, id: BrokerAccountId): Promise<string[]> {
  const result = await client.query<{ user_id: string }>('SELECT user_id FROM broker_account_assignments WHERE account_id = $1', [id]);
  return result.rows.map((row) => row.user_id);
}
