import { describe, expect, it } from 'vitest';
import { asAccountId, asClientOrderId, asInstrumentId, paise, type DepthLevel, type OrderType, type Side, type Tick } from '@strikedesk/domain';
import type { BrokerEvent, BrokerOrderRequest } from '../broker.ts';
import { PaperVenue, type PaperFillOptions } from './paper-venue.ts';

/**
 * The paper venue against NSE's matching rules a trader relies on when practising: a resting order
 * is the passive side (it trades at its own price), a market order never runs away from the book it
 * met, and the exchange's contract checks (freeze quantity, lot, tick) apply at the venue itself.
 */
const FUTURE = asInstrumentId('NFO:NIFTY26DECFUT');
const ACCOUNT = asAccountId('5b0f7c9e-6f43-4a36-9d43-1d1c1bb4c0a1');
const NIFTY = { lotSize: 65, freezeQuantity: 1755, tickSize: paise(5) };

const levels = (prices: number[], lots: number[]): DepthLevel[] => prices.map((price, index) => ({ price: paise(price), quantity: (lots[index] ?? 0) * 65, orders: 1 }));

/** Five levels each side, one tick apart; `lastPrice` defaults to the bid. */
function quote(bid: number, ask: number, askLots: number[], bidLots: number[] = askLots, lastPrice = bid): Tick {
  return {
    instrumentId: FUTURE, timestamp: 0, lastPrice: paise(lastPrice), previousClose: paise(2_600_000), open: paise(bid), high: paise(ask), low: paise(bid),
    bid: paise(bid), ask: paise(ask),
    bids: levels([0, 1, 2, 3, 4].map((i) => bid - i * 5), bidLots),
    asks: levels([0, 1, 2, 3, 4].map((i) => ask + i * 5), askLots),
    volume: 0, openInterest: 0,
  };
}

function setup(initial: Tick, fills: PaperFillOptions = {}) {
  let current = initial;
  const events: BrokerEvent[] = [];
  const venue = new PaperVenue({ latest: () => current }, (event) => events.push(event), () => 0, fills);
  const move = (next: Tick): void => {
    current = next;
    venue.onTicks([next]);
  };
  const filled = (): [number, number][] => events.flatMap((event) => (event.kind === 'filled' ? [[event.price, event.quantity] as [number, number]] : []));
  return { venue, events, move, filled };
}

let counter = 0;
const request = (side: Side, type: OrderType, quantity: number, price: number | null = null, triggerPrice: number | null = null): BrokerOrderRequest => ({
  accountId: ACCOUNT, clientOrderId: asClientOrderId(`nse${++counter}`), instrumentId: FUTURE, side, type, product: 'NRML', quantity,
  price: price === null ? null : paise(price), triggerPrice: triggerPrice === null ? null : paise(triggerPrice),
});

describe('resting limit orders are the passive side', () => {
  it('a resting buy limit the market moves through fills at its limit, not at the lower ask', () => {
    const { venue, move, filled } = setup(quote(2_600_000, 2_600_020, [9, 9, 9, 9, 9]));
    const placed = venue.place(request('BUY', 'LIMIT', 3 * 65, 2_600_015));
    expect(placed.status).toBe('OPEN');
    expect(filled()).toEqual([]);
    // Sellers came down to 2,599,95 — on the exchange they sold to the resting bid at 2,600,15 first.
    move(quote(2_599_940, 2_599_950, [1, 1, 1, 1, 1]));
    expect(filled()).toEqual([[2_600_015, 3 * 65]]);
    expect(venue.books().orders[0]).toMatchObject({ status: 'FILLED', filledQuantity: 3 * 65 });
  });

  it('a resting sell limit the market moves through fills at its limit, not at the higher bid', () => {
    const { venue, move, filled } = setup(quote(2_600_000, 2_600_020, [9, 9, 9, 9, 9]));
    venue.place(request('SELL', 'LIMIT', 65, 2_600_030));
    move(quote(2_600_100, 2_600_110, [1, 1, 1, 1, 1]));
    expect(filled()).toEqual([[2_600_030, 65]]);
  });

  it('a marketable limit on arrival still takes the book at its better prices', () => {
    const { venue, filled } = setup(quote(2_600_000, 2_600_010, [1, 1, 1, 1, 1]));
    venue.place(request('BUY', 'LIMIT', 2 * 65, 2_600_050));
    expect(filled()).toEqual([[2_600_010, 65], [2_600_015, 65]]);
  });
});

