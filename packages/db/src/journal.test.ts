import { asAccountId, asOrderId, asUserId, paise, type EngineEvent } from '@strikedesk/domain';
import { stubOrderSubmitted } from '@strikedesk/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJournal, DuplicateClientOrderIdError, JournalSequenceConflictError } from './journal.ts';
import { createPool, type Pool } from './pool.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

const accountId = asAccountId('0b6f7a4e-1c1d-4f7e-9a55-2f4d3c2b1a00');
const userId = asUserId('5d1c4b8e-9a2f-4c3b-8e7d-6a5b4c3d2e1f');

const submitted = (orderId: string, clientOrderId: string): EngineEvent =>
  stubOrderSubmitted({ accountId, userId, orderId, clientOrderId, at: 1_700_000_000_000, spec: { type: 'LIMIT', price: paise(2_600_000) } });

describe('journal', () => {
  let database: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('appends atomically and reads back in order, validating payloads', async () => {
    const journal = createJournal(pool);
    expect(await journal.lastSeq()).toBe(0);
    await journal.append([
      { seq: 1, event: submitted('o-1', 'c1') },
      { seq: 2, event: { type: 'OrderAccepted', accountId, orderId: asOrderId('o-1'), at: 1, brokerOrderId: 'B1' } },
    ]);
    expect(await journal.lastSeq()).toBe(2);
    const records = await journal.readAfter(0);
    expect(records.map((record) => [record.seq, record.event.type])).toEqual([
      [1, 'OrderSubmitted'],
      [2, 'OrderAccepted'],
    ]);
    expect(records[0]?.event).toEqual(submitted('o-1', 'c1'));
    expect((await journal.readAfter(1)).map((record) => record.seq)).toEqual([2]);
  });

  it('stores any text a payload can hold exactly (COPY escaping): backslashes, tabs, newlines, quotes, non-ASCII', async () => {
    const journal = createJournal(pool);
    const before = await journal.lastSeq();
    const awkward = 'tab\there, line\nbreak\r\n, back\\slash \\N "quoted" ₹ निफ्टी \u{1F4C8}';
    const rejected: EngineEvent = { type: 'OrderRejected', accountId, orderId: asOrderId('o-\\1'), at: 3, reasonCode: 'RMS', reasonMessage: awkward };
    await journal.append([{ seq: before + 1, event: rejected }]);
    expect((await journal.readAfter(before)).map((record) => record.event)).toEqual([rejected]);
    const row = await pool.query<{ order_id: string; client_order_id: string | null }>('SELECT order_id, client_order_id FROM engine_events WHERE seq = $1', [before + 1]);
    expect(row.rows).toEqual([{ order_id: 'o-\\1', client_order_id: null }]);
  });

  it('refuses a reused client order id in the same account, and the whole batch with it', async () => {
    const journal = createJournal(pool);
    const before = await journal.lastSeq();
    await expect(
      journal.append([
        { seq: before + 1, event: { type: 'OrderAccepted', accountId, orderId: asOrderId('o-1'), at: 2, brokerOrderId: 'B2' } },
        { seq: before + 2, event: submitted('o-2', 'c1') },
      ]),
    ).rejects.toBeInstanceOf(DuplicateClientOrderIdError);
    expect(await journal.lastSeq()).toBe(before);
  });

  it('refuses a sequence number that is already taken (a second writer)', async () => {
    const journal = createJournal(pool);
    await expect(journal.append([{ seq: 1, event: submitted('o-9', 'c9') }])).rejects.toBeInstanceOf(
      JournalSequenceConflictError,
    );
  });

  it("records where the fold's rules begin once: the first record stands", async () => {
    const fresh = await createTestDatabase();
    const freshPool = createPool(fresh.url);
    try {
      const journal = createJournal(freshPool);
      expect(await journal.foldRules()).toEqual({});
      expect(await journal.recordFoldRules({ booksClosedOutsideFrom: 5 })).toEqual({ booksClosedOutsideFrom: 5 });
      expect(await journal.recordFoldRules({ booksClosedOutsideFrom: 9 })).toEqual({ booksClosedOutsideFrom: 5 });
      expect(await journal.foldRules()).toEqual({ booksClosedOutsideFrom: 5 });
    } finally {
      await freshPool.end();
      await fresh.drop();
    }
  });
});
