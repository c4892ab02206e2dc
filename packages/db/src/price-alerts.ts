import { randomUUID } from 'node:crypto';
import { DomainError, MAX_ACTIVE_PRICE_ALERTS, PriceAlertSchema, type PriceAlert, type PriceAlertCondition, type PriceAlertId, type UserId } from '@strikedesk/domain';
import type pg from 'pg';
import { inTransaction } from './transaction.ts';

/** Told after an alert is made or cancelled (payload: the user id): the engine reloads what it watches. */
export const PRICE_ALERT_CHANGE_CHANNEL = 'strikedesk_price_alert_changes';
/** Told when an alert fires (payload: the PriceAlert as JSON): gateways pop it up (Telegram is handed fires in-process by the engine's watch). */
export const PRICE_ALERT_TRIGGERED_CHANNEL = 'strikedesk_price_alert_triggered';

export type NewPriceAlert = { instrumentId: string; condition: PriceAlertCondition; price: number; note: string };

/** Price alerts (table price_alerts, migration 0016; ADR 0027). */
export type PriceAlertStore = {
  /** A new ACTIVE alert; PRICE_ALERT_LIMIT_REACHED past MAX_ACTIVE_PRICE_ALERTS active ones. */
  create(userId: UserId, alert: NewPriceAlert): Promise<PriceAlert>;
  /** The user's alerts, newest first: every active one and the latest `limit` in all. */
  listOf(userId: UserId, limit?: number): Promise<PriceAlert[]>;
  /** PRICE_ALERT_NOT_FOUND for another user's or an unknown id; PRICE_ALERT_NOT_ACTIVE once fired or cancelled. */
  cancel(userId: UserId, id: PriceAlertId): Promise<PriceAlert>;
  /** Every ACTIVE alert (the engine's watch list). */
  active(): Promise<PriceAlert[]>;
  /**
   * Fires an ACTIVE alert at `price`: null when it is no longer active (cancelled meanwhile, or
   * fired by an earlier look). The one place that decides, so an alert fires once.
   */
  trigger(id: PriceAlertId, price: number, at: number): Promise<PriceAlert | null>;
};

type Row = {
  id: string;
  user_id: string;
  instrument_id: string;
  condition: string;
  price: string;
  note: string;
  status: string;
  created_at: Date;
  triggered_at: Date | null;
  triggered_price: string | null;
  cancelled_at: Date | null;
};

/** A timestamptz column as epoch milliseconds in SQL (null stays null). */
const epochMs = (column: string): string => `(extract(epoch FROM ${column}) * 1000)::bigint`;

const COLUMNS = 'id, user_id, instrument_id, condition, price, note, status, created_at, triggered_at, triggered_price, cancelled_at';

const toAlert = (row: Row): PriceAlert =>
  PriceAlertSchema.parse({
    id: row.id,
    userId: row.user_id,
    instrumentId: row.instrument_id,
    condition: row.condition,
    price: Number(row.price),
    note: row.note,
    status: row.status,
    createdAt: row.created_at.getTime(),
    triggeredAt: row.triggered_at?.getTime() ?? null,
    triggeredPrice: row.triggered_price === null ? null : Number(row.triggered_price),
    cancelledAt: row.cancelled_at?.getTime() ?? null,
  });

export function createPriceAlertStore(pool: pg.Pool): PriceAlertStore {
  return {
    async create(userId, alert) {
      return inTransaction(pool, async (client) => {
        // One user's creates in turn: two at once must not both see 99 and make 101.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`price-alerts:${userId}`]);
        const active = await client.query<{ count: string }>(`SELECT count(*) FROM price_alerts WHERE user_id = $1 AND status = 'ACTIVE'`, [userId]);
        if (Number(active.rows[0]?.count ?? 0) >= MAX_ACTIVE_PRICE_ALERTS) throw new DomainError('PRICE_ALERT_LIMIT_REACHED');
        const result = await client.query<Row>(
          `INSERT INTO price_alerts (id, user_id, instrument_id, condition, price, note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
          [randomUUID(), userId, alert.instrumentId, alert.condition, alert.price, alert.note],
        );
        await client.query('SELECT pg_notify($1, $2)', [PRICE_ALERT_CHANGE_CHANNEL, userId]);
        return toAlert(result.rows[0]!);
      });
    },
    async listOf(userId, limit = 200) {
      const result = await pool.query<Row>(
        `SELECT ${COLUMNS} FROM price_alerts WHERE user_id = $1 AND status = 'ACTIVE'
         UNION
         (SELECT ${COLUMNS} FROM price_alerts WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2)
         ORDER BY created_at DESC, id`,
        [userId, limit],
      );
      return result.rows.map(toAlert);
    },
    async cancel(userId, id) {
      const result = await pool.query<Row>(
        `WITH cancelled AS (
           UPDATE price_alerts SET status = 'CANCELLED', cancelled_at = now() WHERE id = $1 AND user_id = $2 AND status = 'ACTIVE' RETURNING ${COLUMNS}
         )
         SELECT cancelled.*, pg_notify($3, $2::text) FROM cancelled`,
        [id, userId, PRICE_ALERT_CHANGE_CHANNEL],
      );
      const row = result.rows[0];
      if (row) return toAlert(row);
      const existing = await pool.query(`SELECT 1 FROM price_alerts WHERE id = $1 AND user_id = $2`, [id, userId]);
      throw new DomainError(existing.rowCount === 0 ? 'PRICE_ALERT_NOT_FOUND' : 'PRICE_ALERT_NOT_ACTIVE');
    },
    async active() {
      const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM price_alerts WHERE status = 'ACTIVE' ORDER BY created_at, id`);
      return result.rows.map(toAlert);
    },
    async trigger(id, price, at) {
      // The notification goes with the update (NOTIFY is delivered at commit): fired means told.
      const result = await pool.query<Row>(
        `WITH fired AS (
           UPDATE price_alerts SET status = 'TRIGGERED', triggered_at = to_timestamp($3::double precision / 1000), triggered_price = $2
           WHERE id = $1 AND status = 'ACTIVE' RETURNING ${COLUMNS}
         )
         SELECT fired.*, pg_notify($4, json_build_object(
           'id', id, 'userId', user_id, 'instrumentId', instrument_id, 'condition', condition, 'price', price, 'note', note,
           'status', status, 'createdAt', ${epochMs('created_at')}, 'triggeredAt', ${epochMs('triggered_at')},
           'triggeredPrice', triggered_price, 'cancelledAt', ${epochMs('cancelled_at')})::text)
         FROM fired`,
        [id, price, at, PRICE_ALERT_TRIGGERED_CHANNEL],
      );
      const row = result.rows[0];
      return row ? toAlert(row) : null;
    },
  };
}