describe('market orders never run away from the book they met', () => {
  it('the part the depth could not fill rests as a limit at the last executed price (NSE), and does not chase a market that moved away', () => {
    const { venue, move, filled } = setup(quote(2_600_000, 2_600_010, [1, 1, 1, 1, 1]));
    const order = venue.place(request('BUY', 'MARKET', 8 * 65));
    expect(filled().reduce((sum, [, quantity]) => sum + quantity, 0)).toBe(5 * 65);
    expect(filled().at(-1)).toEqual([2_600_030, 65]);
    // The market gaps up 5%: a trader's market order must not fill up there.
    move(quote(2_730_000, 2_730_010, [9, 9, 9, 9, 9]));
    expect(filled()).toHaveLength(5);
    expect(venue.books().orders[0]).toMatchObject({ status: 'OPEN', filledQuantity: 5 * 65 });
    // It comes back: the rest fills at the protected price.
    move(quote(2_600_000, 2_600_010, [9, 9, 9, 9, 9]));
    expect(filled().slice(5)).toEqual([[2_600_030, 3 * 65]]);
    expect(venue.books().orders.find((candidate) => candidate.brokerOrderId === order.brokerOrderId)).toMatchObject({ status: 'FILLED', filledQuantity: 8 * 65 });
  });

  it('a triggered SL-M sell whose depth runs out does not fill lower than the book it met', () => {
    const { venue, move, filled } = setup(quote(2_600_000, 2_600_010, [9, 9, 9, 9, 9], [9, 9, 9, 9, 9], 2_600_005));
    venue.place(request('SELL', 'SL_M', 4 * 65, null, 2_599_000));
    move(quote(2_598_990, 2_599_000, [9, 9, 9, 9, 9], [1, 1, 0, 0, 0], 2_598_990)); // triggers; two lots bid
    expect(filled()).toEqual([[2_598_990, 65], [2_598_985, 65]]);
    move(quote(2_400_000, 2_400_010, [9, 9, 9, 9, 9], [9, 9, 9, 9, 9], 2_400_000)); // a crash
    expect(filled()).toHaveLength(2);
  });
});

describe('the exchange checks every order against its contract', () => {
  const contract = () => NIFTY;

  it('rejects an order above the freeze quantity, and accepts one at it', () => {
    const { venue, events } = setup(quote(2_600_000, 2_600_010, [50, 50, 50, 50, 50]), { contract });
    expect(venue.place(request('BUY', 'LIMIT', 1_820, 2_590_000))).toMatchObject({ status: 'REJECTED', reasonCode: 'QUANTITY_ABOVE_FREEZE' });
    expect(events.at(-1)).toMatchObject({ kind: 'rejected', reasonCode: 'QUANTITY_ABOVE_FREEZE' });
    expect(venue.place(request('BUY', 'LIMIT', 1_755, 2_590_000)).status).toBe('OPEN');
  });

  it('rejects a quantity that is not whole lots and a price off the tick', () => {
    const { venue } = setup(quote(2_600_000, 2_600_010, [50, 50, 50, 50, 50]), { contract });
    expect(venue.place(request('BUY', 'LIMIT', 100, 2_590_000))).toMatchObject({ status: 'REJECTED', reasonCode: 'QUANTITY_NOT_LOT_MULTIPLE' });
    expect(venue.place(request('BUY', 'LIMIT', 65, 2_590_003))).toMatchObject({ status: 'REJECTED', reasonCode: 'PRICE_NOT_ON_TICK' });
    expect(venue.place(request('SELL', 'SL', 65, 2_590_000, 2_590_002))).toMatchObject({ status: 'REJECTED', reasonCode: 'PRICE_NOT_ON_TICK' });
    expect(venue.books().trades).toEqual([]);
  });

  it('refuses a modify above the freeze quantity, and the order works on unchanged', () => {
    const { venue, events } = setup(quote(2_600_000, 2_600_010, [50, 50, 50, 50, 50]), { contract });
    const order = venue.place(request('BUY', 'LIMIT', 650, 2_590_000));
    const answer = venue.modify({ accountId: ACCOUNT, clientOrderId: order.clientOrderId, brokerOrderId: order.brokerOrderId, type: 'LIMIT', quantity: 1_820, price: paise(2_590_000), triggerPrice: null });
    expect(answer).toBeNull();
    expect(events.at(-1)).toMatchObject({ kind: 'modifyRejected', reasonCode: 'QUANTITY_ABOVE_FREEZE' });
    expect(venue.books().orders[0]).toMatchObject({ status: 'OPEN', quantity: 650 });
  });
});

describe('after a restart', () => {
  it('a resting limit restored into a market that moved through it fills at its limit; a stop that triggers then takes the book', () => {
    const { venue, filled } = setup(quote(2_599_940, 2_599_950, [9, 9, 9, 9, 9], [9, 9, 9, 9, 9], 2_599_950));
    const working = (brokerOrderId: string, side: Side, type: OrderType, price: number, triggerPrice: number | null) => ({
      ...request(side, type, 65, price, triggerPrice), brokerOrderId, filledQuantity: 0, triggered: false,
    });
    venue.restore({
      workingOrders: [working('PB-7', 'BUY', 'LIMIT', 2_600_015, null), working('PB-8', 'BUY', 'SL', 2_600_100, 2_599_900)],
      positions: [], knownBrokerOrderIds: ['PB-7', 'PB-8'], knownTradeIds: [],
    });
    expect(filled()).toEqual([[2_600_015, 65], [2_599_950, 65]]);
  });
});
