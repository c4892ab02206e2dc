import { RiskLimitsSchema, type AccountId, type RiskLimits, type RiskLimitsVersion, type UserId } from '@strikedesk/domain';
import type pg from 'pg';

/** Another admin wrote the version this change was based on: nothing was written. */
export class RiskLimitsVersionConflictError extends Error {
  constructor(
    readonly accountId: string,
    readonly baseVersion: number,
  ) {
    super(`risk limits of ${accountId} are no longer at version ${baseVersion}`);
    this.name = 'RiskLimitsVersionConflictError';
  }
}

/**
 * Versioned per-account risk limits (table risk_limits, migration 0004). Append-only: a change
 * inserts version baseVersion + 1, and the primary key refuses a second writer of that version.
 */
export type RiskLimitsStore = {
  /** The latest version of every account that has one. */
  latest(): Promise<RiskLimitsVersion[]>;
  /** Every version of one account, newest first. */
  history(accountId: AccountId): Promise<RiskLimitsVersion[]>;
  append(change: { accountId: AccountId; baseVersion: number; limits: RiskLimits; changedBy: UserId; comment: string }): Promise<RiskLimitsVersion>;
};

type Row = { account_id: string; version: number; limits: unknown; changed_by: string; changed_at: Date; comment: string };
const COLUMNS = 'account_id, version, limits, changed_by, changed_at, comment';

const toVersion = (row: Row): RiskLimitsVersion => ({
  accountId: row.account_id as AccountId,
  version: row.version,
  // Parsed, so a row written by an older release with fewer fields gets today's defaults for them.
  limits: RiskLimitsSchema.parse(row.limits),
  changedBy: row.changed_by as UserId,
  changedAt: row.changed_at.getTime(),
  comment: row.comment,
});

export function createRiskLimitsStore(pool: pg.Pool): RiskLimitsStore {
  return {
    async latest() {
      const result = await pool.query<Row>(`SELECT DISTINCT ON (account_id) ${COLUMNS} FROM risk_limits ORDER BY account_id, version DESC`);
      return result.rows.map(toVersion);
    },
    async history(accountId) {
      const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM risk_limits WHERE account_id = $1 ORDER BY version DESC`, [accountId]);
      return result.rows.map(toVersion);
    },
    async append(change) {
      try {
        const result = await pool.query<Row>(
          `INSERT INTO risk_limits (account_id, version, limits, changed_by, comment)
           SELECT $1, $2 + 1, $3, $4, $5
           WHERE coalesce((SELECT max(version) FROM risk_limits WHERE account_id = $1), 0) = $2
           RETURNING ${COLUMNS}`,
          [change.accountId, change.baseVersion, JSON.stringify(change.limits), change.changedBy, change.comment],
        );
        const row = result.rows[0];
        if (!row) throw new RiskLimitsVersionConflictError(change.accountId, change.baseVersion);
        return toVersion(row);
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw new RiskLimitsVersionConflictError(change.accountId, change.baseVersion);
        throw error;
      }
    },
  };
}
