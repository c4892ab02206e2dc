import { describe, expect, it } from 'vitest';
import { asAccountId, asClientOrderId, asInstrumentId, paise, type OrderType, type Paise, type Side, type Tick } from '@strikedesk/domain';
import type { BrokerEvent, BrokerOrderRequest } from '../broker.ts';
import { PaperBroker } from './paper-broker.ts';

const INSTRUMENT = asInstrumentId('NFO:NIFTY26DEC26000CE');
const ACCOUNT = asAccountId('5b0f7c9e-6f43-4a36-9d43-1d1c1bb4c001');

function tick(bid: number, ask: number, lastPrice: number): Tick {
  const p = (value: number): Paise => paise(value);
  return {
    instrumentId: INSTRUMENT, timestamp: 0, lastPrice: p(lastPrice), previousClose: p(lastPrice), open: p(lastPrice),
    high: p(lastPrice), low: p(lastPrice), bid: p(bid), ask: p(ask), bids: [], asks: [], volume: 0, openInterest: 0,
  };
}

function setup(initial: Tick | undefined) {
  const quotes = new Map<string, Tick>();
  if (initial) quotes.set(INSTRUMENT, initial);
  const broker = new PaperBroker({ latest: (id) => quotes.get(id) });
  const events: BrokerEvent[] = [];
  broker.onEvent((event) => events.push(event));
  const move = async (next: Tick): Promise<void> => {
    quotes.set(INSTRUMENT, next);
    broker.onTicks([next]);
    await Promise.resolve();
  };
  return { broker, events, move };
}

let counter = 0;
function order(side: Side, type: OrderType, price: number | null = null, triggerPrice: number | null = null): BrokerOrderRequest {
  counter += 1;
  return {
    accountId: ACCOUNT, clientOrderId: asClientOrderId(`c${counter}`), instrumentId: INSTRUMENT,
    side, type, product: 'NRML', quantity: 130, price: price === null ? null : paise(price), triggerPrice: triggerPrice === null ? null : paise(triggerPrice),
  };
}

const kinds = (events: BrokerEvent[]): string[] => events.map((event) => event.kind);
const fills = (events: BrokerEvent[]) => events.flatMap((event) => (event.kind === 'filled' ? [event] : []));
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('PaperBroker MARKET', () => {
  it('buys at the ask and sells at the bid, full quantity, asynchronously', async () => {
    const { broker, events } = setup(tick(10_000, 10_010, 10_005));
    broker.placeOrder(order('BUY', 'MARKET'));
    expect(events).toEqual([]); // never inside the caller's stack
    broker.placeOrder(order('SELL', 'MARKET'));
    await flush();
    expect(kinds(events)).toEqual(['accepted', 'filled', 'accepted', 'filled']);
    expect(fills(events).map((fill) => [fill.price, fill.quantity])).toEqual([[10_010, 130], [10_000, 130]]);
  });
  it('rejects a market order without a quote', async () => {
    const { broker, events } = setup(undefined);
    broker.placeOrder(order('BUY', 'MARKET'));
    await flush();
    expect(events[0]).toMatchObject({ kind: 'rejected', reasonCode: 'NO_MARKET_PRICE' });
  });
  it('issues unique sequential trade ids', async () => {
    const { broker, events } = setup(tick(10_000, 10_010, 10_005));
    for (let i = 0; i < 3; i += 1) broker.placeOrder(order('BUY', 'MARKET'));
    await flush();
    expect(fills(events).map((fill) => fill.tradeId)).toEqual(['P-1', 'P-2', 'P-3']);
  });
});

describe('PaperBroker LIMIT', () => {
  it('a buy rests until the ask trades down through the limit, then fills at its limit (the resting side)', async () => {
    const { broker, events, move } = setup(tick(10_000, 10_010, 10_005));
    broker.placeOrder(order('BUY', 'LIMIT', 9_990));
    await flush();
    expect(kinds(events)).toEqual(['accepted']);
    await move(tick(9_985, 9_995, 9_990)); // ask 99.95 still above 99.90
    expect(kinds(events)).toEqual(['accepted']);
    await move(tick(9_970, 9_980, 9_975));
    expect(fills(events)).toMatchObject([{ price: 9_990, quantity: 130 }]); // sellers coming down sold to the resting bid at its price
  });
  it('a marketable buy limit fills on arrival at the ask, not the limit', async () => {
    const { broker, events } = setup(tick(10_000, 10_010, 10_005));
    broker.placeOrder(order('BUY', 'LIMIT', 10_050));
    await flush();
    expect(fills(events)).toMatchObject([{ price: 10_010 }]);
  });
  it('a sell fills only when the bid reaches the limit', async () => {
    const { broker, events, move } = setup(tick(10_000, 10_010, 10_005));
    broker.placeOrder(order('SELL', 'LIMIT', 10_020));
    await flush();
    await move(tick(10_015, 10_025, 10_020));
    expect(fills(events)).toEqual([]);
    await move(tick(10_020, 10_030, 10_025));
    expect(fills(events)).toMatchObject([{ price: 10_020 }]);
  });
});

