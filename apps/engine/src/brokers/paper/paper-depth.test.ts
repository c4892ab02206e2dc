import { describe, expect, it } from 'vitest';
import { asAccountId, asClientOrderId, asInstrumentId, paise, type DepthLevel, type OrderType, type Side, type Tick } from '@strikedesk/domain';
import type { BrokerEvent, BrokerOrderRequest } from '../broker.ts';
import { PaperBroker, type PaperFillOptions } from './paper-broker.ts';

const FUTURE = asInstrumentId('NFO:NIFTY26DECFUT');
const ACCOUNT = asAccountId('5b0f7c9e-6f43-4a36-9d43-1d1c1bb4c002');

const levels = (prices: number[], quantities: number[]): DepthLevel[] => prices.map((price, index) => ({ price: paise(price), quantity: quantities[index] ?? 0, orders: 1 }));

/** A quote with five levels each side, one tick (5 paise) apart, `lots` × 65 at each level. */
function quote(bid: number, ask: number, askLots: number[], bidLots: number[] = askLots, previousClose = bid): Tick {
  return {
    instrumentId: FUTURE, timestamp: 0, lastPrice: paise(bid), previousClose: paise(previousClose), open: paise(bid), high: paise(ask), low: paise(bid),
    bid: paise(bid), ask: paise(ask),
    bids: levels([0, 1, 2, 3, 4].map((i) => bid - i * 5), bidLots.map((lots) => lots * 65)),
    asks: levels([0, 1, 2, 3, 4].map((i) => ask + i * 5), askLots.map((lots) => lots * 65)),
    volume: 0, openInterest: 0,
  };
}

function setup(initial: Tick, fills: PaperFillOptions = {}) {
  const quotes = new Map<string, Tick>([[FUTURE, initial]]);
  const broker = new PaperBroker({ latest: (id) => quotes.get(id) }, () => 0, fills);
  const events: BrokerEvent[] = [];
  broker.onEvent((event) => events.push(event));
  const move = async (next: Tick) => {
    quotes.set(FUTURE, next);
    broker.onTicks([next]);
    await Promise.resolve();
  };
  return { broker, events, move, flush: () => Promise.resolve() };
}

let counter = 0;
const order = (side: Side, type: OrderType, quantity: number, price: number | null = null): BrokerOrderRequest => ({
  accountId: ACCOUNT, clientOrderId: asClientOrderId(`d${++counter}`), instrumentId: FUTURE, side, type, product: 'NRML', quantity,
  price: price === null ? null : paise(price), triggerPrice: null,
});
const fills = (events: BrokerEvent[]) => events.flatMap((event) => (event.kind === 'filled' ? [[event.price, event.quantity]] : []));

