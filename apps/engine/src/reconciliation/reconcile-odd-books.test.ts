import { describe, expect, it } from 'vitest';
import { asTradeId, paise, type EngineEvent } from '@strikedesk/domain';
import type { BrokerBooks } from '../brokers/broker.ts';
import type { TradingState } from '../orders/trading-state.ts';
import { ACCOUNT, accepted, applyAll, brokerOrder, kinds, POLICY, position, stateOf, submitted, T0, trade, types } from '../testing/reconcile-fixtures.ts';
import { reconcileAccount, type ReconcileOutcome } from './reconcile-account.ts';
import { reconcileStateOf } from './reconciler.ts';

// Broker books as venues may hand them over: a trade listed twice, a duplicate send listed first,
// an order finished at a quantity that is not ours.

const reconcile = (state: TradingState, books: Partial<BrokerBooks>, now = T0 + 10_000, booksReadAt = now): ReconcileOutcome =>
  reconcileAccount({
    accountId: ACCOUNT,
    books: { orders: [], trades: [], positions: [], ...books },
    state: reconcileStateOf(state),
    now,
    booksReadAt,
    startup: false,
    policy: POLICY,
  });

describe('reconciliation with books that list things oddly', () => {
  it('folds a trade the book lists twice once: the order is not filled past what the broker filled', () => {
    const state = stateOf(submitted(1, { quantity: 130 }), accepted(1));
    const outcome = reconcile(state, { orders: [brokerOrder(1, { quantity: 130, filledQuantity: 65 })], trades: [trade(1, 'T-1', 65), trade(1, 'T-1', 65)], positions: [position(65)] });
    expect([types(outcome), outcome.mismatches]).toEqual([['OrderFilled'], []]);
    expect(applyAll(state, outcome).order('261209-1')).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 65 });
  });

  it('compares an order sent twice with the copy the broker acknowledged, wherever the book lists it', () => {
    // The second send (PB-9) was cancelled; the one acknowledged to us (PB-1) still works, and is listed second.
    const state = stateOf(submitted(1), accepted(1));
    const outcome = reconcile(state, { orders: [brokerOrder(1, { brokerOrderId: 'PB-9', status: 'CANCELED' }), brokerOrder(1)] });
    expect([types(outcome), kinds(outcome)]).toEqual([[], ['DUPLICATE_AT_BROKER']]);
    // Listed the other way round: the same.
    const reversed = reconcile(state, { orders: [brokerOrder(1), brokerOrder(1, { brokerOrderId: 'PB-9', status: 'CANCELED' })] });
    expect([types(reversed), kinds(reversed)]).toEqual([[], ['DUPLICATE_AT_BROKER']]);
    // The acknowledged one filled: its fill and completion are journaled, not the other's cancel.
    const filled = reconcile(state, { orders: [brokerOrder(1, { brokerOrderId: 'PB-9', status: 'CANCELED' }), brokerOrder(1, { status: 'FILLED', filledQuantity: 65 })], trades: [trade(1, 'T-1', 65)], positions: [position(65)] });
    expect([types(filled), kinds(filled)]).toEqual([['OrderFilled'], ['DUPLICATE_AT_BROKER']]);
  });

  it('adopts the shape the broker finished an order in (a modify given up as not confirmed, then applied), once nothing changed here for a grace', () => {
    const base = { accountId: ACCOUNT, orderId: '261209-1' as never, at: T0 };
    const modifyDown: EngineEvent = { type: 'OrderModifyRequested', ...base, quantity: 65, orderType: 'LIMIT', price: paise(2_600_000), triggerPrice: null };
    const givenUp: EngineEvent = { type: 'OrderModifyRejected', ...base, reasonCode: 'BROKER_MODIFY_NOT_CONFIRMED', reasonMessage: 'x' };
    const fill: EngineEvent = { type: 'OrderFilled', ...base, tradeId: asTradeId('T-1'), quantity: 65, price: paise(2_599_995) };
    const state = stateOf(submitted(1, { quantity: 130 }), accepted(1), modifyDown, givenUp, fill);
    expect(state.order('261209-1')).toMatchObject({ status: 'PARTIALLY_FILLED', quantity: 130, filledQuantity: 65 });
    const books = { orders: [brokerOrder(1, { quantity: 65, status: 'FILLED', filledQuantity: 65 })], trades: [trade(1, 'T-1', 65)], positions: [position(65)] };
    // Within the grace the books may lag a change made here: nothing yet.
    const early = reconcile(state, books, T0 + 4_000);
    expect([early.events, early.mismatches]).toEqual([[], []]);
    const outcome = reconcile(state, books);
    expect(types(outcome)).toEqual(['OrderModified', 'OrderCompleted']);
    expect(outcome.events[0]).toMatchObject({ reconciled: true, quantity: 65, orderType: 'LIMIT', price: 2_600_000, triggerPrice: null });
    expect(outcome.mismatches).toEqual([]);
    expect(applyAll(state, outcome).order('261209-1')).toMatchObject({ status: 'FILLED', quantity: 65, filledQuantity: 65 });
  });

  it('adopts a working order re-priced in the broker\'s own terminal, and the fills it then took', () => {
    const state = stateOf(submitted(1, { quantity: 130 }), accepted(1));
    const repriced = brokerOrder(1, { quantity: 130, price: paise(2_610_000), filledQuantity: 65 });
    const outcome = reconcile(state, { orders: [repriced], trades: [trade(1, 'T-1', 65)], positions: [position(65)] });
    expect(types(outcome)).toEqual(['OrderModified', 'OrderFilled']);
    expect(outcome.mismatches).toEqual([]);
    expect(applyAll(state, outcome).order('261209-1')).toMatchObject({ status: 'PARTIALLY_FILLED', quantity: 130, price: 2_610_000, filledQuantity: 65 });
    // Nothing to adopt when the book agrees.
    const same = reconcile(stateOf(submitted(1, { quantity: 130 }), accepted(1)), { orders: [brokerOrder(1, { quantity: 130 })] });
    expect([same.events, kinds(same)]).toEqual([[], []]);
  });

  it('does not adopt a shape from books read before the order last changed here (a modify the broker confirmed since)', () => {
    const at = T0 + 1_500;
    const modify: EngineEvent = { type: 'OrderModifyRequested', accountId: ACCOUNT, orderId: '261209-1' as never, at, quantity: 130, orderType: 'LIMIT', price: paise(2_610_000), triggerPrice: null };
    const confirmed: EngineEvent = { ...modify, type: 'OrderModified', at: at + 300 };
    const state = stateOf(submitted(1), accepted(1), modify, confirmed);
    // Books read at T0 + 1 s still show the old shape; this account's turn comes seconds later.
    const stale = reconcile(state, { orders: [brokerOrder(1)] }, at + 5_400, T0 + 1_000);
    expect([stale.events, stale.mismatches]).toEqual([[], []]);
  });

  it('raises an order the broker finished that still works here when no event can finish it', () => {
    const fill: EngineEvent = { type: 'OrderFilled', accountId: ACCOUNT, orderId: '261209-1' as never, at: T0, tradeId: asTradeId('T-1'), quantity: 65, price: paise(2_599_995) };
    const state = stateOf(submitted(1, { quantity: 130 }), accepted(1), fill);
    const outcome = reconcile(state, { orders: [brokerOrder(1, { quantity: 130, status: 'REJECTED', filledQuantity: 65 })], trades: [trade(1, 'T-1', 65)], positions: [position(65)] });
    expect(outcome.events).toEqual([]);
    expect(kinds(outcome)).toEqual(['FINISHED_AT_BROKER']);
    expect(outcome.mismatches[0]?.message).toMatch(/PARTIALLY_FILLED here \(65 of 130 filled\), but the broker has finished it \(REJECTED, 65 of 130\)/);
    // Fills still missing here are what differs, not the finish.
    expect(kinds(reconcile(stateOf(submitted(1, { quantity: 130 }), accepted(1)), { orders: [brokerOrder(1, { quantity: 130, status: 'FILLED', filledQuantity: 130 })], positions: [position(130)] }))).toEqual(['FILLS_DIFFER', 'POSITION_DIFFERS']);
  });
});