describe('PaperBroker stops', () => {
  it('SL buy triggers when LTP reaches the trigger, then works as a limit', async () => {
    const { broker, events, move } = setup(tick(10_000, 10_010, 10_005));
    broker.placeOrder(order('BUY', 'SL', 10_110, 10_100));
    await flush();
    expect(kinds(events)).toEqual(['accepted']);
    await move(tick(10_090, 10_100, 10_095));
    expect(kinds(events)).toEqual(['accepted']); // LTP 100.95 < trigger 101.00, even though ask ≤ limit
    await move(tick(10_110, 10_120, 10_100)); // triggered, but ask 101.20 is above the limit 101.10
    expect(kinds(events)).toEqual(['accepted', 'triggered']);
    await move(tick(10_100, 10_105, 10_105));
    expect(kinds(events)).toEqual(['accepted', 'triggered', 'filled']);
    expect(fills(events)[0]?.price).toBe(10_110); // resting by then: at its limit
  });
  it('SL-M sell triggers when LTP falls to the trigger and fills at the bid', async () => {
    const { broker, events, move } = setup(tick(10_000, 10_010, 10_005));
    broker.placeOrder(order('SELL', 'SL_M', null, 9_900));
    await flush();
    await move(tick(9_905, 9_915, 9_910));
    expect(kinds(events)).toEqual(['accepted']);
    await move(tick(9_880, 9_890, 9_895));
    expect(kinds(events)).toEqual(['accepted', 'triggered', 'filled']);
    expect(fills(events)[0]?.price).toBe(9_880);
  });
});

