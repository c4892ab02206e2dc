import { afterEach, describe, expect, it } from 'vitest';
import { paise, type EngineEvent, type Order } from '@strikedesk/domain';
import type { BrokerBooks } from '../brokers/broker.ts';
import type { RunningEngine } from '../engine.ts';
import { agreeingBooks } from '../testing/agreeing-books.ts';
import { ACCOUNT, accepted, base, brokerOrder, filled, POLICY, stateOf, submitted, T0, types } from '../testing/reconcile-fixtures.ts';
import { ScriptedBroker } from '../testing/scripted-broker.ts';
import { submitToScripted } from '../testing/scripted-orders.ts';
import { createTestDatabase, ManualClock, startTestEngine, TEST_START } from '../testing/test-engine.ts';
import { reconcileAccount } from './reconcile-account.ts';
import { reconcileStateOf } from './reconciler.ts';

// Books are read once per run, before the accounts are settled one by one under their locks: by an
// account's turn they can be seconds old. What they cannot show — an order placed, or a modify
// asked for, after they were read — must not be settled from them as never received or unconfirmed.

describe('books read before an order last changed here do not settle it', () => {
  const readAt = T0 + 1_000;
  const now = T0 + 9_000; // the account's turn: 8 s after its books were read, 7 s after the change
  const reconcile = (events: EngineEvent[], books: Partial<BrokerBooks>) =>
    reconcileAccount({ accountId: ACCOUNT, books: { orders: [], trades: [], positions: [], ...books }, state: reconcileStateOf(stateOf(...events)), now, booksReadAt: readAt, startup: false, policy: POLICY });

  it('an order submitted after the read is not rejected as never received; books read past its grace still settle it', () => {
    const placedAfterRead = submitted(1, {}, T0 + 2_000);
    expect(reconcile([placedAfterRead], {}).events).toEqual([]);
    const fresh = reconcileAccount({ accountId: ACCOUNT, books: { orders: [], trades: [], positions: [] }, state: reconcileStateOf(stateOf(placedAfterRead)), now, booksReadAt: now, startup: false, policy: POLICY });
    expect(types(fresh)).toEqual(['OrderRejected']);
  });

  it('a modify asked for after the read is not given up as not confirmed', () => {
    const modify: EngineEvent = { type: 'OrderModifyRequested', ...base(1, T0 + 2_000), quantity: 130, orderType: 'LIMIT', price: paise(2_600_500), triggerPrice: null };
    const outcome = reconcile([submitted(1), accepted(1), modify], { orders: [brokerOrder(1)] });
    expect([outcome.events, outcome.mismatches]).toEqual([[], []]);
  });

  it('a shape the books showed before a modify was asked for does not confirm it (a limit moved up, then back)', () => {
    const at = (ms: number) => base(1, T0 + ms);
    const up: EngineEvent = { type: 'OrderModifyRequested', ...at(1_500), quantity: 65, orderType: 'LIMIT', price: paise(2_600_500), triggerPrice: null };
    const upDone: EngineEvent = { ...up, type: 'OrderModified', at: T0 + 1_700 };
    const back: EngineEvent = { ...up, at: T0 + 2_000, price: paise(2_600_000) };
    // Read at T0 + 1 s the book shows the first price: what the order stood at before either modify,
    // not an answer to the second. It stays pending until books read after it say.
    const outcome = reconcile([submitted(1), accepted(1), up, upDone, back], { orders: [brokerOrder(1)] });
    expect([outcome.events, outcome.mismatches]).toEqual([[], []]);
  });

  it('an order that filled here after the read is not re-opened at the size the books showed before its modify down', () => {
    const down: EngineEvent = { type: 'OrderModifyRequested', ...base(1, T0 + 1_500), quantity: 65, orderType: 'LIMIT', price: paise(2_600_000), triggerPrice: null };
    const downDone: EngineEvent = { ...down, type: 'OrderModified', at: T0 + 1_700 };
    const fill: EngineEvent = { ...filled(1, 'T-1', 65), at: T0 + 2_000 };
    const events = [submitted(1, { quantity: 130 }), accepted(1), down, downDone, fill];
    expect(stateOf(...events).order('261209-1')).toMatchObject({ status: 'FILLED', quantity: 65 });
    // Read at T0 + 1 s: 130, working, nothing filled. The fills differ (a second look settles that);
    // re-opening it to 130 would have it work here for 65 more than the broker has.
    const outcome = reconcile(events, { orders: [brokerOrder(1, { quantity: 130 })] });
    expect(types(outcome)).toEqual([]);
    expect(outcome.mismatches.map((mismatch) => mismatch.kind)).toContain('FILLS_DIFFER');
  });
});

/** A venue whose books are a snapshot taken when asked, handed over only after `duringRead` ran (a slow read, a late turn). */
class SlowBooksBroker extends ScriptedBroker {
  duringRead: (() => Promise<void>) | null = null;
  override async books(): Promise<BrokerBooks> {
    const snapshot = this.booksSource();
    await this.duringRead?.();
    return snapshot;
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('an order placed while the books were being read is not rejected as never received when its account\'s turn comes past the grace', async () => {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const broker = new SlowBooksBroker();
  const clock = new ManualClock(TEST_START);
  const engine: RunningEngine = await startTestEngine(database, clock, { createBroker: () => broker, reconciler: { confirmAfterMs: 10 } });
  cleanups.push(() => engine.close());
  broker.booksSource = () => agreeingBooks(engine.services.state);

  const placed: Promise<Order>[] = [];
  broker.duringRead = async () => {
    // The trader places an order just after the snapshot; the broker takes it but its answer is
    // lost (the adapter timed out: in flight, settled from the books). The run gets to the account 6 s later.
    const { submitted: pending } = await submitToScripted(engine, broker, { order: {} });
    placed.push(pending);
    clock.advance(6_000);
  };
  await engine.services.reconciler.run(false);
  broker.duringRead = null;
  const [submitted] = placed;
  if (!submitted) throw new Error('no order was placed during the read');
  const order = await submitted;
  expect(broker.placed.map((request) => request.clientOrderId)).toEqual([order.clientOrderId]);
  // The books it was judged by were read before it existed: still in flight, not "never received".
  expect(engine.services.state.order(order.orderId)?.status).toBe('SUBMITTED');
});
