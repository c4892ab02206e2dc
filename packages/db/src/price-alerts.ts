import { randomUUID } from 'node:crypto';
import {
  DomainError,
  MAX_ACTIVE_PRICE_ALERTS,
  PRICE_ALERT_LIFETIME_DAYS,
  PriceAlertSchema,
  type AccountId,
  type PriceAlert,
  type PriceAlertCondition,
  type PriceAlertId,
  type PriceAlertOrder,
  type PriceAlertOrderOutcome,
  type UserId,
  oppositeCondition,
} from '@strikedesk/domain';
import type pg from 'pg';
import { inTransaction } from './transaction.ts';

/** Told after an alert is made or cancelled (payload: the user id): the engine reloads what it watches. */
export const PRICE_ALERT_CHANGE_CHANNEL = 'strikedesk_price_alert_changes';
/**
 * Told when an alert fires (payload: the PriceAlert as JSON): gateways pop it up (Telegram is handed
 * fires in-process by the engine's watch). A GTT is told once its order's outcome is recorded.
 */
export const PRICE_ALERT_TRIGGERED_CHANNEL = 'strikedesk_price_alert_triggered';

/** A GTT adds its order and the account it goes to (the user's). */
/** Told when alerts end without firing (payload: the user id): gateways have that user's terminals read their alerts again. */
export const PRICE_ALERT_ENDED_CHANNEL = 'strikedesk_price_alert_ended';

export type NewPriceAlert = {
  instrumentId: string;
  condition: PriceAlertCondition;
  price: number;
  note: string;
  gtt?: { accountId: AccountId; order: PriceAlertOrder };
  /** An OCO pair's second leg (a GTT's only): the opposite condition, its own level and order. */
  oco?: { price: number; order: PriceAlertOrder };
};

/** A fired alert as the engine acts on it: may the owner still trade the GTT's account? */
export type FiredPriceAlert = PriceAlert & { ownerCanTrade: boolean };

/** Price alerts (table price_alerts, migration 0016; ADR 0027). */
export type PriceAlertStore = {
  /**
   * A new ACTIVE alert — with `oco`, two, each naming the other (the first returned); the limit
   * counts both. PRICE_ALERT_LIMIT_REACHED past MAX_ACTIVE_PRICE_ALERTS active ones.
   */
  create(userId: UserId, alert: NewPriceAlert): Promise<PriceAlert>;
  /** The user's alerts, newest first: every active one and the latest `limit` in all. */
  listOf(userId: UserId, limit?: number): Promise<PriceAlert[]>;
  /** Cancels it, and its OCO pair with it. PRICE_ALERT_NOT_FOUND for another user's or an unknown id; PRICE_ALERT_NOT_ACTIVE once ended. */
  cancel(userId: UserId, id: PriceAlertId): Promise<PriceAlert>;
  /** The user's alert, or null (another user's or an unknown id). */
  get(userId: UserId, id: PriceAlertId): Promise<PriceAlert | null>;
  /**
   * Changes an ACTIVE alert's level, note or (a GTT's) order; tells the engine's watch. The
   * condition and the OCO pairing stay. PRICE_ALERT_NOT_FOUND / PRICE_ALERT_NOT_ACTIVE as cancel;
   * an order for an alert without one is VALIDATION_FAILED (a plain alert stays plain).
   */
  modify(userId: UserId, id: PriceAlertId, change: { price?: number; note?: string; order?: PriceAlertOrder }): Promise<PriceAlert>;
  /** Every ACTIVE alert (the engine's watch list). */
  active(): Promise<PriceAlert[]>;
  /**
   * Fires an ACTIVE alert at `price`: null when it is no longer active (cancelled meanwhile, or
   * fired by an earlier look). The one place that decides, so an alert fires once. A plain alert is
   * told with the update; a GTT when its order's outcome is recorded.
   */
  trigger(id: PriceAlertId, price: number, at: number): Promise<FiredPriceAlert | null>;
  /** A fired GTT's order outcome, once (null when one is recorded already); tells the gateways. */
  recordOrderOutcome(id: PriceAlertId, outcome: PriceAlertOrderOutcome): Promise<PriceAlert | null>;
  /**
   * Ends as EXPIRED every active alert whose contract's expiry close (15:30 IST on its expiry day,
   * as the engine last listed it: listed_instruments) is at or before `now`, and any set
   * PRICE_ALERT_LIFETIME_DAYS ago or more (an index's, a far level nobody remembers: Kite's GTTs
   * also end after a year); returns them. The engine's watch calls it, and stops watching them; each owner's terminals are
   * told (PRICE_ALERT_ENDED_CHANNEL, once per user: NOTIFY folds equal payloads of one transaction).
   */
  expire(now: number): Promise<PriceAlert[]>;
  /** Fired GTTs whose order outcome is not recorded (the engine stopped or failed in between), oldest first. */
  unplaced(): Promise<FiredPriceAlert[]>;
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
  account_id: string | null;
  order_spec: unknown;
  order_outcome: unknown;
  expired_at: Date | null;
  oco_with: string | null;
};

