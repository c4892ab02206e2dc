import type pg from 'pg';
import { rewrapSecret } from '../secrets/envelope.ts';
import type { MasterKeyRing } from '../secrets/master-key-ring.ts';
import { inTransaction } from '../transaction.ts';
import { SECRET_COLUMNS, secretAad, toSealed, type SecretRow } from './broker-account-secrets.ts';

export type RotationReport = {
  currentKeyId: string;
  /** Secrets stored in all. */
  total: number;
  /** How many were re-wrapped now, by the key id they moved from. */
  movedFrom: Record<string, number>;
};

/**
 * Re-wraps every secret's data key with the ring's current master key (docs/adr/0018). The secrets'
 * own ciphertext is untouched. One transaction: all rows move or none. Idempotent: rows already on
 * the current key are left alone, so a second run moves nothing. Throws SecretDecryptionError
 * (and changes nothing) when a row's key is missing from the ring or its wrapped key was altered.
 */
export async function rotateBrokerAccountSecrets(pool: pg.Pool, ring: MasterKeyRing): Promise<RotationReport> {
  return inTransaction(pool, async (client) => {
    // Blocks concurrent secret writes for the (short) run: a secret saved meanwhile by a process
    // still on the old key would otherwise be left behind by this run.
    await client.query('LOCK TABLE broker_account_secrets IN SHARE ROW EXCLUSIVE MODE');
    const stale = await client.query<SecretRow>(`SELECT ${SECRET_COLUMNS} FROM broker_account_secrets WHERE master_key_id <> $1`, [ring.current.id]);
    const movedFrom: Record<string, number> = {};
    for (const row of stale.rows) {
      const rewrapped = rewrapSecret(toSealed(row), secretAad(row.account_id, row.field), ring);
      await client.query(
        `UPDATE broker_account_secrets SET wrapped_key = $3, wrapped_key_iv = $4, wrapped_key_tag = $5, master_key_id = $6
         WHERE account_id = $1 AND field = $2`,
        [row.account_id, row.field, rewrapped.wrappedKey, rewrapped.wrappedKeyIv, rewrapped.wrappedKeyTag, rewrapped.masterKeyId],
      );
      movedFrom[row.master_key_id] = (movedFrom[row.master_key_id] ?? 0) + 1;
    }
    const total = await client.query<{ count: number }>('SELECT count(*)::int AS count FROM broker_account_secrets');
    return { currentKeyId: ring.current.id, total: total.rows[0]?.count ?? 0, movedFrom };
  });
}
