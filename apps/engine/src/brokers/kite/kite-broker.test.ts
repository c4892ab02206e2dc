import { afterEach, describe, expect, it } from 'vitest';
import { asAccountId, asClientOrderId, asInstrumentId, paise, type ClientOrderId } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { pino } from 'pino';
import type { BrokerEvent, BrokerOrderRequest } from '../broker.ts';
import { requestsTo, startKiteHarness, type KiteHarness } from './fake/fake-kite-harness.ts';
import { KiteBroker, type KiteBrokerOptions } from './kite-broker.ts';
import { kiteTagOf } from './rest/kite-tag.ts';

/** Named fault scenarios of issue 4, through the adapter the engine uses, against the fake Kite. */
const ACCOUNT = asAccountId('8b2f0d5a-3c4e-4f60-9a1b-2c3d4e5f6a7b');
const FUTURE = asInstrumentId('NFO:NIFTY26DECFUT');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

async function setup(options: Partial<KiteBrokerOptions> = {}): Promise<{ harness: KiteHarness; broker: KiteBroker; events: BrokerEvent[] }> {
  const harness = await startKiteHarness({ realClock: true, client: { timeoutMs: 300 } });
  const broker = new KiteBroker({ client: harness.client, accountId: ACCOUNT, logger: pino({ level: 'silent' }), pollMs: 50, ...options });
  cleanups.push(async () => {
    broker.close();
    await harness.close();
  });
  const events: BrokerEvent[] = [];
  broker.onEvent((event) => events.push(event));
  return { harness, broker, events };
}

let counter = 0;
const marketBuy = (quantity = 65): BrokerOrderRequest => ({
  accountId: ACCOUNT,
  clientOrderId: asClientOrderId(`kb${process.pid % 1000}x${++counter}`),
  instrumentId: FUTURE,
  side: 'BUY',
  type: 'MARKET',
  product: 'NRML',
  quantity,
  price: null,
  triggerPrice: null,
});
const eventsOf = (events: BrokerEvent[], id: ClientOrderId) => events.filter((event) => event.clientOrderId === id);