/** A timestamptz column as epoch milliseconds in SQL (null stays null). */
const epochMs = (column: string): string => `(extract(epoch FROM ${column}) * 1000)::bigint`;

const COLUMNS = 'id, user_id, instrument_id, condition, price, note, status, created_at, triggered_at, triggered_price, cancelled_at, account_id, order_spec, order_outcome, expired_at, oco_with';
/** Whether the alert's owner may still trade its GTT's account (enabled, trader or admin, still their account). */
/**
 * Locks the alert and its OCO pair (if any) in id order before a statement changes either. Fire and
 * cancel touch both rows; taken in whichever order each statement met them, a fire of one leg and a
 * fire or cancel of the other deadlocked (one aborted after deadlock_timeout). In id order the second
 * waits for the first, then finds its leg no longer ACTIVE. Parameter $1 is the alert's id.
 */
const LOCK_PAIR = `locked AS MATERIALIZED (
  SELECT id FROM price_alerts WHERE id = $1 OR id = (SELECT oco_with FROM price_alerts WHERE id = $1) ORDER BY id FOR UPDATE
)`;

const ownerCanTrade = (alert: string): string =>
  `EXISTS (SELECT 1 FROM users u JOIN accounts a ON a.user_id = u.id WHERE u.id = ${alert}.user_id AND a.id = ${alert}.account_id AND u.disabled_at IS NULL AND u.role IN ('admin', 'trader')) AS owner_can_trade`;

/** The alert as the PriceAlert JSON the listeners parse (a NOTIFY payload; far below its 8,000 bytes). */
const ALERT_JSON = `json_build_object(
  'id', id, 'userId', user_id, 'instrumentId', instrument_id, 'condition', condition, 'price', price, 'note', note,
  'status', status, 'createdAt', ${epochMs('created_at')}, 'triggeredAt', ${epochMs('triggered_at')},
  'triggeredPrice', triggered_price, 'cancelledAt', ${epochMs('cancelled_at')},
  'accountId', account_id, 'order', order_spec, 'orderOutcome', order_outcome, 'expiredAt', ${epochMs('expired_at')}, 'ocoWith', oco_with)::text`;

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
    accountId: row.account_id,
    order: row.order_spec ?? null,
    orderOutcome: row.order_outcome ?? null,
    expiredAt: row.expired_at?.getTime() ?? null,
    ocoWith: row.oco_with,
  });

const toFired = (row: Row & { owner_can_trade: boolean }): FiredPriceAlert => ({ ...toAlert(row), ownerCanTrade: row.owner_can_trade });

