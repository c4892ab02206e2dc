import { describe, expect, it } from 'vitest';
import { asUserId, DEFAULT_RISK_LIMITS, paise, type Order, type OrderType, type Side, type Tick } from '@strikedesk/domain';
import { stubTick } from '@strikedesk/domain/testing';
import { TradingRiskView } from '../risk/trading-risk-view.ts';
import { FILL_ACCOUNT, FILL_CALL as CALL, FILL_INSTRUMENT, filledOrderEvents } from '../testing/filled-order-events.ts';
import { OrderDecider, type SubmitDecision } from './order-decider.ts';
import { OrderIdAllocator } from './order-ids.ts';
import { TradingState } from './trading-state.ts';

const USER = asUserId('5d1c4b8e-9a2f-4c3b-8e7d-6a5b4c3d2e1f');
// Last ₹180.00 (bid 179.95, ask 180.05).
const LAST = 18_000;

function decider() {
  const state = new TradingState();
  const tick: Tick = { ...stubTick(FILL_INSTRUMENT, LAST), bid: paise(LAST - 5), ask: paise(LAST + 5) };
  const market = { latest: () => tick, instrument: (id: string) => (id === CALL.id ? CALL : undefined), now: () => 0 };
  return {
    state,
    decider: new OrderDecider(
      state,
      { ...market, isMarketOpen: () => true, riskLimits: () => ({ version: 0, limits: DEFAULT_RISK_LIMITS }), riskView: new TradingRiskView(state, market) },
      new OrderIdAllocator(state.highestOrderNumber),
    ),
  };
}

const stop = (side: Side, type: OrderType, trigger: number) => ({
  instrumentId: CALL.id,
  side,
  type,
  product: 'NRML' as const,
  quantity: 75,
  price: type === 'SL' ? paise(side === 'BUY' ? trigger + 100 : trigger - 100) : null,
  triggerPrice: paise(trigger),
});
const refusal = (decision: SubmitDecision): string | null =>
  decision.kind === 'new' && decision.denied ? ((decision.events[0] as { reasonCode?: string }).reasonCode ?? null) : null;

describe('stops whose trigger the last price has already crossed', () => {
  it.each([
    ['a buy SL-M at the last price', 'BUY', 'SL_M', LAST, 'STOP_TRIGGER_CROSSED'],
    ['a buy SL below it', 'BUY', 'SL', LAST - 500, 'STOP_TRIGGER_CROSSED'],
    ['a sell SL-M at it', 'SELL', 'SL_M', LAST, 'STOP_TRIGGER_CROSSED'],
    ['a sell SL above it', 'SELL', 'SL', LAST + 500, 'STOP_TRIGGER_CROSSED'],
    ['a buy SL-M a tick above', 'BUY', 'SL_M', LAST + 5, null],
    ['a sell SL a tick below', 'SELL', 'SL', LAST - 5, null],
  ] as const)('%s', (_name, side, type, trigger, expected) => {
    const { decider: orders } = decider();
    const decision = orders.submit({ accountId: FILL_ACCOUNT, userId: USER, origin: 'API', order: stop(side, type, trigger) }, 1_000);
    expect(refusal(decision)).toBe(expected);
    if (expected) expect((decision as { events: { reasonMessage: string }[] }).events[0]?.reasonMessage).toContain(`the last price ₹180: this ${side.toLowerCase()} stop would trigger at once`);
  });

  it('are refused as a modify too, unless the stop has triggered (then it works as a limit) or only shrinks', () => {
    const { state, decider: orders } = decider();
    // A buy SL-M resting with its trigger at ₹185.00 (accepted while the price was lower).
    const [submitted, accepted] = filledOrderEvents(1, { side: 'BUY', quantity: 150, price: 18_500 });
    const order = { ...submitted!, spec: { ...stop('BUY', 'SL_M', 18_500), quantity: 150 } } as typeof submitted;
    for (const event of [order, accepted]) state.apply({ seq: state.lastSeq + 1, event: event! });
    const resting = state.order(order!.orderId) as Order;
    expect(resting.status).toBe('TRIGGER_PENDING');
    const modify = (change: object) => orders.modify({ accountId: FILL_ACCOUNT, userId: USER, modify: { orderId: resting.orderId, ...change } }, 2_000);
    expect(modify({ triggerPrice: paise(LAST - 100) })).toMatchObject({ kind: 'denied', denial: { code: 'STOP_TRIGGER_CROSSED' } });
    expect(modify({ triggerPrice: paise(LAST + 100) })).toMatchObject({ kind: 'request' });
    expect(modify({ quantity: 75 })).toMatchObject({ kind: 'request' });
    // Triggered: an SL-M now works at the market; its trigger is history.
    state.apply({ seq: state.lastSeq + 1, event: { type: 'OrderTriggered', accountId: FILL_ACCOUNT, orderId: resting.orderId, at: 3 } });
    expect(modify({ triggerPrice: paise(LAST - 100) })).toMatchObject({ kind: 'request' });
  });
});

describe('a modify that leaves a pending stop’s trigger as it is', () => {
  it('is not refused when the price has crossed the trigger meanwhile: the stop triggers anyway, and its limit or size may still change', () => {
    const { state, decider: orders } = decider();
    // A buy SL resting with its trigger at ₹175.00 (limit ₹176.00), placed when the price was lower;
    // the last price ₹180 has crossed it, and the broker has not reported the trigger yet.
    const [submitted, accepted] = filledOrderEvents(1, { side: 'BUY', quantity: 75, price: 17_600 });
    const order = { ...submitted!, spec: { ...stop('BUY', 'SL', 17_500), price: paise(17_600) } } as typeof submitted;
    for (const event of [order, accepted]) state.apply({ seq: state.lastSeq + 1, event: event! });
    const resting = state.order(order!.orderId) as Order;
    expect([resting.status, resting.triggerPrice]).toEqual(['TRIGGER_PENDING', 17_500]);
    const modify = (change: object) => orders.modify({ accountId: FILL_ACCOUNT, userId: USER, modify: { orderId: resting.orderId, ...change } }, 2_000);
    // Its limit raised so that it fills once triggered (the market ran past ₹176).
    expect(modify({ price: paise(18_200) })).toMatchObject({ kind: 'request' });
    expect(modify({ quantity: 150 })).toMatchObject({ kind: 'request' });
    // A new trigger the price has crossed is still refused.
    expect(modify({ triggerPrice: paise(17_800), price: paise(18_200) })).toMatchObject({ kind: 'denied', denial: { code: 'STOP_TRIGGER_CROSSED' } });
    // SL → SL-M keeps the trigger: allowed too.
    expect(modify({ type: 'SL_M', price: null })).toMatchObject({ kind: 'request' });
  });
});
