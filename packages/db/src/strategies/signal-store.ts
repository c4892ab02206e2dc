import {
  SignalEventSchema,
  SignalSchema,
  type Signal,
  type SignalAction,
  type SignalDetail,
  type SignalListQuery,
  type SignalStage,
  type SignalStatus,
  type StrategyId,
  type UserId,
} from '@strikedesk/domain';
import type pg from 'pg';
import { inTransaction } from '../transaction.ts';

/** Channels the signal queue uses: new work for the engine, final outcomes for the gateways. */
export const SIGNAL_QUEUE_CHANNEL = 'strikedesk_signals';
export const SIGNAL_UPDATE_CHANNEL = 'strikedesk_signal_updates';

/**
 * Identical bodies (no alert id) within this window are one alert: TradingView resends within
 * ~20 s, while a 1-minute strategy may send the same "buy 1" again a minute (minus jitter) later.
 */
export const BODY_DEDUPE_WINDOW_SECONDS = 30;
/** An explicit alert id is honoured for a week. */
export const ALERT_ID_DEDUPE_WINDOW_SECONDS = 7 * 86_400;

export type IntakeRequest = {
  strategyId: StrategyId;
  strategyName: string;
  strategyVersion: number;
  userId: UserId;
  contentType: string;
  /** As received, passphrase masked. */
  body: string;
  sourceIp: string | null;
  dedupeKey: string;
  alertId: string | null;
  action: SignalAction | null;
  parsed: unknown;
  /** Refused before counting (bad passphrase, malformed, disabled...): stored as REJECTED. */
  rejection: { code: string; message: string } | null;
  /** Counted guards, checked under the strategy's lock. */
  limits: { perMinute: number; perDay: number; dayStartMs: number };
};

export type IntakeResult =
  | { kind: 'ACCEPTED'; signalId: string }
  | { kind: 'DUPLICATE'; signalId: string; status: SignalStatus; reasonCode: string | null; reasonMessage: string | null }
  | { kind: 'REJECTED'; signalId: string; code: string; message: string };

/** What a signal-update notification names. */
export type SignalIdentity = { id: string; strategyId: StrategyId; strategyName: string; userId: UserId };

/** A claimed signal, as the engine processes it. */
export type QueuedSignal = SignalIdentity & {
  strategyVersion: number;
  parsed: unknown;
  attempts: number;
  /** When the gateway stored it (epoch ms, database clock). */
  receivedAt: number;
};

export type SignalOutcomeRecord = {
  status: SignalStatus;
  stage: SignalStage;
  reasonCode?: string | null;
  reasonMessage?: string | null;
  orderIds?: string[];
  detail?: Record<string, unknown>;
  /** Steps before the final one, in order. */
  events?: { stage: SignalStage; detail: Record<string, unknown> }[];
};

export type SignalStore = {
  /** Stores an alert (or finds it is a repeat) in one transaction; committed before the reply. */
  intake(request: IntakeRequest): Promise<IntakeResult>;
  /** Takes up to `limit` ACCEPTED signals (those of `ids`, or the oldest), marking them PROCESSING. */
  claim(limit: number, ids?: readonly string[]): Promise<QueuedSignal[]>;
  /** Puts signals a stopped engine left PROCESSING back in the queue (their orders are idempotent). */
  requeueInFlight(): Promise<number>;
  /** How many of the strategy's signals still wait to be traded (ACCEPTED or PROCESSING). */
  waitingCount(strategyId: StrategyId): Promise<number>;
  addEvent(signalId: string, stage: SignalStage, detail?: Record<string, unknown>): Promise<void>;
  /** Records the outcome and tells the owner's terminals. */
  /** Records the outcome, the timeline steps that led to it (`events`, then `stage`), and tells the owner's terminals. */
  finish(signal: SignalIdentity, outcome: SignalOutcomeRecord): Promise<void>;
  list(userId: UserId, query: Required<Pick<SignalListQuery, 'limit'>> & SignalListQuery): Promise<Signal[]>;
  /** Each of the user's strategies' newest signal (none for a strategy that never had one), newest first. */
  latestByStrategy(userId: UserId): Promise<Signal[]>;
  detail(userId: UserId, signalId: string): Promise<SignalDetail | null>;
};

type Row = {
  id: string;
  strategy_id: string;
  strategy_name: string;
  strategy_version: number;
  status: string;
  reason_code: string | null;
  reason_message: string | null;
  action: string | null;
  content_type: string;
  body: string;
  source_ip: string | null;
  alert_id: string | null;
  duplicates: number;
  order_ids: string[];
  received_at: Date;
  updated_at: Date;
};
const SELECT = `SELECT g.id::text AS id, g.strategy_id, s.name AS strategy_name, g.strategy_version, g.status, g.reason_code,
  g.reason_message, g.action, g.content_type, g.body, g.source_ip, g.alert_id, g.duplicates, g.order_ids, g.received_at, g.updated_at
  FROM signals g JOIN strategies s ON s.id = g.strategy_id`;

