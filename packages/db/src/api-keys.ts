import { randomUUID } from 'node:crypto';
import { AdminApiKeySchema, ApiKeySchema, DomainError, type AccountId, type AdminApiKey, type ApiKey, type ApiKeyId, type ApiKeyScope, type UserId } from '@strikedesk/domain';
import type pg from 'pg';

/** A key as the REST authentication needs it: its owner and the hash to compare with. */
export type StoredApiKey = { apiKey: ApiKey; userId: UserId; secretHash: string };

/**
 * API keys for external clients (table api_keys, migration 0006). Only a hash of each secret is
 * stored; the caller hashes. A trader's keys are theirs alone: another user's key id is
 * API_KEY_NOT_FOUND. Keys are revoked, never deleted, so the list keeps the audit trail.
 */
export type ApiKeyStore = {
  /** `accountId` must be one of the user's trading accounts: the caller checks (the key's whole reach). */
  create(input: { userId: UserId; accountId: AccountId; name: string; scopes: ApiKeyScope[]; prefix: string; secretHash: string }): Promise<ApiKey>;
  /** Newest first, revoked ones included. */
  list(userId: UserId): Promise<ApiKey[]>;
  /** Revoking twice keeps the first revocation time. */
  revoke(id: ApiKeyId, userId: UserId): Promise<ApiKey>;
  findByPrefix(prefix: string): Promise<StoredApiKey | null>;
  /** Admin → API keys: every user's keys with their owner, newest first, revoked ones included. */
  listAll(): Promise<AdminApiKey[]>;
  /** An admin's revocation of anyone's key (API_KEY_NOT_FOUND for an unknown id); twice keeps the first time. */
  revokeAny(id: ApiKeyId): Promise<AdminApiKey>;
  /** Revokes every active key of the user (an admin's password reset of a compromised account); how many it revoked. */
  revokeAllOf(userId: UserId): Promise<number>;
  /**
   * Records a use, writing only when the stored time is older than `minIntervalMs`: a busy client
   * must not turn every request into a row update (the condition holds across gateways too).
   */
  touch(id: ApiKeyId, minIntervalMs: number): Promise<void>;
};

type Row = {
  id: string;
  user_id: string;
  account_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};
const COLUMNS = 'id, user_id, account_id, name, prefix, secret_hash, scopes, created_at, last_used_at, revoked_at';

const toApiKey = (row: Row): ApiKey =>
  ApiKeySchema.parse({
    id: row.id,
    name: row.name,
    accountId: row.account_id,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.created_at.getTime(),
    lastUsedAt: row.last_used_at?.getTime() ?? null,
    revokedAt: row.revoked_at?.getTime() ?? null,
  });

type AdminRow = Row & { username: string };
const ADMIN_COLUMNS = COLUMNS.split(', ').map((column) => `k.${column}`).join(', ') + ', u.username';

const toAdminApiKey = (row: AdminRow): AdminApiKey => AdminApiKeySchema.parse({ ...toApiKey(row), userId: row.user_id, username: row.username });

export function createApiKeyStore(pool: pg.Pool): ApiKeyStore {
  return {
    async create(input) {
      const result = await pool.query<Row>(
        `INSERT INTO api_keys (id, user_id, account_id, name, prefix, secret_hash, scopes) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [randomUUID(), input.userId, input.accountId, input.name, input.prefix, input.secretHash, input.scopes],
      );
      return toApiKey(result.rows[0] as Row);
    },
    async list(userId) {
      const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE user_id = $1 ORDER BY created_at DESC, id`, [userId]);
      return result.rows.map(toApiKey);
    },
    async revoke(id, userId) {
      const result = await pool.query<Row>(
        `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
        [id, userId],
      );
      const row = result.rows[0];
      if (!row) throw new DomainError('API_KEY_NOT_FOUND');
      return toApiKey(row);
    },
    async findByPrefix(prefix) {
      const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE prefix = $1`, [prefix]);
      const row = result.rows[0];
      return row ? { apiKey: toApiKey(row), userId: row.user_id as UserId, secretHash: row.secret_hash } : null;
    },
    async listAll() {
      const result = await pool.query<AdminRow>(`SELECT ${ADMIN_COLUMNS} FROM api_keys k JOIN users u ON u.id = k.user_id ORDER BY k.created_at DESC, k.id`);
      return result.rows.map(toAdminApiKey);
    },
    async revokeAny(id) {
      const result = await pool.query<AdminRow>(
        `WITH revoked AS (UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS})
         SELECT ${ADMIN_COLUMNS} FROM revoked k JOIN users u ON u.id = k.user_id`,
        [id],
      );
      const row = result.rows[0];
      if (!row) throw new DomainError('API_KEY_NOT_FOUND');
      return toAdminApiKey(row);
    },
    async revokeAllOf(userId) {
      const result = await pool.query('UPDATE api_keys SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
      return result.rowCount ?? 0;
    },
    async touch(id, minIntervalMs) {
      await pool.query(
        `UPDATE api_keys SET last_used_at = now()
         WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2::double precision / 1000))`,
        [id, minIntervalMs],
      );
    },
  };
}
