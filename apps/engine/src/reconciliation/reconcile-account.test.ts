import { describe, expect, it } from 'vitest';
import { asOrderId, istDayNumber, paise, toPositionView, type EngineEvent, type OrderId } from '@strikedesk/domain';
import type { BrokerBooks } from '../brokers/broker.ts';
import { TradingState } from '../orders/trading-state.ts';
import { ACCOUNT, accepted, applyAll, base, brokerOrder, filled, kinds, POLICY, position, stateOf, submitted, T0, trade, types } from '../testing/reconcile-fixtures.ts';
import { reconcileAccount, type ReconcileOutcome } from './reconcile-account.ts';
import { reconcileStateOf } from './reconciler.ts';

function reconcile(
  state: TradingState,
  books: Partial<BrokerBooks>,
  options: { now?: number; startup?: boolean; resentAt?: ReadonlyMap<OrderId, number>; sending?: readonly string[] } = {},
): ReconcileOutcome {
  const sending = new Set(options.sending ?? []);
  return reconcileAccount({
    accountId: ACCOUNT,
    books: { orders: [], trades: [], positions: [], ...books },
    state: reconcileStateOf(state, options.resentAt, { sending: (accountId, clientOrderId) => accountId === ACCOUNT && sending.has(clientOrderId) }),
    now: options.now ?? T0 + 10_000,
    startup: options.startup ?? false,
    policy: POLICY,
  });
}