export function createPriceAlertStore(pool: pg.Pool): PriceAlertStore {
  const get = async (userId: UserId, id: PriceAlertId): Promise<PriceAlert | null> => {
    const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM price_alerts WHERE id = $1 AND user_id = $2`, [id, userId]);
    const row = result.rows[0];
    return row ? toAlert(row) : null;
  };
  return {
    async create(userId, alert) {
      return inTransaction(pool, async (client) => {
        // One user's creates in turn: two at once must not both see 99 and make 101.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`price-alerts:${userId}`]);
        const active = await client.query<{ count: string }>(`SELECT count(*) FROM price_alerts WHERE user_id = $1 AND status = 'ACTIVE'`, [userId]);
        const adding = alert.oco ? 2 : 1;
        if (Number(active.rows[0]?.count ?? 0) + adding > MAX_ACTIVE_PRICE_ALERTS) throw new DomainError('PRICE_ALERT_LIMIT_REACHED');
        const id = randomUUID();
        const accountId = alert.gtt?.accountId ?? null;
        const result = await client.query<Row>(
          `INSERT INTO price_alerts (id, user_id, instrument_id, condition, price, note, account_id, order_spec, oco_with) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
          [id, userId, alert.instrumentId, alert.condition, alert.price, alert.note, accountId, alert.gtt ? JSON.stringify(alert.gtt.order) : null, null],
        );
        if (alert.oco) {
          // The pair names each other: the second leg first (the first exists), then the first.
          const second = randomUUID();
          await client.query(
            `INSERT INTO price_alerts (id, user_id, instrument_id, condition, price, note, account_id, order_spec, oco_with) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [second, userId, alert.instrumentId, oppositeCondition(alert.condition), alert.oco.price, alert.note, accountId, JSON.stringify(alert.oco.order), id],
          );
          const paired = await client.query<Row>(`UPDATE price_alerts SET oco_with = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, second]);
          result.rows[0] = paired.rows[0]!;
        }
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
    get,
    async modify(userId, id, change) {
      // Locked with its pair, as a fire is: a change and a fire of either leg go in turn.
      const result = await pool.query<Row>(
        `WITH ${LOCK_PAIR}, changed AS (
           UPDATE price_alerts SET price = COALESCE($3, price), note = COALESCE($4, note), order_spec = COALESCE($5::jsonb, order_spec)
           WHERE id = $1 AND user_id = $2 AND status = 'ACTIVE' AND ($5::jsonb IS NULL OR order_spec IS NOT NULL) AND EXISTS (SELECT 1 FROM locked) RETURNING ${COLUMNS}
         )
         SELECT changed.*, pg_notify($6, $2::text) FROM changed`,
        [id, userId, change.price ?? null, change.note ?? null, change.order ? JSON.stringify(change.order) : null, PRICE_ALERT_CHANGE_CHANNEL],
      );
      const row = result.rows[0];
      if (row) return toAlert(row);
      const existing = await get(userId, id);
      if (!existing) throw new DomainError('PRICE_ALERT_NOT_FOUND');
      if (existing.status !== 'ACTIVE') throw new DomainError('PRICE_ALERT_NOT_ACTIVE');
      throw new DomainError('VALIDATION_FAILED', 'This alert places no order: set a GTT instead to have one placed.');
    },
    async cancel(userId, id) {
      const result = await pool.query<Row>(
        `WITH ${LOCK_PAIR}, cancelled AS (
           UPDATE price_alerts SET status = 'CANCELLED', cancelled_at = now() WHERE id = $1 AND user_id = $2 AND status = 'ACTIVE' AND EXISTS (SELECT 1 FROM locked) RETURNING ${COLUMNS}
         ), pair AS (
           UPDATE price_alerts p SET status = 'CANCELLED', cancelled_at = now() FROM cancelled WHERE p.id = cancelled.oco_with AND p.status = 'ACTIVE' RETURNING p.id
         )
         SELECT cancelled.*, pg_notify($3, $2::text), (SELECT count(*) FROM pair) AS pair_cancelled FROM cancelled`,
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
      // A GTT is told with its order's outcome instead (recordOrderOutcome).
      const result = await pool.query<Row & { owner_can_trade: boolean }>(
        `WITH ${LOCK_PAIR}, fired AS (
           UPDATE price_alerts SET status = 'TRIGGERED', triggered_at = to_timestamp($3::double precision / 1000), triggered_price = $2
           -- The level as it is now: changed since the watch read it (modify), a stale look does not fire it.
           WHERE id = $1 AND status = 'ACTIVE' AND (CASE condition WHEN 'ABOVE' THEN $2 >= price ELSE $2 <= price END) AND EXISTS (SELECT 1 FROM locked) RETURNING ${COLUMNS}
         ), pair AS (
           -- One cancels the other, in the same statement: the pair can never both fire.
           UPDATE price_alerts p SET status = 'CANCELLED', cancelled_at = to_timestamp($3::double precision / 1000) FROM fired WHERE p.id = fired.oco_with AND p.status = 'ACTIVE' RETURNING p.id
         )
         SELECT fired.*, (SELECT count(*) FROM pair) AS pair_cancelled, ${ownerCanTrade('fired')}, CASE WHEN order_spec IS NULL THEN pg_notify($4, ${ALERT_JSON}) END
         FROM fired`,
        [id, price, at, PRICE_ALERT_TRIGGERED_CHANNEL],
      );
      const row = result.rows[0];
      return row ? toFired(row) : null;
    },
    async recordOrderOutcome(id, outcome) {
      const result = await pool.query<Row>(
        `WITH recorded AS (
           UPDATE price_alerts SET order_outcome = $2 WHERE id = $1 AND status = 'TRIGGERED' AND order_spec IS NOT NULL AND order_outcome IS NULL RETURNING ${COLUMNS}
         )
         SELECT recorded.*, pg_notify($3, ${ALERT_JSON}) FROM recorded`,
        [id, JSON.stringify(outcome), PRICE_ALERT_TRIGGERED_CHANNEL],
      );
      const row = result.rows[0];
      return row ? toAlert(row) : null;
    },
    async expire(now) {
      // 15:30 IST = 10:00 UTC on the expiry day, as expiryInstantMs in the domain.
      const result = await pool.query<Row>(
        `WITH expired AS (
           UPDATE price_alerts p SET status = 'EXPIRED', expired_at = to_timestamp($1::double precision / 1000)
           WHERE p.status = 'ACTIVE' AND (
             p.created_at <= to_timestamp($1::double precision / 1000) - interval '1 day' * $3
             OR EXISTS (SELECT 1 FROM listed_instruments l WHERE l.id = p.instrument_id AND (l.expiry::timestamp + interval '10 hours') AT TIME ZONE 'UTC' <= to_timestamp($1::double precision / 1000))
           )
           RETURNING p.*
         )
         SELECT ${COLUMNS}, pg_notify($2, user_id::text) FROM expired ORDER BY created_at, id`,
        [now, PRICE_ALERT_ENDED_CHANNEL, PRICE_ALERT_LIFETIME_DAYS],
      );
      return result.rows.map(toAlert);
    },
    async unplaced() {
      const result = await pool.query<Row & { owner_can_trade: boolean }>(
        `SELECT ${COLUMNS}, ${ownerCanTrade('p')} FROM price_alerts p
         WHERE status = 'TRIGGERED' AND order_spec IS NOT NULL AND order_outcome IS NULL ORDER BY triggered_at, id`,
      );
      return result.rows.map(toFired);
    },
  };
}
