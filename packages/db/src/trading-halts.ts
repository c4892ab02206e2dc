import { TradingHaltSchema, type AccountId, type HaltKind, type HaltScope, type TradingHalt, type UserId } from '@strikedesk/domain';
import type pg from 'pg';

/** Trading halts (table trading_halts, migration 0004): engaged, released, never deleted. */
export type TradingHaltStore = {
  /** Halts not yet released, oldest first. */
  active(): Promise<TradingHalt[]>;
  /** The most recent halts (active and released), newest first. */
  recent(limit: number, accountId?: AccountId): Promise<TradingHalt[]>;
  /** Every released halt of one kind, oldest first (what admins acknowledged by releasing them). */
  released(kind: HaltKind): Promise<TradingHalt[]>;
  /** Every halt of one kind engaged at or after `since` (epoch ms), active or released, oldest first. */
  engagedSince(kind: HaltKind, since: number): Promise<TradingHalt[]>;
  engage(halt: { scope: HaltScope; accountId: AccountId | null; kind: HaltKind; reason: string; flatten: boolean; engagedBy: UserId | null; details: Record<string, unknown> }): Promise<TradingHalt>;
  /** Merges into the halt's details (what the engine did while engaging it). */
  addDetails(id: number, details: Record<string, unknown>): Promise<TradingHalt>;
  /** Null when no such active halt exists (unknown id or already released). */
  /** `releasedBy` null: the engine released it itself (a broker session halt after reconnecting). */
  release(id: number, releasedBy: UserId | null, note: string): Promise<TradingHalt | null>;
};

type Row = {
  id: number;
  scope: string;
  account_id: string | null;
  kind: string;
  reason: string;
  flatten: boolean;
  engaged_by: string | null;
  engaged_at: Date;
  released_by: string | null;
  released_at: Date | null;
  release_note: string | null;
  details: unknown;
};
const COLUMNS = 'id, scope, account_id, kind, reason, flatten, engaged_by, engaged_at, released_by, released_at, release_note, details';

const toHalt = (row: Row): TradingHalt =>
  TradingHaltSchema.parse({
    id: row.id,
    scope: row.scope,
    accountId: row.account_id,
    kind: row.kind,
    reason: row.reason,
    flatten: row.flatten,
    engagedBy: row.engaged_by,
    engagedAt: row.engaged_at.getTime(),
    releasedBy: row.released_by,
    releasedAt: row.released_at?.getTime() ?? null,
    releaseNote: row.release_note,
    details: row.details ?? {},
  });

export function createTradingHaltStore(pool: pg.Pool): TradingHaltStore {
  return {
    async active() {
      const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM trading_halts WHERE released_at IS NULL ORDER BY id`);
      return result.rows.map(toHalt);
    },
    async recent(limit, accountId) {
      const result = accountId
        ? await pool.query<Row>(`SELECT ${COLUMNS} FROM trading_halts WHERE account_id = $1 OR account_id IS NULL ORDER BY id DESC LIMIT $2`, [accountId, limit])
        : await pool.query<Row>(`SELECT ${COLUMNS} FROM trading_halts ORDER BY id DESC LIMIT $1`, [limit]);
      return result.rows.map(toHalt);
    },
    async released(kind) {
      const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM trading_halts WHERE kind = $1 AND released_at IS NOT NULL ORDER BY id`, [kind]);
      return result.rows.map(toHalt);
    },
    async engagedSince(kind, since) {
      const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM trading_halts WHERE kind = $1 AND engaged_at >= $2 ORDER BY id`, [kind, new Date(since)]);
      return result.rows.map(toHalt);
    },
    async engage(halt) {
      const result = await pool.query<Row>(
        `INSERT INTO trading_halts (scope, account_id, kind, reason, flatten, engaged_by, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [halt.scope, halt.accountId, halt.kind, halt.reason, halt.flatten, halt.engagedBy, JSON.stringify(halt.details)],
      );
      return toHalt(result.rows[0] as Row);
    },
    async addDetails(id, details) {
      const result = await pool.query<Row>(`UPDATE trading_halts SET details = details || $2::jsonb WHERE id = $1 RETURNING ${COLUMNS}`, [id, JSON.stringify(details)]);
      const row = result.rows[0];
      if (!row) throw new Error(`no trading halt ${id}`);
      return toHalt(row);
    },
    async release(id, releasedBy, note) {
      const result = await pool.query<Row>(
        `UPDATE trading_halts SET released_by = $2, released_at = now(), release_note = $3
         WHERE id = $1 AND released_at IS NULL RETURNING ${COLUMNS}`,
        [id, releasedBy, note],
      );
      const row = result.rows[0];
      return row ? toHalt(row) : null;
    },
  };
}