describe('reconciliation settles what the journal missed', () => {
  it('journals a fill that happened while the engine was down, at the broker\'s execution time', () => {
    const state = stateOf(submitted(1), accepted(1));
    const outcome = reconcile(state, { orders: [brokerOrder(1, { status: 'FILLED', filledQuantity: 65 })], trades: [trade(1, 'T-1', 65)], positions: [position(65)] });
    expect(types(outcome)).toEqual(['OrderFilled']);
    expect(outcome.events[0]).toMatchObject({ reconciled: true, tradeId: 'T-1', quantity: 65, price: 2_599_995, executedAt: T0 + 1_000 });
    expect(outcome.mismatches).toEqual([]);
    expect(applyAll(state, outcome).order('261209-1')?.status).toBe('FILLED');
  });

  it('dates a fill from the broker\'s execution time: one done yesterday while the engine was down is carried, not today\'s', () => {
    const yesterday = T0 - 86_400_000;
    const state = stateOf(submitted(1, {}, yesterday - 60_000), accepted(1));
    const outcome = reconcile(state, { orders: [brokerOrder(1, { status: 'FILLED', filledQuantity: 65 })], trades: [trade(1, 'T-1', 65, yesterday)], positions: [position(65)] }, { startup: true, now: T0 });
    const [net] = applyAll(state, outcome).positionsOf(ACCOUNT);
    expect(net?.day).toBe(istDayNumber(yesterday));
    expect(toPositionView(net!, { lastPrice: paise(2_600_100), previousClose: paise(2_600_050) }, istDayNumber(T0))).toMatchObject({ carriedQuantity: 65, dayBuyQuantity: 0, dayPnl: 65 * 50 });
  });

  it('gives an order resent at start-up its grace from the resend, not from its journaled submit', () => {
    const state = stateOf(submitted(1)); // journaled at T0, never received
    const now = T0 + 20_000;
    expect(types(reconcile(state, {}, { now }))).toEqual(['OrderRejected']); // long past its grace
    const outcome = reconcile(state, {}, { now, resentAt: new Map([[asOrderId('261209-1'), now - 2_000]]) });
    expect(outcome.events).toEqual([]); // resent 2 s ago: still in flight
    expect(types(reconcile(state, {}, { now, resentAt: new Map([[asOrderId('261209-1'), now - 6_000]]) }))).toEqual(['OrderRejected']);
  });

  it('raises an order finished here but still working at the broker (rejected as never received, then taken after all)', () => {
    const rejected: EngineEvent = { type: 'OrderRejected', ...base(1), reasonCode: 'BROKER_NOT_RECEIVED', reasonMessage: 'x' };
    const state = stateOf(submitted(1), rejected);
    const outcome = reconcile(state, { orders: [brokerOrder(1)] });
    expect(kinds(outcome)).toEqual(['WORKING_AT_BROKER']);
    expect(outcome.mismatches[0]?.message).toMatch(/REJECTED here, but the broker still works it \(OPEN, PB-1\)/);
    expect(outcome.events).toEqual([]);
  });

  it('records the broker order id of an order that filled before its accept arrived (the accept was lost)', () => {
    const state = stateOf(submitted(1, { quantity: 130 }), filled(1, 'T-1', 65));
    expect(state.order('261209-1')).toMatchObject({ status: 'PARTIALLY_FILLED', brokerOrderId: null });
    const outcome = reconcile(state, { orders: [brokerOrder(1, { quantity: 130, filledQuantity: 65 })], trades: [trade(1, 'T-1', 65)], positions: [position(65)] });
    expect(types(outcome)).toEqual(['OrderAccepted']);
    expect(outcome.mismatches).toEqual([]);
    expect(applyAll(state, outcome).order('261209-1')).toMatchObject({ status: 'PARTIALLY_FILLED', brokerOrderId: 'PB-1' });
  });

  it('applies a modify the broker confirmed although a cancel was requested after it, then the fills above the old quantity', () => {
    const modifyRequested: EngineEvent = { type: 'OrderModifyRequested', ...base(1), quantity: 130, orderType: 'LIMIT', price: paise(2_600_000), triggerPrice: null };
    const state = stateOf(submitted(1), accepted(1), modifyRequested, { type: 'OrderCancelRequested', ...base(1) });
    const outcome = reconcile(state, { orders: [brokerOrder(1, { quantity: 130, status: 'FILLED', filledQuantity: 130 })], trades: [trade(1, 'T-1', 130)], positions: [position(130)] });
    expect(types(outcome)).toEqual(['OrderModified', 'OrderFilled']);
    expect(outcome.mismatches).toEqual([]);
    expect(applyAll(state, outcome).order('261209-1')).toMatchObject({ status: 'FILLED', quantity: 130, filledQuantity: 130 });
  });

  it('settles a strategy\'s order against the net position the broker holds (books are ours alone)', () => {
    const state = stateOf({ ...submitted(1), strategyId: 'trend' as never } as EngineEvent, accepted(1));
    const outcome = reconcile(state, { orders: [brokerOrder(1, { status: 'FILLED', filledQuantity: 65 })], trades: [trade(1, 'T-1', 65)], positions: [position(65)] });
    expect(types(outcome)).toEqual(['OrderFilled']);
    expect(outcome.mismatches).toEqual([]);
  });

  it('journals a cancel done at the broker, after the partial fill that preceded it', () => {
    const state = stateOf(submitted(1, { quantity: 130 }), accepted(1));
    const outcome = reconcile(state, {
      orders: [brokerOrder(1, { quantity: 130, status: 'CANCELED', filledQuantity: 65 })],
      trades: [trade(1, 'T-1', 65)],
      positions: [position(65)],
    });
    expect(types(outcome)).toEqual(['OrderFilled', 'OrderCanceled']);
    expect(applyAll(state, outcome).order('261209-1')).toMatchObject({ status: 'CANCELED', filledQuantity: 65 });
  });

  it('settles an order whose acknowledgement was lost: accepted, then its fills', () => {
    const state = stateOf(submitted(1, { type: 'MARKET', price: null }));
    const outcome = reconcile(state, { orders: [brokerOrder(1, { type: 'MARKET', price: null, status: 'FILLED', filledQuantity: 65 })], trades: [trade(1, 'T-1', 65)], positions: [position(65)] });
    expect(types(outcome)).toEqual(['OrderAccepted', 'OrderFilled']);
    expect(outcome.events[0]).toMatchObject({ brokerOrderId: 'PB-1' });
  });

  it('journals the broker\'s rejection of an order it never acknowledged', () => {
    const state = stateOf(submitted(1));
    const outcome = reconcile(state, { orders: [brokerOrder(1, { status: 'REJECTED', reasonCode: 'RMS', reasonMessage: 'Insufficient funds' })] });
    expect(outcome.events).toMatchObject([{ type: 'OrderRejected', reasonCode: 'RMS', reasonMessage: 'Insufficient funds' }]);
  });

  it('at start-up, sends a young order the broker never received; rejects an old one', () => {
    const young = reconcile(stateOf(submitted(1, {}, T0)), {}, { startup: true, now: T0 + 2_000 });
    expect(young.resend.map((order) => order.clientOrderId)).toEqual(['c1']);
    expect(young.events).toEqual([]);
    const old = reconcile(stateOf(submitted(1, {}, T0)), {}, { startup: true, now: T0 + 120_000 });
    expect(old.resend).toEqual([]);
    expect(old.events).toMatchObject([{ type: 'OrderRejected', reasonCode: 'BROKER_NOT_RECEIVED' }]);
  });

  it('while running, never resends: an unanswered order is left in flight for its grace, then rejected as not received', () => {
    const within = reconcile(stateOf(submitted(1, {}, T0)), {}, { now: T0 + 4_000 });
    expect(within).toEqual({ events: [], resend: [], recancel: [], mismatches: [] });
    const after = reconcile(stateOf(submitted(1, {}, T0)), {}, { now: T0 + 6_000 });
    expect(after.resend).toEqual([]);
    expect(types(after)).toEqual(['OrderRejected']);
  });

  it('leaves an order in flight past its grace while the broker adapter is still sending it (queued, slow, looked up by tag)', () => {
    const sending = reconcile(stateOf(submitted(1, {}, T0)), {}, { now: T0 + 60_000, sending: ['c1'] });
    expect(sending).toEqual({ events: [], resend: [], recancel: [], mismatches: [] });
    // A modify still on its way is not given up on either.
    const modify: EngineEvent = { type: 'OrderModifyRequested', ...base(1), quantity: 130, orderType: 'LIMIT', price: paise(2_600_500), triggerPrice: null };
    expect(reconcile(stateOf(submitted(1), accepted(1), modify), { orders: [brokerOrder(1)] }, { sending: ['c1'] }).events).toEqual([]);
    // Another order of the account is settled as usual.
    expect(types(reconcile(stateOf(submitted(1, {}, T0)), {}, { now: T0 + 60_000, sending: ['c2'] }))).toEqual(['OrderRejected']);
  });

  it('re-sends a cancel whose answer was lost while the order still works at the broker', () => {
    const cancelRequested: EngineEvent = { type: 'OrderCancelRequested', ...base(1) };
    const state = stateOf(submitted(1), accepted(1), cancelRequested);
    expect(reconcile(state, { orders: [brokerOrder(1)] }, { now: T0 + 1_000 }).recancel).toEqual([]);
    expect(reconcile(state, { orders: [brokerOrder(1)] }).recancel.map((order) => order.orderId)).toEqual(['261209-1']);
    expect(types(reconcile(state, { orders: [brokerOrder(1, { status: 'CANCELED' })] }))).toEqual(['OrderCanceled']);
  });

  it('confirms a modify the broker applied, and gives up on one it never did', () => {
    const modify: EngineEvent = { type: 'OrderModifyRequested', ...base(1), quantity: 130, orderType: 'LIMIT', price: paise(2_600_500), triggerPrice: null };
    const state = () => stateOf(submitted(1), accepted(1), modify);
    const applied = reconcile(state(), { orders: [brokerOrder(1, { quantity: 130, price: paise(2_600_500) })] });
    expect(applied.events).toMatchObject([{ type: 'OrderModified', quantity: 130, price: 2_600_500 }]);
    const lost = reconcile(state(), { orders: [brokerOrder(1)] });
    expect(lost.events).toMatchObject([{ type: 'OrderModifyRejected', reasonCode: 'BROKER_MODIFY_NOT_CONFIRMED' }]);
    expect(reconcile(state(), { orders: [brokerOrder(1)] }, { now: T0 + 1_000 }).events).toEqual([]); // still within its grace
  });

  it('journals a stop triggered at the broker', () => {
    const state = stateOf(submitted(1, { type: 'SL_M', price: null, triggerPrice: paise(2_610_000) }), accepted(1));
    const outcome = reconcile(state, { orders: [brokerOrder(1, { type: 'SL_M', price: null, triggerPrice: paise(2_610_000), triggered: true })] });
    expect(types(outcome)).toEqual(['OrderTriggered']);
  });

  it('does nothing when the books agree, and ignores trades already journaled', () => {
    const state = stateOf(submitted(1), accepted(1), filled(1, 'T-1', 65));
    const outcome = reconcile(state, { orders: [brokerOrder(1, { status: 'FILLED', filledQuantity: 65 })], trades: [trade(1, 'T-1', 65)], positions: [position(65)] });
    expect(outcome).toEqual({ events: [], resend: [], recancel: [], mismatches: [] });
  });
});