const toSignal = (row: Row): Signal =>
  SignalSchema.parse({
    id: row.id,
    strategyId: row.strategy_id,
    strategyName: row.strategy_name,
    strategyVersion: row.strategy_version,
    status: row.status,
    reasonCode: row.reason_code,
    reasonMessage: row.reason_message,
    action: row.action,
    contentType: row.content_type,
    body: row.body,
    sourceIp: row.source_ip,
    alertId: row.alert_id,
    duplicates: row.duplicates,
    orderIds: row.order_ids,
    receivedAt: row.received_at.getTime(),
    updatedAt: row.updated_at.getTime(),
  });

export function createSignalStore(pool: pg.Pool): SignalStore {
  return {
    async intake(request) {
      const dedupeSeconds = request.dedupeKey.startsWith('id:') ? ALERT_ID_DEDUPE_WINDOW_SECONDS : BODY_DEDUPE_WINDOW_SECONDS;
      // One round trip (the function signal_intake, migration 0006): the reply to TradingView waits on it.
      const result = await pool.query<{ kind: IntakeResult['kind']; signal_id: string; signal_status: SignalStatus; code: string | null; message: string | null }>(
        `SELECT kind, signal_id::text, signal_status, code, message
         FROM signal_intake($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [
          request.strategyId,
          request.strategyVersion,
          request.userId,
          request.contentType,
          request.body,
          request.sourceIp,
          request.dedupeKey,
          dedupeSeconds,
          request.alertId,
          request.action,
          request.parsed === undefined || request.parsed === null ? null : JSON.stringify(request.parsed),
          request.rejection?.code ?? null,
          request.rejection?.message ?? null,
          request.limits.perMinute,
          request.limits.perDay,
          new Date(request.limits.dayStartMs),
          `This strategy accepts at most ${request.limits.perMinute} alerts a minute.`,
          `This strategy accepts at most ${request.limits.perDay} alerts a day.`,
        ],
      );
      const row = result.rows[0];
      if (!row) throw new Error('signal_intake returned no row');
      if (row.kind !== 'DUPLICATE') {
        // After the commit, in a statement that writes nothing (see signal_intake).
        const update = notification({ id: row.signal_id, strategyId: request.strategyId, strategyName: request.strategyName, userId: request.userId }, row.signal_status, row.code, row.message);
        if (row.kind === 'ACCEPTED') await pool.query(`SELECT pg_notify($1, $2), pg_notify($3, $4)`, [SIGNAL_UPDATE_CHANNEL, update, SIGNAL_QUEUE_CHANNEL, row.signal_id]);
        else await pool.query(`SELECT pg_notify($1, $2)`, [SIGNAL_UPDATE_CHANNEL, update]);
      }
      if (row.kind === 'DUPLICATE') return { kind: 'DUPLICATE', signalId: row.signal_id, status: row.signal_status, reasonCode: row.code, reasonMessage: row.message };
      if (row.kind === 'REJECTED') return { kind: 'REJECTED', signalId: row.signal_id, code: row.code ?? 'INTERNAL', message: row.message ?? '' };
      return { kind: 'ACCEPTED', signalId: row.signal_id };
    },

    async claim(limit, ids) {
      // By id when the engine was told which (primary-key lookups); else the oldest waiting ones. A
      // queue table's index fills with dead entries between vacuums, so scanning it on every alert
      // would cost more the busier the day.
      // By id, the older waiting signals of the same strategies come too: notifications may arrive
      // out of order, and a strategy's alerts must be acted on in the order they came.
      const byIds = `AND (id = ANY($2::bigint[]) OR (strategy_id IN (SELECT strategy_id FROM signals WHERE id = ANY($2::bigint[]))
                      AND id < (SELECT max(n) FROM unnest($2::bigint[]) AS n)))`;
      const result = await pool.query<{ id: string; strategy_id: string; strategy_name: string; strategy_version: number; user_id: string; parsed: unknown; attempts: number; received_at: Date }>(
        `UPDATE signals g SET status = 'PROCESSING', attempts = g.attempts + 1, updated_at = now()
         FROM strategies s
         WHERE s.id = g.strategy_id AND g.id IN (
           SELECT id FROM signals WHERE status = 'ACCEPTED' ${ids ? byIds : ''} ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING g.id::text, g.strategy_id, s.name AS strategy_name, g.strategy_version, g.user_id, g.parsed, g.attempts, g.received_at`,
        ids ? [limit, ids] : [limit],
      );
      return result.rows
        .map((row) => ({
          id: row.id,
          strategyId: row.strategy_id as StrategyId,
          strategyName: row.strategy_name,
          strategyVersion: row.strategy_version,
          userId: row.user_id as UserId,
          parsed: row.parsed,
          attempts: row.attempts,
          receivedAt: row.received_at.getTime(),
        }))
        .sort((a, b) => Number(a.id) - Number(b.id));
    },

    async requeueInFlight() {
      const result = await pool.query(`UPDATE signals SET status = 'ACCEPTED', updated_at = now() WHERE status = 'PROCESSING'`);
      return result.rowCount ?? 0;
    },

    async waitingCount(strategyId) {
      const result = await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM signals WHERE strategy_id = $1 AND status IN ('ACCEPTED', 'PROCESSING')`, [strategyId]);
      return result.rows[0]?.count ?? 0;
    },

    async addEvent(signalId, stage, detail = {}) {
      await pool.query(`INSERT INTO signal_events (signal_id, stage, detail) VALUES ($1, $2, $3)`, [signalId, stage, JSON.stringify(detail)]);
    },

    async finish(signal, outcome) {
      const signalId = signal.id;
      const events = [...(outcome.events ?? []), { stage: outcome.stage, detail: outcome.detail ?? (outcome.reasonCode ? { code: outcome.reasonCode, message: outcome.reasonMessage } : {}) }];
      // One statement: outcome and timeline.
      const sql = `WITH updated AS (
           UPDATE signals SET status = $2, reason_code = $3, reason_message = $4, order_ids = $5, updated_at = now() WHERE id = $1 RETURNING id
         )
         INSERT INTO signal_events (signal_id, stage, detail)
         SELECT updated.id, event.stage, event.detail FROM updated, unnest($6::text[], $7::jsonb[]) WITH ORDINALITY AS event(stage, detail, n) ORDER BY n`;
      const params = [
          signalId,
          outcome.status,
          outcome.reasonCode ?? null,
          outcome.reasonMessage ?? null,
          outcome.orderIds ?? [],
          events.map((event) => event.stage),
          events.map((event) => JSON.stringify(event.detail)),
        ];
      if ((outcome.orderIds ?? []).length > 0) {
        await pool.query(sql, params);
      } else {
        // No order carries this decision (no action, refused): after a crash it could not be
        // recovered from the journal, and deciding again against later state could trade. Durable
        // before the strategy's next signal, whatever the pool's commit setting.
        await inTransaction(pool, async (client) => {
          await client.query('SET LOCAL synchronous_commit = on');
          await client.query(sql, params);
        });
      }
      await pool.query(`SELECT pg_notify($1, $2)`, [SIGNAL_UPDATE_CHANNEL, notification(signal, outcome.status, outcome.reasonCode ?? null, outcome.reasonMessage ?? null)]);
    },

    async list(userId, query) {
      const params: unknown[] = [userId];
      const where = ['g.user_id = $1'];
      if (query.strategyId) where.push(`g.strategy_id = $${params.push(query.strategyId)}`);
      if (query.status) where.push(`g.status = $${params.push(query.status)}`);
      if (query.before) where.push(`g.id < $${params.push(query.before)}`);
      const result = await pool.query<Row>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY g.id DESC LIMIT $${params.push(query.limit)}`, params);
      return result.rows.map(toSignal);
    },

    async latestByStrategy(userId) {
      // One index probe per strategy (signals_strategy_received_idx), however many signals the day had:
      // the newest 200 of all strategies left a quiet strategy showing none while a busy one talked.
      const result = await pool.query<Row>(
        `${SELECT} WHERE g.id IN (
           SELECT latest.id FROM strategies st
           CROSS JOIN LATERAL (SELECT id FROM signals WHERE strategy_id = st.id ORDER BY received_at DESC, id DESC LIMIT 1) latest
           WHERE st.user_id = $1)
         ORDER BY g.id DESC`,
        [userId],
      );
      return result.rows.map(toSignal);
    },

    async detail(userId, signalId) {
      if (!/^\d{1,18}$/.test(signalId)) return null;
      const result = await pool.query<Row>(`${SELECT} WHERE g.user_id = $1 AND g.id = $2`, [userId, signalId]);
      const row = result.rows[0];
      if (!row) return null;
      const events = await pool.query<{ stage: string; at: Date; detail: unknown }>(`SELECT stage, at, detail FROM signal_events WHERE signal_id = $1 ORDER BY id`, [
        signalId,
      ]);
      return { ...toSignal(row), events: events.rows.map((event) => SignalEventSchema.parse({ stage: event.stage, at: event.at.getTime(), detail: event.detail ?? {} })) };
    },
  };
}

/** The SignalUpdate payload of SIGNAL_UPDATE_CHANNEL, with the owner for routing. */
const notification = (signal: SignalIdentity, status: SignalStatus, reasonCode: string | null, reasonMessage: string | null): string =>
  JSON.stringify({ signalId: signal.id, strategyId: signal.strategyId, strategyName: signal.strategyName, userId: signal.userId, status, reasonCode, reasonMessage });
