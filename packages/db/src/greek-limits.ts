import type { AccountId, GreekLimit, GreekLimitRecord, UserId } from '@strikedesk/domain';
import type pg from 'pg';

/**
 * Per-account Greek limits in PostgreSQL (table greek_limits, migration 0003). The engine loads
 * them at start and writes through on every change; a limit with both maxima null is a removal.
 */
export type GreekLimitStore = {
  list(accountId?: AccountId): Promise<GreekLimitRecord[]>;
  /** Upserts (or deletes, when both maxima are null) and returns the record as stored. */
  set(limit: GreekLimit, updatedBy: UserId): Promise<GreekLimitRecord>;
};

type Row = {
  account_id: string;
  underlying: string;
  max_abs_delta_lots: number | null;
  max_abs_vega_rupees: number | null;
  updated_at: Date;
  updated_by: string;
};

const toRecord = (row: Row): GreekLimitRecord => ({
  accountId: row.account_id as AccountId,
  underlying: row.underlying,
  maxAbsDeltaLots: row.max_abs_delta_lots,
  maxAbsVegaRupees: row.max_abs_vega_rupees,
  updatedAt: row.updated_at.getTime(),
  updatedBy: row.updated_by as UserId,
});

const COLUMNS = 'account_id, underlying, max_abs_delta_lots, max_abs_vega_rupees, updated_at, updated_by';

export function createGreekLimitStore(pool: pg.Pool): GreekLimitStore {
  return {
    async list(accountId) {
      const result = accountId
        ? await pool.query<Row>(`SELECT ${COLUMNS} FROM greek_limits WHERE account_id = $1 ORDER BY underlying`, [accountId])
        : await pool.query<Row>(`SELECT ${COLUMNS} FROM greek_limits ORDER BY account_id, underlying`);
      return result.rows.map(toRecord);
    },
    async set(limit, updatedBy) {
      if (limit.maxAbsDeltaLots === null && limit.maxAbsVegaRupees === null) {
        const removed = await pool.query<{ updated_at: Date }>(
          'DELETE FROM greek_limits WHERE account_id = $1 AND underlying = $2 RETURNING now() AS updated_at',
          [limit.accountId, limit.underlying],
        );
        const at = removed.rows[0]?.updated_at.getTime() ?? Date.now();
        return { ...limit, updatedAt: at, updatedBy };
      }
      const result = await pool.query<Row>(
        `INSERT INTO greek_limits (account_id, underlying, max_abs_delta_lots, max_abs_vega_rupees, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, now(), $5)
         ON CONFLICT (account_id, underlying) DO UPDATE SET
           max_abs_delta_lots = EXCLUDED.max_abs_delta_lots,
           max_abs_vega_rupees = EXCLUDED.max_abs_vega_rupees,
           updated_at = EXCLUDED.updated_at,
           updated_by = EXCLUDED.updated_by
         RETURNING ${COLUMNS}`,
        [limit.accountId, limit.underlying, limit.maxAbsDeltaLots, limit.maxAbsVegaRupees, updatedBy],
      );
      const row = result.rows[0];
      if (!row) throw new Error('greek_limits upsert returned no row');
      return toRecord(row);
    },
  };
}
