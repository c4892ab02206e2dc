import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJournal, createPool, createSnapshotStore, type JournalRecord, type Pool } from '@strikedesk/db/client';
import { createTestDatabase, type TestDatabase } from '@strikedesk/db/testing';
import { TradingState } from '../orders/trading-state.ts';
import { FILL_ACCOUNT, filledOrderEvents } from '../testing/filled-order-events.ts';
import { recoverState } from './recover-state.ts';
import { encodeSnapshot, SNAPSHOT_FORMAT } from './snapshot-codec.ts';

let database: TestDatabase;
let pool: Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const logger = { warn: () => undefined };
// A portfolio's short and the ticket's buy-back, twice (records 1–6, then 7–12).
const records: JournalRecord[] = [1, 2, 3, 4]
  .flatMap((n) => filledOrderEvents(n, n % 2 === 1 ? { side: 'SELL', quantity: 65, price: 150_00, portfolio: 'pf-1' } : { side: 'BUY', quantity: 65, price: 120_00 }))
  .map((event, index) => ({ seq: index + 1, event }));
const bookOf = (state: TradingState) => state.bookPositionsOf(FILL_ACCOUNT).map((position) => position.netQuantity);

describe('recovering the state under the journal’s fold rules', () => {
  it('a first start that knows the rule records it after the journal it recovered, which replays as it was decided', async () => {
    const journal = createJournal(pool);
    await journal.append(records);
    const recovered = await recoverState(journal, createSnapshotStore(pool), logger);
    expect(bookOf(recovered.state)).toEqual([-130]); // both buy-backs journaled before the rule
    expect(await journal.foldRules()).toEqual({ booksClosedOutsideFrom: 13 });
    // From then on the rule applies: the portfolio sells 65 more, and the ticket's buy-back of them
    // closes the book's part (−195 without the rule).
    const next = [...filledOrderEvents(5, { side: 'SELL', quantity: 65, price: 150_00, portfolio: 'pf-1' }), ...filledOrderEvents(6, { side: 'BUY', quantity: 65, price: 120_00 })];
    for (const event of next) recovered.state.apply({ seq: recovered.state.lastSeq + 1, event });
    expect(bookOf(recovered.state)).toEqual([-130]);
    // A snapshot worker never records rules (the engine's start has).
    await pool.query('DELETE FROM engine_fold_rules');
    await expect(recoverState(journal, createSnapshotStore(pool), logger, { recordRules: false })).rejects.toThrow(/not recorded yet/);
  });

  it('replays the records before a rule arrived as they were decided, the ones after under it — from the journal or a snapshot', async () => {
    const journal = createJournal(pool);
    const fromSeq = async (seq: number) => {
      await pool.query('DELETE FROM engine_fold_rules');
      await journal.recordFoldRules({ booksClosedOutsideFrom: seq });
    };

    await fromSeq(1);
    expect(bookOf((await recoverState(journal, createSnapshotStore(pool), logger)).state)).toEqual([0]);

    // The rule arrived at seq 7: the first buy-back left the book short, the second closed its part.
    await fromSeq(7);
    const replayed = await recoverState(journal, createSnapshotStore(pool), logger);
    expect([replayed.snapshotSeq, bookOf(replayed.state)]).toEqual([null, [-65]]);

    // A snapshot taken at seq 3 (the portfolio's first short) plus the records after it — the first
    // buy-back among them, still under the old rule: the same state.
    const early = new TradingState({ booksClosedOutsideFrom: 7 });
    for (const record of records.slice(0, 3)) early.apply(record);
    await createSnapshotStore(pool).save({ seq: 3, format: SNAPSHOT_FORMAT, state: encodeSnapshot(early.toSnapshot()) });
    const restored = await recoverState(journal, createSnapshotStore(pool), logger);
    expect([restored.snapshotSeq, restored.replayed, bookOf(restored.state)]).toEqual([3, 9, [-65]]);
  });
});
