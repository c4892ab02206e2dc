import { EngineEventSchema, type EngineEvent } from '@strikedesk/domain';
import type pg from 'pg';

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

export type Journal = {
  append(records: readonly JournalRecord[]): Promise<void>;
  readAfter(afterSeq: number, limit?: number): Promise<JournalRecord[]>;
  /** These orders' records up to and including `upToSeq`, in seq order (to fold them as of that seq). */
  readOrders(orderIds: readonly string[], upToSeq: number): Promise<JournalRecord[]>;
  lastSeq(): Promise<number>;
};

const CLIENT_ORDER_INDEX = 'engine_events_client_order_id_key';
const PRIMARY_KEY = 'engine_events_pkey';

const clientOrderIdOf = (event: EngineEvent): string | null =>
  event.type === 'OrderSubmitted' || event.type === 'OrderDenied' ? event.clientOrderId : null;

export function createJournal(pool: pg.Pool): Journal {
  return {
    async append(records) {
      if (records.length === 0) return;
      const seqs: number[] = [];
      const accounts: string[] = [];
      const orders: string[] = [];
      const clientOrderIds: (string | null)[] = [];
      const types: string[] = [];
      const payloads: string[] = [];
      for (const { seq, event } of records) {
        seqs.push(seq);
        accounts.push(event.accountId);
        orders.push(event.orderId);
        clientOrderIds.push(clientOrderIdOf(event));
        types.push(event.type);
        payloads.push(JSON.stringify(event));
      }
      try {
        // One statement with six array parameters (not six parameters per row): PostgreSQL parses
        // and plans one small statement whatever the batch size. A single INSERT is atomic.
        await pool.query(
          `INSERT INTO engine_events (seq, account_id, order_id, client_order_id, type, payload)
           SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
          [seqs, accounts, orders, clientOrderIds, types, payloads],
        );
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
    async lastSeq() {
      const result = await pool.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM engine_events');
      return result.rows[0]?.seq ?? 0;
    },
  };
}
