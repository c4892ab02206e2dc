import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTradeId, paise, type EngineEvent, type Paise } from '@strikedesk/domain';
import { createJournal, createPool, type Pool } from '@strikedesk/db/client';
import { createTestDatabase, type TestDatabase } from '@strikedesk/db/testing';
import type { BrokerBooks, BrokerOrderSnapshot, BrokerTrade } from '../brokers/broker.ts';
import { ACCOUNT, accepted, brokerOrder, filled, kinds, POLICY, position, stateOf, submitted, T0, trade, types } from '../testing/reconcile-fixtures.ts';
import { reconcileAccount } from './reconcile-account.ts';
import { reconcileStateOf } from './reconciler.ts';

// A broker row our adapters could not fully read: XTS's mapping turns a missing OrderQuantity into
// 0 and a missing OrderPrice of a LIMIT into null. Whatever reconciliation derives is journaled and
// must replay: an event the journal's schema refuses makes the whole journal unreadable at the next
// start (the engine cannot start at all).

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

const journaled: EngineEvent[] = [];
/** Journals the base events and what reconciliation derived from `books`, then reads everything back as a start-up would. */
async function reconcileAndReplay(events: EngineEvent[], books: Partial<BrokerBooks>) {
  const state = stateOf(...events);
  const outcome = reconcileAccount({ accountId: ACCOUNT, books: { orders: [], trades: [], positions: [], ...books }, state: reconcileStateOf(state), now: T0 + 10_000, startup: false, policy: POLICY });
  // Each case in its own journal: the order ids repeat between cases.
  await pool.query('TRUNCATE engine_events');
  const all = [...events, ...outcome.events];
  await createJournal(pool).append(all.map((event, index) => ({ seq: index + 1, event })));
  journaled.splice(0, journaled.length, ...(await createJournal(pool).readAfter(0)).map((record) => record.event));
  return outcome;
}

describe('a malformed broker book row never journals an event the journal cannot replay', () => {
  it('an order shape with no quantity, or a LIMIT without its price, is not adopted', async () => {
    const base = [submitted(1, { quantity: 130 }), accepted(1)];
    for (const shape of [{ quantity: 0 }, { quantity: 130, price: null }, { quantity: 130.5 }, { quantity: 130, price: 2_600_000.5 as Paise }, { quantity: 130, type: 'SL' as const, triggerPrice: null }]) {
      const outcome = await reconcileAndReplay(base, { orders: [brokerOrder(1, shape as Partial<BrokerOrderSnapshot>)] });
      expect(types(outcome), JSON.stringify(shape)).toEqual([]);
      expect(journaled).toHaveLength(2);
    }
    // A well-formed shape is still adopted.
    const repriced = await reconcileAndReplay(base, { orders: [brokerOrder(1, { quantity: 130, price: paise(2_610_000) })] });
    expect(types(repriced)).toEqual(['OrderModified']);
  });

  it('a filled order is not re-opened into a malformed shape', async () => {
    const done = [submitted(1), accepted(1), filled(1, 'T-1', 65)];
    const outcome = await reconcileAndReplay(done, { orders: [brokerOrder(1, { quantity: 130, price: null, filledQuantity: 65 })], trades: [trade(1, 'T-1', 65)], positions: [position(65)] });
    expect(types(outcome)).toEqual([]);
    expect(journaled).toHaveLength(3);
  });

  it('a trade with a trade id or an execution time the journal cannot hold is not folded: the fills then differ', async () => {
    const open = [submitted(1), accepted(1)];
    const bad: BrokerTrade[] = [
      { ...trade(1, 'T-1', 65), tradeId: asTradeId('T-1').padEnd(65, '9') as never },
      { ...trade(1, 'T-1', 65), tradeId: '' as never },
      { ...trade(1, 'T-1', 65), executedAt: Number.NaN },
      { ...trade(1, 'T-1', 65), executedAt: T0 + 0.5 },
    ];
    for (const row of bad) {
      const outcome = await reconcileAndReplay(open, { orders: [brokerOrder(1, { status: 'FILLED', filledQuantity: 65 })], trades: [row], positions: [position(65)] });
      expect(types(outcome), JSON.stringify(row)).toEqual([]);
      expect(kinds(outcome)).toEqual(['FILLS_DIFFER', 'POSITION_DIFFERS']);
    }
  });
});
