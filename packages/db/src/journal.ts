import { EngineEventSchema, type EngineEvent } from '@strikedesk/domain';
import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import { copyJournalRows, JournalAppendInterruptedError } from './journal-copy.ts';

export { JournalAppendInterruptedError } from './journal-copy.ts';

/** One journal entry: the engine assigns `seq` (single writer, contiguous from 1). */
export type JournalRecord = { seq: number; event: EngineEvent };

export class DuplicateClientOrderIdError extends Error {
  constructor(readonly accountId: string, readonly clientOrderId: string) {
    super(`client order id ${clientOrderId} already used in account ${accountId}`);
    this.name = 'DuplicateClientOrderIdError';
  }
}

export class JournalSequenceConflictError extends Error {
  constructor(readonly seq: number) {
    super(`journal seq ${seq} already exists: another writer is using this journal`);
    this.name = 'JournalSequenceConflictError';
  }
}

/**
 * The journal seq from which each rule of the engine's fold applies. A rule that changes what an
 * event does applies only to records written after it arrived: replaying older records under it
 * could build state the engine never had (docs/adr/0010-positions-day-carried-books.md).
 */
export type FoldRules = {
  /** A fill of no book closes the virtual books it offsets (ADR 0010). */
  booksClosedOutsideFrom: number;
};

export type Journal = {
  append(records: readonly JournalRecord[]): Promise<void>;
  readAfter(afterSeq: number, limit?: number): Promise<JournalRecord[]>;
  /** These orders' records up to and including `upToSeq`, in seq order (to fold them as of that seq). */
  readOrders(orderIds: readonly string[], upToSeq: number): Promise<JournalRecord[]>;
  lastSeq(): Promise<number>;
  /** Where the fold's rules begin (`engine_fold_rules`, migration 0012), for the rules recorded yet. */
  foldRules(): Promise<Partial<FoldRules>>;
  /** Records where rules begin, unless already recorded (the first record stands); returns what is recorded. */
  recordFoldRules(rules: FoldRules): Promise<Partial<FoldRules>>;
  /**
   * Resolves once the outcome of the append that failed with `error` is final, so a re-read tells
   * whether it landed: an append cut off mid-statement may still be running (and commit) in its
   * server session, which is ended first. Rejects while the database cannot be reached (retry).
   */
  awaitFinalOutcome(error: unknown): Promise<void>;
};

const SETTLE_POLL_MS = 10;
const SETTLE_TIMEOUT_MS = 5_000;

const CLIENT_ORDER_INDEX = 'engine_events_client_order_id_key';
const BOOKS_CLOSED_OUTSIDE = 'books-closed-outside';
const PRIMARY_KEY = 'engine_events_pkey';

const clientOrderIdOf = (event: EngineEvent): string | null =>
  event.type === 'OrderSubmitted' || event.type === 'OrderDenied' ? event.clientOrderId : null;

export function createJournal(pool: pg.Pool): Journal {
  return {
    async append(records) {
      if (records.length === 0) return;
      try {
        await copyJournalRows(pool, records.map(({ seq, event }) => ({ seq, event, clientOrderId: clientOrderIdOf(event) })));
      } catch (error) {
        const pgError = error as { code?: string; constraint?: string };
        if (pgError.code === '23505' && pgError.constraint === CLIENT_ORDER_INDEX) {
          const first = records.find((record) => clientOrderIdOf(record.event) !== null);
          throw new DuplicateClientOrderIdError(first?.event.accountId ?? '', first ? (clientOrderIdOf(first.event) ?? '') : '');
        }
        if (pgError.code === '23505' && pgError.constraint === PRIMARY_KEY) {
          throw new JournalSequenceConflictError(records[0]?.seq ?? 0);
        }
        throw error;
      }
    },
    async readAfter(afterSeq, limit = 5_000) {
      const result = await pool.query<{ seq: number; payload: unknown }>(
        'SELECT seq, payload FROM engine_events WHERE seq > $1 ORDER BY seq LIMIT $2',
        [afterSeq, limit],
      );
      return result.rows.map((row) => ({ seq: row.seq, event: EngineEventSchema.parse(row.payload) }));
    },
    async readOrders(orderIds, upToSeq) {
      if (orderIds.length === 0) return [];
      const result = await pool.query<{ seq: number; payload: unknown }>(
        'SELECT seq, payload FROM engine_events WHERE order_id = ANY($1::text[]) AND seq <= $2 ORDER BY seq',
        [orderIds, upToSeq],
      );
      return result.rows.map((row) => ({ seq: row.seq, event: EngineEventSchema.parse(row.payload) }));
    },
    async awaitFinalOutcome(error) {
      if (!(error instanceof JournalAppendInterruptedError)) return;
      const { pid, startedAtMicros } = error.session;
      // That very session: a later one that reuses the pid started later.
      const same = 'pid = $1 AND (extract(epoch FROM backend_start) * 1000000)::bigint = $2';
      await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE ${same}`, [pid, startedAtMicros]);
      for (const started = Date.now(); ; ) {
        const alive = await pool.query(`SELECT 1 FROM pg_stat_activity WHERE ${same}`, [pid, startedAtMicros]);
        if (alive.rowCount === 0) return;
        if (Date.now() - started > SETTLE_TIMEOUT_MS) throw new Error(`journal session ${pid} did not end`);
        await delay(SETTLE_POLL_MS);
      }
    },
    async foldRules() {
      const result = await pool.query<{ rule: string; from_seq: string }>('SELECT rule, from_seq FROM engine_fold_rules');
      const from = result.rows.find((row) => row.rule === BOOKS_CLOSED_OUTSIDE)?.from_seq;
      return from === undefined ? {} : { booksClosedOutsideFrom: Number(from) };
    },
    async recordFoldRules(rules) {
      await pool.query('INSERT INTO engine_fold_rules (rule, from_seq) VALUES ($1, $2) ON CONFLICT (rule) DO NOTHING', [BOOKS_CLOSED_OUTSIDE, rules.booksClosedOutsideFrom]);
      return this.foldRules();
    },
    async lastSeq() {
      const result = await pool.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM engine_events');
      return result.rows[0]?.seq ?? 0;
    },
  };
}
