import { asAccountId, asOrderId, asUserId, paise, type EngineEvent } from '@strikedesk/domain';
import { stubOrderSubmitted } from '@strikedesk/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createJournal, DuplicateClientOrderIdError, JournalAppendInterruptedError, JournalSequenceConflictError } from './journal.ts';
import { createPool, type Pool } from './pool.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

const accountId = asAccountId('0b6f7a4e-1c1d-4f7e-9a55-2f4d3c2b1a00');
const userId = asUserId('5d1c4b8e-9a2f-4c3b-8e7d-6a5b4c3d2e1f');
const submitted = (orderId: string, clientOrderId: string): EngineEvent =>
  stubOrderSubmitted({ accountId, userId, orderId, clientOrderId, at: 1_700_000_000_000, spec: { type: 'LIMIT', price: paise(2_600_000) } });
const rejected = (orderId: string, reasonMessage: string): EngineEvent => ({ type: 'OrderRejected', accountId, orderId: asOrderId(orderId), at: 3, reasonCode: 'RMS', reasonMessage });

describe('journal COPY', () => {
  let database: TestDatabase;
  let pool: Pool;
  const unhandled: unknown[] = [];
  const onUnhandled = (error: unknown) => unhandled.push(error);
  let adminPool: Pool | null = null;
  const admin = (): Pool => (adminPool ??= createPool(database.url, { max: 1 }));
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 2 });
    process.on('uncaughtException', onUnhandled);
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUnhandled);
    process.off('unhandledRejection', onUnhandled);
    await pool.end();
    await adminPool?.end();
    await database.drop();
  });

  it('round-trips NUL, lone surrogates, a line that is just \\. , lone CR, U+2028 in payload text and in order ids', async () => {
    const journal = createJournal(pool);
    const before = await journal.lastSeq();
    const messages = ['nul\u0000here', 'lone \uD800 high', 'lone \uDC00 low', '\\.', '\n\\.\n', 'cr\ronly', 'ls\u2028ps\u2029', '\\\\N', '\t\\t'];
    const events = messages.map((message, index) => rejected(`o-\\.${index}\t`, message));
    await journal.append(events.map((event, index) => ({ seq: before + 1 + index, event })));
    expect((await journal.readAfter(before)).map((record) => record.event)).toEqual(events);
    expect((await journal.readOrders([`o-\\.3\t`], Number.MAX_SAFE_INTEGER)).map((record) => record.event)).toEqual([events[3]]);
  });

  it('maps a conflict in a large batch (bigger than the socket buffer) and the pool keeps working', async () => {
    const journal = createJournal(pool);
    const before = await journal.lastSeq();
    const big = Array.from({ length: 5_000 }, (_, index) => ({ seq: before + index + (index === 0 ? 0 : 1), event: rejected(`big-${index}`, 'x'.repeat(200)) }));
    await expect(journal.append(big)).rejects.toBeInstanceOf(JournalSequenceConflictError);
    const dup = [{ seq: before + 1, event: submitted('d-1', 'dupe') }, ...Array.from({ length: 3_000 }, (_, index) => ({ seq: before + 2 + index, event: rejected(`big2-${index}`, 'y'.repeat(200)) })), { seq: before + 3_002, event: submitted('d-2', 'dupe') }];
    await expect(journal.append(dup)).rejects.toBeInstanceOf(DuplicateClientOrderIdError);
    expect(await journal.lastSeq()).toBe(before);
    await journal.append([{ seq: before + 1, event: rejected('after', 'ok') }]);
    expect(await journal.lastSeq()).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(unhandled).toEqual([]);
  });

  it('a connection killed mid-COPY rejects the append, lands nothing, and leaves the pool usable', async () => {
    const journal = createJournal(pool);
    const admin = createPool(database.url, { max: 2 });
    const locker = await admin.connect();
    try {
      const before = await journal.lastSeq();
      // The COPY waits on this lock, so it is surely running when its session is killed.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE engine_events IN SHARE MODE');
      // Its outcome is taken at once: a rejection nobody has awaited yet would count as unhandled.
      const outcome = journal.append(Array.from({ length: 1_000 }, (_, index) => ({ seq: before + 1 + index, event: rejected(`kill-${index}`, 'z'.repeat(300)) }))).then(() => null, (error: unknown) => error);
      let killed = false;
      for (let tries = 0; tries < 500 && !killed; tries += 1) {
        const result = await admin.query<{ killed: boolean }>("SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE query LIKE 'COPY engine_events%' AND wait_event_type = 'Lock'");
        killed = result.rows.some((row) => row.killed);
        if (!killed) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(killed).toBe(true);
      expect(await outcome).toBeInstanceOf(Error);
      await locker.query('COMMIT');
      expect(await journal.lastSeq()).toBe(before);
      await journal.append([{ seq: before + 1, event: rejected('after-kill', 'ok') }]);
      expect(await journal.lastSeq()).toBe(before + 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      locker.release();
      await admin.end();
    }
  });

  it('an append cut off after its rows were sent is settled before anyone reads: its outcome does not change later', async () => {
    // The client's side of the connection goes away once everything is sent; the server still holds a
    // COPY it can finish and commit after the caller has its error — unless the session is ended first.
    const tracked = createPool(database.url, { max: 1 });
    const journal = createJournal(tracked);
    try {
      const before = await journal.lastSeq();
      const rows = Array.from({ length: 60_000 }, (_, index) => ({ seq: before + 1 + index, event: rejected(`late-${index}`, 'w'.repeat(300)) }));
      let socket: { writableLength: number; destroy(): void } | null = null;
      tracked.once('acquire', (client: pg.PoolClient) => {
        socket = (client as unknown as { connection: { stream: { writableLength: number; destroy(): void } } }).connection.stream;
      });
      const appending = journal.append(rows);
      const cut = (async () => {
        for (;;) {
          await new Promise((resolve) => setImmediate(resolve));
          const stream = socket as { writableLength: number; destroy(): void } | null;
          if (stream && stream.writableLength === 0 && (await admin().query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'COPY engine_events%' AND state = 'active'")).rowCount) {
            // The rows are with the kernel; the CopyDone that ends them follows a tick later.
            await new Promise((resolve) => setTimeout(resolve, 20));
            if (stream.writableLength > 0) continue;
            stream.destroy();
            return;
          }
        }
      })();
      const error = await appending.then(() => null, (failure: unknown) => failure);
      await cut;
      expect(error).toBeInstanceOf(JournalAppendInterruptedError);
      await createJournal(pool).awaitFinalOutcome(error);
      const settled = await journal.lastSeq();
      expect([before, before + rows.length]).toContain(settled);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await journal.lastSeq()).toBe(settled);
    } finally {
      await tracked.end();
    }
  });
});