describe('paper fills by displayed depth', () => {
  it('a market order walks the levels it needs, each at its own price', async () => {
    const { broker, events, flush } = setup(quote(2_600_000, 2_600_010, [2, 3, 5, 5, 5]));
    broker.placeOrder(order('BUY', 'MARKET', 6 * 65));
    await flush();
    expect(fills(events)).toEqual([[2_600_010, 130], [2_600_015, 195], [2_600_020, 65]]);
  });

  it('a size beyond the displayed depth fills partly; the rest works as a limit at its last executed price (NSE)', async () => {
    const { broker, events, move, flush } = setup(quote(2_600_000, 2_600_010, [1, 1, 1, 1, 1]));
    broker.placeOrder(order('SELL', 'MARKET', 8 * 65));
    await flush();
    expect(fills(events).reduce((sum, [, quantity]) => sum + (quantity ?? 0), 0)).toBe(5 * 65);
    expect(events.filter((event) => event.kind === 'filled')).toHaveLength(5);
    await move(quote(2_599_990, 2_600_000, [1, 1, 1, 1, 1], [2, 2, 2, 2, 2]));
    expect(fills(events).slice(5)).toEqual([[2_599_980, 195]]); // resting at 2,599,80 by then: at that price
    expect((await broker.books()).orders[0]?.status).toBe('FILLED');
  });

  it('a limit order takes only the levels at or better than its limit, never before its price', async () => {
    const { broker, events, move, flush } = setup(quote(2_600_000, 2_600_010, [1, 1, 1, 1, 1]));
    broker.placeOrder(order('BUY', 'LIMIT', 5 * 65, 2_600_015));
    await flush();
    expect(fills(events)).toEqual([[2_600_010, 65], [2_600_015, 65]]);
    await move(quote(2_600_000, 2_600_020, [9, 9, 9, 9, 9])); // the market moved away: nothing
    expect(fills(events)).toHaveLength(2);
    await move(quote(2_599_990, 2_600_000, [1, 9, 9, 9, 9])); // traded through: the rest fills
    expect(fills(events).slice(2)).toEqual([[2_600_015, 195]]); // the rest was resting: at its limit
  });

  it('two orders on one quote never take the same lots', async () => {
    const { broker, events, flush } = setup(quote(2_600_000, 2_600_010, [1, 1, 0, 0, 0]));
    broker.placeOrder(order('BUY', 'MARKET', 65));
    broker.placeOrder(order('BUY', 'MARKET', 65));
    await flush();
    expect(fills(events)).toEqual([[2_600_010, 65], [2_600_015, 65]]);
  });

  it('a limit order the depth could not serve on one tick keeps its place and fills on a later one', async () => {
    const { broker, events, move, flush } = setup(quote(2_600_000, 2_600_020, [9, 9, 9, 9, 9]));
    broker.placeOrder(order('BUY', 'LIMIT', 65, 2_600_010));
    broker.placeOrder(order('BUY', 'LIMIT', 65, 2_600_010));
    await flush();
    expect(fills(events)).toEqual([]); // resting below the ask
    await move(quote(2_599_990, 2_600_000, [1, 0, 0, 0, 0])); // through both limits, one lot shown
    expect(fills(events)).toEqual([[2_600_010, 65]]);
    await move(quote(2_599_990, 2_600_005, [1, 0, 0, 0, 0])); // the second is matched again
    expect(fills(events)).toEqual([[2_600_010, 65], [2_600_010, 65]]);
    expect((await broker.books()).orders.map((placed) => placed.status)).toEqual(['FILLED', 'FILLED']);
  });

  it('limit orders through the touch fill best price first, one tick after another as depth allows', async () => {
    const { broker, events, move, flush } = setup(quote(2_600_000, 2_600_050, [9, 9, 9, 9, 9]));
    broker.placeOrder(order('BUY', 'LIMIT', 65, 2_600_010));
    broker.placeOrder(order('BUY', 'LIMIT', 65, 2_600_030));
    broker.placeOrder(order('BUY', 'LIMIT', 65, 2_600_020));
    await flush();
    const filledIds = () => events.flatMap((event) => (event.kind === 'filled' ? [event.clientOrderId] : []));
    const [low, high, middle] = (await broker.books()).orders.map((placed) => placed.clientOrderId);
    await move(quote(2_599_990, 2_600_000, [1, 0, 0, 0, 0]));
    expect(filledIds()).toEqual([high]);
    await move(quote(2_599_990, 2_600_000, [1, 0, 0, 0, 0]));
    expect(filledIds()).toEqual([high, middle]);
    await move(quote(2_599_990, 2_600_000, [3, 0, 0, 0, 0]));
    expect(filledIds()).toEqual([high, middle, low]);
  });

  it('limit orders at one price fill in time order, a re-priced one going to the back of the queue', async () => {
    const { broker, events, move, flush } = setup(quote(2_600_000, 2_600_050, [9, 9, 9, 9, 9]));
    for (let n = 0; n < 6; n += 1) broker.placeOrder(order('BUY', 'LIMIT', 65, 2_600_010));
    await flush();
    const placed = (await broker.books()).orders;
    const ids = placed.map((candidate) => candidate.clientOrderId);
    const second = placed[1];
    if (!second) throw new Error('not placed');
    // The second order moves away and back: same price as the others, but now the last in line.
    broker.modifyOrder({ accountId: ACCOUNT, clientOrderId: second.clientOrderId, brokerOrderId: second.brokerOrderId, product: 'NRML', type: 'LIMIT', quantity: 65, price: paise(2_600_005), triggerPrice: null });
    broker.modifyOrder({ accountId: ACCOUNT, clientOrderId: second.clientOrderId, brokerOrderId: second.brokerOrderId, product: 'NRML', type: 'LIMIT', quantity: 65, price: paise(2_600_010), triggerPrice: null });
    await flush();
    const filledIds = () => events.flatMap((event) => (event.kind === 'filled' ? [event.clientOrderId] : []));
    for (let tick = 0; tick < 6; tick += 1) await move(quote(2_599_990, 2_600_000, [1, 0, 0, 0, 0]));
    expect(filledIds()).toEqual([ids[0], ids[2], ids[3], ids[4], ids[5], ids[1]]);
  });

  it('market orders waiting for depth fill oldest first, each tick as far as its depth goes, on both sides', async () => {
    const { broker, events, move, flush } = setup(quote(2_600_000, 2_600_010, [1, 0, 0, 0, 0], [1, 0, 0, 0, 0]));
    for (let n = 0; n < 4; n += 1) broker.placeOrder(order('BUY', 'MARKET', 65));
    for (let n = 0; n < 3; n += 1) broker.placeOrder(order('SELL', 'MARKET', 65));
    await flush();
    const filledIds = () => events.flatMap((event) => (event.kind === 'filled' ? [event.clientOrderId] : []));
    const placed = () => broker.books().then((books) => books.orders.map((candidate) => candidate.clientOrderId));
    const [b1, b2, b3, b4, s1, s2, s3] = await placed();
    expect(filledIds()).toEqual([b1, s1]);
    await move(quote(2_600_000, 2_600_010, [2, 0, 0, 0, 0], [1, 0, 0, 0, 0]));
    expect(filledIds()).toEqual([b1, s1, b2, b3, s2]);
    await move(quote(2_600_000, 2_600_010, [5, 0, 0, 0, 0], [5, 0, 0, 0, 0]));
    expect(filledIds()).toEqual([b1, s1, b2, b3, s2, b4, s3]);
  });

  it('adds the configured slippage to market orders only', async () => {
    const { broker, events, flush } = setup(quote(2_600_000, 2_600_010, [5, 5, 5, 5, 5]), { slippageTicks: 2, tickSize: () => paise(5) });
    broker.placeOrder(order('BUY', 'MARKET', 65));
    broker.placeOrder(order('SELL', 'MARKET', 65));
    broker.placeOrder(order('BUY', 'LIMIT', 65, 2_600_010));
    await flush();
    expect(fills(events)).toEqual([[2_600_020, 65], [2_599_990, 65], [2_600_010, 65]]);
  });

  it('rejects prices outside the circuit limits, on placing and on modifying', async () => {
    const circuit = { lower: paise(2_340_000), upper: paise(2_860_000) };
    const { broker, events, flush } = setup(quote(2_600_000, 2_600_010, [5, 5, 5, 5, 5]), { circuit: () => circuit });
    broker.placeOrder(order('BUY', 'LIMIT', 65, 2_900_000));
    const resting = order('BUY', 'LIMIT', 65, 2_500_000);
    broker.placeOrder(resting);
    await flush();
    expect(events[0]).toMatchObject({ kind: 'rejected', reasonCode: 'PRICE_OUTSIDE_CIRCUIT' });
    expect((events[0] as { reasonMessage: string }).reasonMessage).toBe('₹29000.00 is outside the circuit limits ₹23400.00–₹28600.00.');
    const accepted = events.find((event) => event.kind === 'accepted' && event.clientOrderId === resting.clientOrderId) as { brokerOrderId: string };
    broker.modifyOrder({ accountId: ACCOUNT, clientOrderId: resting.clientOrderId, brokerOrderId: accepted.brokerOrderId, product: 'NRML', type: 'LIMIT', quantity: 65, price: paise(2_300_000), triggerPrice: null });
    await flush();
    expect(events.at(-1)).toMatchObject({ kind: 'modifyRejected', reasonCode: 'PRICE_OUTSIDE_CIRCUIT' });
  });
});
