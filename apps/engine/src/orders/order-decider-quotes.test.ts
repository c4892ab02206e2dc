import { describe, expect, it } from 'vitest';
import { asUserId, DEFAULT_RISK_LIMITS, paise, type OrderOrigin, type Tick } from '@strikedesk/domain';
import { stubTick } from '@strikedesk/domain/testing';
import { TradingRiskView } from '../risk/trading-risk-view.ts';
import { FILL_ACCOUNT, FILL_CALL as CALL, FILL_INSTRUMENT, filledOrderEvents } from '../testing/filled-order-events.ts';
import { OrderDecider } from './order-decider.ts';
import { OrderIdAllocator } from './order-ids.ts';
import { TradingState } from './trading-state.ts';

const USER = asUserId('5d1c4b8e-9a2f-4c3b-8e7d-6a5b4c3d2e1f');

/** A decider over an account long 1 lot of CALL, whose book shows bids and no offers (expiry day, deep in the money). */
function deciderWithOneSidedBook() {
  const state = new TradingState();
  filledOrderEvents(1, { side: 'BUY', quantity: 75, price: 150_000 }).forEach((event, index) => state.apply({ seq: index + 1, event }));
  // A trader's SELL LIMIT of 2 lots resting above the market (accepted while the book was two-sided).
  const [submitted, accepted] = filledOrderEvents(2, { side: 'SELL', quantity: 150, price: 200_000 });
  for (const event of [submitted, accepted]) state.apply({ seq: state.lastSeq + 1, event: event! });
  const restingSell = submitted!.orderId;
  const tick: Tick = { ...stubTick(FILL_INSTRUMENT, 180_000), bid: paise(179_000), ask: null, asks: [] };
  const market = { latest: () => tick, instrument: (id: string) => (id === CALL.id ? CALL : undefined), now: () => 0 };
  const decider = new OrderDecider(
    state,
    { ...market, isMarketOpen: () => true, riskLimits: () => ({ version: 0, limits: DEFAULT_RISK_LIMITS }), riskView: new TradingRiskView(state, market) },
    new OrderIdAllocator(state.highestOrderNumber),
  );
  const sell = (origin: OrderOrigin) =>
    decider.submit({ accountId: FILL_ACCOUNT, userId: USER, origin, order: { instrumentId: CALL.id, side: 'SELL', type: 'MARKET', product: 'NRML', quantity: 75, price: null, triggerPrice: null } }, 1_000);
  return { sell, decider, restingSell };
}

describe('orders without a two-sided quote', () => {
  it("an engine exit goes out whatever the quote (the kill switch must sell); a trader's order is refused, naming the missing side", () => {
    const { sell } = deciderWithOneSidedBook();
    for (const origin of ['KILL_SWITCH', 'RISK', 'SQUARE_OFF', 'AUTO_SQUARE_OFF'] as const) expect(sell(origin)).toMatchObject({ kind: 'new', denied: false });
    const ticket = sell('TERMINAL');
    expect(ticket).toMatchObject({ kind: 'new', denied: true });
    expect(ticket.kind === 'new' ? ticket.events[0] : undefined).toMatchObject({ type: 'OrderDenied', reasonCode: 'NO_MARKET_PRICE', reasonMessage: expect.stringContaining('NIFTY 24000 CE: it has no offers now') });
  });

  it("lowering a trader's working order needs no quote either (only the rates apply to it)", () => {
    const { decider, restingSell } = deciderWithOneSidedBook();
    expect(decider.modify({ accountId: FILL_ACCOUNT, userId: USER, modify: { orderId: restingSell, quantity: 75 } }, 2_000)).toMatchObject({ kind: 'request', event: { type: 'OrderModifyRequested', quantity: 75 } });
    expect(decider.modify({ accountId: FILL_ACCOUNT, userId: USER, modify: { orderId: restingSell, quantity: 225 } }, 2_000)).toMatchObject({
      kind: 'denied',
      event: { type: 'OrderModifyDenied', quantity: 225, reasonCode: 'NO_MARKET_PRICE' },
    });
  });
});
