import { randomBytes, randomUUID } from 'node:crypto';
import type { Role, UserId } from '@strikedesk/domain';
import type pg from 'pg';
import { parseMasterKeys, type MasterKeyRing } from '../secrets/master-key-ring.ts';

/** Test helpers for the broker-account suites. */
export const newKeyRing = (spec: string): MasterKeyRing =>
  parseMasterKeys(
    spec
      .split(',')
      .map((id) => `${id}:${randomBytes(32).toString('base64')}`)
      .join(','),
    'test',
  );

/** A ring holding the given keys of other rings, in this order (the first is current). */
export const ringOf = (...keys: { id: string; material(): Buffer }[]): MasterKeyRing =>
  parseMasterKeys(keys.map((key) => `${key.id}:${key.material().toString('base64')}`).join(','), 'test');

export async function insertUser(pool: pg.Pool, role: Role, options: { disabled?: boolean } = {}): Promise<UserId> {
  const id = randomUUID();
  await pool.query(`INSERT INTO users (id, username, password_hash, role, disabled_at) VALUES ($1, $2, 'x', $3, $4)`, [
    id,
    `u${id.slice(0, 8)}`,
    role,
    options.disabled ? new Date() : null,
  ]);
  return id as UserId;
}

/** Every text a table holds, as PostgreSQL prints it (bytea as hex, so plaintext would show as text). */
export async function tableAsText(pool: pg.Pool, table: string): Promise<string> {
  const result = await pool.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`);
  return result.rows.map((row) => row.row).join('\n');
}