describe('PaperBroker modify and cancel', () => {
  it('modifies a working limit into a marketable one, which then fills', async () => {
    const { broker, events } = setup(tick(10_000, 10_010, 10_005));
    const request = order('BUY', 'LIMIT', 9_000);
    broker.placeOrder(request);
    await flush();
    const accepted = events[0];
    if (accepted?.kind !== 'accepted') throw new Error('not accepted');
    broker.modifyOrder({ ...request, brokerOrderId: accepted.brokerOrderId, price: paise(10_010) });
    await flush();
    expect(kinds(events)).toEqual(['accepted', 'modified', 'filled']);
  });
  it('cancels a working order; a cancelled order never fills', async () => {
    const { broker, events, move } = setup(tick(10_000, 10_010, 10_005));
    const request = order('BUY', 'LIMIT', 9_000);
    broker.placeOrder(request);
    await flush();
    broker.cancelOrder({ clientOrderId: request.clientOrderId, accountId: ACCOUNT, brokerOrderId: 'PB-1' });
    await flush();
    await move(tick(8_000, 8_010, 8_005));
    expect(kinds(events)).toEqual(['accepted', 'canceled']);
    expect(broker.workingCount).toBe(0);
  });
  it('refuses to cancel an order that already filled, or one it does not know, with the reason', async () => {
    const { broker, events } = setup(tick(10_000, 10_010, 10_005));
    const request = order('BUY', 'MARKET');
    broker.placeOrder(request);
    await flush();
    broker.cancelOrder({ clientOrderId: request.clientOrderId, accountId: ACCOUNT, brokerOrderId: 'PB-1' });
    broker.cancelOrder({ clientOrderId: request.clientOrderId, accountId: ACCOUNT, brokerOrderId: 'PB-404' });
    await flush();
    expect(kinds(events)).toEqual(['accepted', 'filled', 'cancelRejected', 'cancelRejected']);
    expect(events.slice(2)).toMatchObject([
      { reasonCode: 'ORDER_NOT_CANCELABLE', reasonMessage: 'The order is already filled.' },
      { reasonCode: 'ORDER_NOT_CANCELABLE', reasonMessage: 'The venue has no such order.' },
    ]);
  });
  it('rejects a modify of an order that is no longer working', async () => {
    const { broker, events } = setup(tick(10_000, 10_010, 10_005));
    const request = order('BUY', 'MARKET');
    broker.placeOrder(request);
    await flush();
    broker.modifyOrder({ ...request, brokerOrderId: 'PB-1', quantity: 65 });
    await flush();
    expect(kinds(events)).toEqual(['accepted', 'filled', 'modifyRejected']);
  });
  it('resumes working orders and continues ids after a restart', async () => {
    const { broker, events, move } = setup(tick(10_000, 10_010, 10_005));
    const request = order('BUY', 'LIMIT', 9_500);
    broker.resume({
      workingOrders: [{ ...request, brokerOrderId: 'PB-7', filledQuantity: 0, triggered: false }],
      positions: [],
      knownBrokerOrderIds: ['PB-7'],
      knownTradeIds: ['P-11'],
    });
    await move(tick(9_490, 9_500, 9_495));
    expect(fills(events)).toMatchObject([{ tradeId: 'P-12', brokerOrderId: 'PB-7', price: 9_500 }]);
    broker.placeOrder(order('BUY', 'LIMIT', 100));
    await flush();
    expect(events.at(-1)).toMatchObject({ kind: 'accepted', brokerOrderId: 'PB-8' });
  });

  it('resumes after a long history: 200k known ids do not overflow the call stack', async () => {
    const { broker, events, move } = setup(tick(10_000, 10_010, 10_005));
    const many = 200_000;
    // Ids out of order, with the highest in the middle, so only a full scan finds it.
    const knownBrokerOrderIds = Array.from({ length: many }, (_, index) => `PB-${(index * 7_919) % many}`);
    const knownTradeIds = Array.from({ length: many }, (_, index) => `P-${(index * 7_919) % many}`);
    expect(() => broker.resume({ workingOrders: [], positions: [], knownBrokerOrderIds, knownTradeIds })).not.toThrow();
    broker.placeOrder(order('BUY', 'LIMIT', 9_500));
    await move(tick(9_490, 9_500, 9_495));
    expect(events.map((event) => ('brokerOrderId' in event ? event.brokerOrderId : null))).toEqual([`PB-${many}`, `PB-${many}`]);
    expect(fills(events)).toMatchObject([{ tradeId: `P-${many}` }]);
  });

  it('keeps a broker\'s books: every order with its status, every trade, net positions', async () => {
    const { broker, move } = setup(tick(10_000, 10_010, 10_005));
    broker.placeOrder(order('BUY', 'MARKET'));
    broker.placeOrder(order('SELL', 'LIMIT', 10_100));
    const resting = order('BUY', 'LIMIT', 9_000);
    broker.placeOrder(resting);
    await flush();
    broker.cancelOrder({ accountId: ACCOUNT, clientOrderId: resting.clientOrderId, brokerOrderId: 'PB-3' });
    await move(tick(10_100, 10_110, 10_105));
    const books = await broker.books();
    expect(books.orders.map((o) => [o.brokerOrderId, o.status, o.filledQuantity])).toEqual([
      ['PB-1', 'FILLED', 130],
      ['PB-2', 'FILLED', 130],
      ['PB-3', 'CANCELED', 0],
    ]);
    expect(books.trades.map((t) => [t.tradeId, t.side, t.price])).toEqual([
      ['P-1', 'BUY', 10_010],
      ['P-2', 'SELL', 10_100],
    ]);
    expect(books.positions).toEqual([{ accountId: ACCOUNT, instrumentId: INSTRUMENT, product: 'NRML', netQuantity: 0 }]);
  });

  it('does not deduplicate client order ids — an order sent twice is two orders, as at a real broker', async () => {
    const { broker } = setup(tick(10_000, 10_010, 10_005));
    const request = order('BUY', 'LIMIT', 9_000);
    broker.placeOrder(request);
    broker.placeOrder(request);
    await flush();
    expect((await broker.books()).orders.filter((o) => o.clientOrderId === request.clientOrderId)).toHaveLength(2);
  });

  it('expires working orders at the end of the session', async () => {
    const { broker, events } = setup(tick(10_000, 10_010, 10_005));
    broker.placeOrder(order('BUY', 'LIMIT', 9_000));
    await flush();
    broker.onSessionEnd();
    await flush();
    expect(kinds(events)).toEqual(['accepted', 'expired']);
    expect((await broker.books()).orders[0]?.status).toBe('EXPIRED');
  });
});