describe('KiteBroker against the fake Kite', () => {
  it('lost-ack-no-duplicate: the placement answer is lost after Kite accepted; found by tag, placed once, filled', async () => {
    const { harness, broker, events } = await setup();
    const request = marketBuy();
    harness.fake.faults.loseNextAcknowledgement('reset');
    broker.placeOrder(request);
    await waitUntil(() => eventsOf(events, request.clientOrderId).find((event) => event.kind === 'filled'), { timeoutMs: 10_000, message: 'the fill after the lost ack' });
    expect(harness.fake.book.orders.filter((order) => order.tag === kiteTagOf(request.clientOrderId))).toHaveLength(1);
    expect(eventsOf(events, request.clientOrderId).map((event) => event.kind)).toEqual(['accepted', 'filled']);
  });

  it('says an order is still being sent while its placement waits for Kite, and no longer once answered', async () => {
    const { harness, broker, events } = await setup();
    const request = marketBuy();
    harness.fake.faults.delayNextAcknowledgement(250); // inside the client's 300 ms timeout
    broker.placeOrder(request);
    expect(broker.sending(ACCOUNT, request.clientOrderId)).toBe(true);
    expect(broker.sending(ACCOUNT, asClientOrderId('another'))).toBe(false);
    await waitUntil(() => eventsOf(events, request.clientOrderId).find((event) => event.kind === 'accepted'), { timeoutMs: 5_000 });
    expect(broker.sending(ACCOUNT, request.clientOrderId)).toBe(false);
  });

  it('an adapter taking over an account (restart, reconnect) follows the orders it is handed, not only those it placed', async () => {
    const { harness, broker, events } = await setup();
    const request = marketBuy(2 * 65);
    harness.fake.faults.partialFillNext([65]); // half fills, the rest stays OPEN
    broker.placeOrder(request);
    const firstFill = (await waitUntil(() => eventsOf(events, request.clientOrderId).find((event) => event.kind === 'filled'), { timeoutMs: 5_000 })) as Extract<BrokerEvent, { kind: 'filled' }>;
    broker.close(); // the old session's adapter goes away with its read-back

    const next = new KiteBroker({ client: harness.client, accountId: ACCOUNT, logger: pino({ level: 'silent' }), pollMs: 50 });
    cleanups.push(async () => next.close());
    const seen: BrokerEvent[] = [];
    next.onEvent((event) => seen.push(event));
    next.adopt([{ clientOrderId: request.clientOrderId, brokerOrderId: firstFill.brokerOrderId, stop: false, triggered: false }]);
    const order = harness.fake.book.orders.find((candidate) => candidate.tag === kiteTagOf(request.clientOrderId))!;
    harness.fake.book.fill(order.orderId); // the rest fills while the new adapter follows
    const fills = await waitUntil(() => {
      const found = seen.filter((event) => event.kind === 'filled') as Extract<BrokerEvent, { kind: 'filled' }>[];
      return found.length === 2 ? found : undefined;
    }, { timeoutMs: 5_000, message: 'both trades from the adopting adapter' });
    // The first trade again (the OMS knows its id: no news) and the one it missed.
    expect(fills.map((fill) => fill.tradeId)).toContain(firstFill.tradeId);
    expect(fills.reduce((sum, fill) => sum + fill.quantity, 0)).toBe(2 * 65);
  });

  it('an adopted order the book does not show is let go after a few reads, so the read-back stops polling for it', async () => {
    const { harness, broker } = await setup();
    broker.adopt([{ clientOrderId: asClientOrderId('yesterday'), brokerOrderId: '999000111', stop: false, triggered: false }]);
    const reads = () => requestsTo(harness.fake, 'GET', /^\/orders$/).length;
    for (let read = 0; read < 3; read += 1) await broker.poll();
    const after = reads();
    expect(after).toBeGreaterThanOrEqual(3);
    await broker.poll();
    await new Promise((resolve) => setTimeout(resolve, 150)); // three of the adapter's own 50 ms polls
    expect(reads()).toBe(after);
  });

  it('partial fills arrive one per Kite trade, with distinct trade ids, until the order is complete', async () => {
    const { harness, broker, events } = await setup();
    const request = marketBuy(3 * 65);
    harness.fake.faults.partialFillNext([65, 65]);
    broker.placeOrder(request);
    await waitUntil(() => eventsOf(events, request.clientOrderId).filter((event) => event.kind === 'filled').length === 2 || undefined, { timeoutMs: 5_000 });
    const order = harness.fake.book.orders.find((candidate) => candidate.tag === kiteTagOf(request.clientOrderId))!;
    harness.fake.book.fill(order.orderId);
    await broker.poll();
    const fills = await waitUntil(() => {
      const found = eventsOf(events, request.clientOrderId).filter((event) => event.kind === 'filled') as Extract<BrokerEvent, { kind: 'filled' }>[];
      return found.length === 3 ? found : undefined;
    }, { timeoutMs: 5_000 });
    expect(fills.map((fill) => fill.quantity)).toEqual([65, 65, 65]);
    expect(new Set(fills.map((fill) => fill.tradeId)).size).toBe(3);
  });

  it('a cancel Kite refuses (the order completed first) is reported with its reason, then the fill from the book', async () => {
    const { harness, broker, events } = await setup();
    const request = marketBuy(2 * 65);
    harness.fake.faults.partialFillNext([65]); // half fills, the rest stays OPEN
    broker.placeOrder(request);
    const accepted = await waitUntil(() => eventsOf(events, request.clientOrderId).find((event) => event.kind === 'accepted'), { timeoutMs: 5_000 });
    const order = harness.fake.book.orders.find((candidate) => candidate.tag === kiteTagOf(request.clientOrderId))!;
    harness.fake.book.fill(order.orderId); // completes before our cancel arrives
    broker.cancelOrder({ accountId: ACCOUNT, clientOrderId: request.clientOrderId, brokerOrderId: (accepted as { brokerOrderId: string }).brokerOrderId });
    const refused = await waitUntil(() => eventsOf(events, request.clientOrderId).find((event) => event.kind === 'cancelRejected'), { timeoutMs: 5_000 });
    expect(refused).toMatchObject({ reasonCode: 'BROKER_ORDER_REJECTED' }); // Kite's OrderException
    expect((refused as { reasonMessage: string }).reasonMessage).toMatch(/cannot be cancelled as it is complete/i);
    await broker.poll();
    await waitUntil(() => eventsOf(events, request.clientOrderId).filter((event) => event.kind === 'filled').length === 2 || undefined, { timeoutMs: 5_000 });
    expect(eventsOf(events, request.clientOrderId).some((event) => event.kind === 'canceled')).toBe(false);
  });

  it('a cancel our own rate limiter turned away is no refusal (the order stays pending cancel); only what Kite answers is', async () => {
    // Kite's "everything else" class is 10/s with a 5 s queue; shrunk so a burst of 5 cancels overflows it.
    const harness = await startKiteHarness({ realClock: true, limiter: { limits: { others: { windows: [{ limit: 1, windowMs: 1_000 }], maxWaitMs: 100 } } } });
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const broker = new KiteBroker({ client: harness.client, accountId: ACCOUNT, logger, pollMs: 600_000 });
    cleanups.push(async () => {
      broker.close();
      await harness.close();
    });
    const events: BrokerEvent[] = [];
    broker.onEvent((event) => events.push(event));
    for (let index = 0; index < 5; index += 1) broker.cancelOrder({ accountId: ACCOUNT, clientOrderId: asClientOrderId(`kc${index}`), brokerOrderId: `B-${index}` });
    // The one cancel sent is refused by Kite (no such order); the four held back by our limiter are only logged.
    await waitUntil(() => (warnings.filter((line) => line.includes('kite cancel not answered')).length === 4 ? true : undefined), { timeoutMs: 5_000, message: 'four unsent cancels' });
    await waitUntil(() => events.find((event) => event.kind === 'cancelRejected'), { timeoutMs: 5_000, message: "Kite's refusal" });
    expect(requestsTo(harness.fake, 'DELETE', /^\/orders\//)).toHaveLength(1);
    expect(events.filter((event) => event.kind === 'cancelRejected').map((event) => (event as { reasonCode: string }).reasonCode)).toEqual(['BROKER_INPUT_REJECTED']);
  });

  it('a rejection by Kite, at placing or later by its RMS, reaches the OMS with the reason', async () => {
    const { harness, broker, events } = await setup();
    const first = marketBuy();
    harness.fake.faults.rejectNextOrder('Markets are closed right now.');
    broker.placeOrder(first);
    const rejected = await waitUntil(() => eventsOf(events, first.clientOrderId).find((event) => event.kind === 'rejected'), { timeoutMs: 5_000 });
    expect(rejected).toMatchObject({ reasonCode: 'BROKER_ORDER_REJECTED' });
    const second = marketBuy();
    harness.fake.faults.rejectNextOrderAtRms();
    broker.placeOrder(second);
    const late = await waitUntil(() => eventsOf(events, second.clientOrderId).find((event) => event.kind === 'rejected'), { timeoutMs: 5_000 });
    expect((late as { reasonMessage: string }).reasonMessage).toMatch(/margin/i);
    expect(eventsOf(events, second.clientOrderId)[0]?.kind).toBe('accepted');
  });

  it('a 5xx naming an OrderException (Kite timing out on its OMS) is no rejection: the order is found by tag and followed', async () => {
    const { harness, broker, events } = await setup();
    const request = marketBuy();
    harness.fake.faults.failNextAcknowledgement(504, 'OrderException', 'Order request timed out. Please check the order book.');
    broker.placeOrder(request);
    await waitUntil(() => eventsOf(events, request.clientOrderId).find((event) => event.kind === 'filled'), { timeoutMs: 10_000, message: 'the fill of the order the OMS took' });
    expect(eventsOf(events, request.clientOrderId).map((event) => event.kind)).toEqual(['accepted', 'filled']);
    expect(harness.fake.book.orders.filter((order) => order.tag === kiteTagOf(request.clientOrderId))).toHaveLength(1);
  });

  it('an order our side cannot put into Kite\'s form (a LIMIT without a price, a tag past 20 characters) is rejected at once, never looked up', async () => {
    const { harness, broker, events } = await setup();
    const noPrice: BrokerOrderRequest = { ...marketBuy(), type: 'LIMIT' };
    const longTag: BrokerOrderRequest = { ...marketBuy(), clientOrderId: 'x'.repeat(21) as ClientOrderId };
    broker.placeOrder(noPrice);
    broker.placeOrder(longTag);
    // Not a lost answer: no placement grace, no search of the book by tag, no BROKER_NOT_RECEIVED later.
    const rejections = await waitUntil(() => {
      const found = events.filter((event) => event.kind === 'rejected');
      return found.length === 2 ? found : undefined;
    }, { timeoutMs: 1_000, message: 'both refused before sending' });
    expect(rejections).toEqual([
      expect.objectContaining({ clientOrderId: noPrice.clientOrderId, reasonCode: 'BROKER_INPUT_REJECTED', reasonMessage: 'LIMIT orders need a price.' }),
      expect.objectContaining({ clientOrderId: longTag.clientOrderId, reasonCode: 'BROKER_INPUT_REJECTED', reasonMessage: expect.stringMatching(/at most 20 characters/) }),
    ]);
    expect(harness.fake.requests).toEqual([]);
  });

  it('an order book row it cannot read (an order from Kite\'s own apps) is set aside: our orders are still followed', async () => {
    const { harness, broker, events } = await setup();
    const first = marketBuy();
    broker.placeOrder(first);
    await waitUntil(() => eventsOf(events, first.clientOrderId).find((event) => event.kind === 'filled'), { timeoutMs: 5_000 });
    const foreign = harness.fake.book.place({ ...harness.fake.book.orders[0]!, tag: null });
    harness.fake.faults.rewriteBookRows((row) => (row['order_id'] === foreign.orderId ? { ...row, transaction_type: 'SHORT', average_price: 'n/a' } : row));
    const request = marketBuy();
    broker.placeOrder(request);
    await waitUntil(() => eventsOf(events, request.clientOrderId).find((event) => event.kind === 'filled'), { timeoutMs: 5_000, message: 'the fill, read from a book with an unreadable row' });
  });

  it('an order read as cancelled while its trades lag its filled quantity is followed until they are listed: the fill, then the cancel', async () => {
    const { harness, broker, events } = await setup({ pollMs: 600_000 });
    const request: BrokerOrderRequest = { ...marketBuy(2 * 65), type: 'LIMIT', price: paise(10_000) };
    broker.placeOrder(request);
    const accepted = (await waitUntil(() => eventsOf(events, request.clientOrderId).find((event) => event.kind === 'accepted'), { timeoutMs: 5_000 })) as { brokerOrderId: string };
    harness.fake.faults.rewriteBookRows((row, book) => (book === 'trades' && row['order_id'] === accepted.brokerOrderId ? null : row));
    harness.fake.book.fill(accepted.brokerOrderId, { quantity: 65 });
    harness.fake.book.cancel(accepted.brokerOrderId);
    await broker.poll(); // CANCELLED with 65 filled, and no trade listed yet
    await broker.poll();
    expect(eventsOf(events, request.clientOrderId).map((event) => event.kind)).toEqual(['accepted']);
    harness.fake.faults.rewriteBookRows(null);
    await broker.poll();
    expect(eventsOf(events, request.clientOrderId)).toEqual([
      expect.objectContaining({ kind: 'accepted' }),
      expect.objectContaining({ kind: 'filled', quantity: 65 }),
      expect.objectContaining({ kind: 'canceled' }),
    ]);
  });

  it('a final order whose trades are never listed is let go after the wait, its fills left to reconciliation', async () => {
    const { harness, broker, events } = await setup({ pollMs: 600_000, fillsWaitMs: 100 });
    const request: BrokerOrderRequest = { ...marketBuy(2 * 65), type: 'LIMIT', price: paise(10_000) };
    broker.placeOrder(request);
    const accepted = (await waitUntil(() => eventsOf(events, request.clientOrderId).find((event) => event.kind === 'accepted'), { timeoutMs: 5_000 })) as { brokerOrderId: string };
    harness.fake.faults.rewriteBookRows((row, book) => (book === 'trades' ? null : row));
    harness.fake.book.fill(accepted.brokerOrderId, { quantity: 65 });
    harness.fake.book.cancel(accepted.brokerOrderId);
    await broker.poll();
    expect(eventsOf(events, request.clientOrderId).map((event) => event.kind)).toEqual(['accepted']);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await broker.poll();
    expect(eventsOf(events, request.clientOrderId).map((event) => event.kind)).toEqual(['accepted', 'canceled']);
    const reads = requestsTo(harness.fake, 'GET', /^\/orders$/).length;
    await broker.poll(); // nothing is followed any more
    expect(requestsTo(harness.fake, 'GET', /^\/orders$/)).toHaveLength(reads);
  });

  it("token expiry met by a placement: its rejection reaches the OMS before the account link drops the adapter's listeners", async () => {
    let unsubscribe = (): void => undefined;
    const harness = await startKiteHarness({ realClock: true, client: { timeoutMs: 300, onSessionExpired: () => unsubscribe() } });
    const broker = new KiteBroker({ client: harness.client, accountId: ACCOUNT, logger: pino({ level: 'silent' }), pollMs: 50 });
    cleanups.push(async () => {
      broker.close();
      await harness.close();
    });
    const events: BrokerEvent[] = [];
    unsubscribe = broker.onEvent((event) => events.push(event));
    harness.fake.faults.expireSession();
    const request = marketBuy();
    broker.placeOrder(request);
    const rejected = await waitUntil(() => eventsOf(events, request.clientOrderId).find((event) => event.kind === 'rejected'), { timeoutMs: 5_000 });
    expect(rejected).toMatchObject({ reasonCode: 'BROKER_SESSION_EXPIRED' });
  });

  it('token expiry: the order is refused with BROKER_SESSION_EXPIRED and nothing is retried blindly', async () => {
    const { harness, broker, events } = await setup();
    harness.fake.faults.expireSession();
    const request = marketBuy();
    broker.placeOrder(request);
    const rejected = await waitUntil(() => eventsOf(events, request.clientOrderId).find((event) => event.kind === 'rejected'), { timeoutMs: 5_000 });
    expect(rejected).toMatchObject({ reasonCode: 'BROKER_SESSION_EXPIRED' });
    const placements = harness.fake.requests.filter((entry) => entry.method === 'POST' && /^\/orders\//.test(entry.path));
    expect(placements).toHaveLength(1);
    expect(harness.fake.book.orders).toHaveLength(0);
  });
});