describe('reconciliation raises what it cannot explain', () => {
  it('an order at the broker the terminal never placed, and its trade', () => {
    const outcome = reconcile(stateOf(), {
      orders: [brokerOrder(9, { status: 'FILLED', filledQuantity: 65 })],
      trades: [trade(9, 'T-9', 65)],
      positions: [position(65)],
    });
    expect(kinds(outcome)).toEqual(['UNKNOWN_BROKER_ORDER', 'UNKNOWN_TRADE', 'POSITION_DIFFERS']);
    expect(outcome.mismatches[2]?.message).toBe('NFO:NIFTY26DECFUT NRML: the broker holds 65, the journal\'s fills add up to 0.');
  });

  it('two broker orders with one client order id (a duplicate send)', () => {
    const state = stateOf(submitted(1), accepted(1));
    const outcome = reconcile(state, { orders: [brokerOrder(1), brokerOrder(1, { brokerOrderId: 'PB-2' })] });
    expect(kinds(outcome)).toEqual(['DUPLICATE_AT_BROKER']);
  });

  it('an order working here that the broker does not know', () => {
    expect(kinds(reconcile(stateOf(submitted(1), accepted(1)), {}))).toEqual(['MISSING_AT_BROKER']);
  });

  it('completes an order whose fills cover its quantity once the broker says FILLED (a modify down answered after its fills, a lost cancel answer)', () => {
    const modifyDown: EngineEvent = { type: 'OrderModifyRequested', ...base(1), quantity: 65, orderType: 'LIMIT', price: paise(2_600_000), triggerPrice: null };
    const modifiedDown: EngineEvent = { type: 'OrderModified', ...base(1), quantity: 65, orderType: 'LIMIT', price: paise(2_600_000), triggerPrice: null };
    const complete = brokerOrder(1, { quantity: 65, status: 'FILLED', filledQuantity: 65 });
    const books = { orders: [complete], trades: [trade(1, 'T-1', 65)], positions: [position(65)] };
    // Answered live: 65 of 65, part-filled for good without this.
    const answered = stateOf(submitted(1, { quantity: 130 }), accepted(1), filled(1, 'T-1', 65), modifyDown, modifiedDown);
    expect(answered.order('261209-1')).toMatchObject({ status: 'PARTIALLY_FILLED', quantity: 65, filledQuantity: 65 });
    const outcome = reconcile(answered, books);
    expect([types(outcome), outcome.mismatches]).toEqual([['OrderCompleted'], []]);
    expect(applyAll(answered, outcome).order('261209-1')?.status).toBe('FILLED');
    // The answer not in yet: the modify is confirmed from the book, then the order completed.
    expect(types(reconcile(stateOf(submitted(1, { quantity: 130 }), accepted(1), filled(1, 'T-1', 65), modifyDown), books))).toEqual(['OrderModified', 'OrderCompleted']);
    // A cancel whose answer was lost on an order that had completed.
    const canceling = stateOf(submitted(1, { quantity: 130 }), accepted(1), filled(1, 'T-1', 65), modifyDown, modifiedDown, { type: 'OrderCancelRequested', ...base(1) });
    expect(types(reconcile(canceling, books))).toEqual(['OrderCompleted']);
    // Not while our fills are short of the broker's: those are what is missing.
    expect(types(reconcile(stateOf(submitted(1, { quantity: 130 }), accepted(1)), { orders: [brokerOrder(1, { quantity: 130, status: 'FILLED', filledQuantity: 130 })], trades: [trade(1, 'T-1', 130)], positions: [position(130)] }))).toEqual(['OrderFilled']);
  });

  it('re-opens an order a modify up kept working at the broker after its first fills had finished it here', () => {
    const modifyUp: EngineEvent = { type: 'OrderModifyRequested', ...base(1), quantity: 130, orderType: 'LIMIT', price: paise(2_600_000), triggerPrice: null };
    const finished = () => stateOf(submitted(1, { quantity: 65 }), accepted(1), modifyUp, filled(1, 'T-1', 65));
    expect(finished().order('261209-1')).toMatchObject({ status: 'FILLED', quantity: 65 });
    const working = reconcile(finished(), { orders: [brokerOrder(1, { quantity: 130, filledQuantity: 65 })], trades: [trade(1, 'T-1', 65)], positions: [position(65)] });
    expect([types(working), kinds(working)]).toEqual([['OrderModified'], []]);
    const state = applyAll(finished(), working);
    expect(state.order('261209-1')).toMatchObject({ status: 'PARTIALLY_FILLED', quantity: 130, filledQuantity: 65 });
    expect(state.openOrdersOf(ACCOUNT).map((order) => order.orderId)).toEqual(['261209-1']);
    // Filled beyond at the broker meanwhile: re-opened, then the fill it missed.
    const beyond = reconcile(finished(), { orders: [brokerOrder(1, { quantity: 130, status: 'FILLED', filledQuantity: 130 })], trades: [trade(1, 'T-1', 65), trade(1, 'T-2', 65)], positions: [position(130)] });
    expect([types(beyond), kinds(beyond)]).toEqual([['OrderModified', 'OrderFilled'], []]);
    // The exchange refused the modify (the book shows 65, filled): nothing to re-open.
    expect(reconcile(finished(), { orders: [brokerOrder(1, { quantity: 65, status: 'FILLED', filledQuantity: 65 })], trades: [trade(1, 'T-1', 65)], positions: [position(65)] }).events).toEqual([]);
  });

  it("expires an order left working from an earlier session that today's books no longer hold (the exchange expired it at that close)", () => {
    const nextMorning = T0 + 22 * 3_600_000; // 2026-12-10, 09:00 IST
    const state = stateOf(submitted(1, { quantity: 130 }), accepted(1), filled(1, 'T-1', 65));
    const outcome = reconcile(state, { positions: [position(65)] }, { now: nextMorning, startup: true });
    expect(outcome.events).toMatchObject([{ type: 'OrderExpired', orderId: '261209-1', reconciled: true }]);
    expect(outcome.mismatches).toEqual([]);
    expect(applyAll(state, outcome).order('261209-1')).toMatchObject({ status: 'EXPIRED', filledQuantity: 65 });
    // One its fills had completed (a modify down answered after them) is done, not expired.
    const modifyDown: EngineEvent = { type: 'OrderModifyRequested', ...base(2), quantity: 65, orderType: 'LIMIT', price: paise(2_600_000), triggerPrice: null };
    const modifiedDown: EngineEvent = { type: 'OrderModified', ...base(2), quantity: 65, orderType: 'LIMIT', price: paise(2_600_000), triggerPrice: null };
    const completed = stateOf(submitted(2, { quantity: 130 }), accepted(2), filled(2, 'T-2', 65), modifyDown, modifiedDown);
    expect(types(reconcile(completed, { positions: [position(65)] }, { now: nextMorning, startup: true }))).toEqual(['OrderCompleted']);
    // Fills it took after the engine stopped are not in today's books either: the position shows them.
    expect(kinds(reconcile(stateOf(submitted(1), accepted(1)), { positions: [position(65)] }, { now: nextMorning }))).toEqual(['POSITION_DIFFERS']);
  });

  it('fills that disagree, keyed by the difference (acknowledged once, not again at every trade)', () => {
    const state = stateOf(submitted(1, { quantity: 130 }), accepted(1), filled(1, 'T-1', 65));
    const outcome = reconcile(state, { orders: [brokerOrder(1, { quantity: 130, status: 'FILLED', filledQuantity: 130 })], positions: [position(130)] });
    expect(kinds(outcome)).toEqual(['FILLS_DIFFER', 'POSITION_DIFFERS']);
    expect(outcome.mismatches.map((mismatch) => mismatch.key)).toEqual(['FILLS_DIFFER|c1|65', 'POSITION_DIFFERS|NFO:NIFTY26DECFUT|NRML|65']);
  });
});
