import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { paise, type Instrument, type Order, type Paise, type PlaceOrderInput, type Tick } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import type { TestDatabase } from '@strikedesk/db/testing';
import { pino } from 'pino';
import type { RunningEngine } from '../../engine.ts';
import { ACCOUNT_A, ManualClock, TEST_START, USER_A, createTestDatabase, startTestEngine } from '../../testing/test-engine.ts';
import { PaperVenueBroker } from './paper-venue-broker.ts';
import { startVenueServer, type RunningVenueServer } from './venue-server.ts';

/**
 * The engine against the paper venue running as a separate service (a broker that outlives the
 * engine), with the venue's faults on demand: the outcome policy and reconciliation end to end.
 */
let database: TestDatabase;
let venue: RunningVenueServer;
let engine: RunningEngine;
let clock = new ManualClock(TEST_START);
const venueQuotes = new Map<string, Tick>();

const startEngine = async (): Promise<RunningEngine> =>
  startTestEngine(database, clock, {
    createBroker: () => new PaperVenueBroker({ url: venue.url, logger: pino({ level: 'silent' }), requestTimeoutMs: 500 }),
    reconciler: { inFlightGraceMs: 300, confirmAfterMs: 50 },
  });

beforeAll(async () => {
  database = await createTestDatabase();
  venue = await startVenueServer({ quotes: { latest: (id) => venueQuotes.get(id) }, now: () => clock.now() });
  engine = await startEngine();
});
afterAll(async () => {
  await engine?.close();
  await venue?.close();
  await database?.drop();
});
afterEach(() => venue.setFaults({ failRequests: 0, dropResponses: 0, delayMs: 0 }));

const future = (): Instrument => engine.services.catalog.chains[0]!.future!;
/** The venue quotes what the engine sees (moved by `moveVenue`), so prices inside the engine's band mean the same there. */
const syncVenueQuote = (): Tick => {
  const tick = engine.services.market.latest(future().id)!;
  venueQuotes.set(tick.instrumentId, tick);
  return tick;
};
const moveVenue = (lastPrice: Paise): void => {
  const tick = { ...syncVenueQuote(), lastPrice, bid: paise(lastPrice - 5), ask: paise(lastPrice + 5) };
  venueQuotes.set(tick.instrumentId, tick);
  venue.onTicks([tick]);
};
let counter = 0;
const submit = (order: Partial<PlaceOrderInput> = {}): Promise<Order> => {
  syncVenueQuote();
  clock.advance(200);
  counter += 1;
  return engine.services.orders.submit({
    accountId: ACCOUNT_A,
    userId: USER_A,
    origin: 'API',
    order: { instrumentId: future().id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: 65, price: null, triggerPrice: null, clientOrderId: `pv-${counter}` as never, ...order },
  });
};
const restingBuy = (): Partial<PlaceOrderInput> => ({ type: 'LIMIT', price: paise(Math.floor((syncVenueQuote().lastPrice * 0.95) / 5) * 5) });
const orderNow = (orderId: string) => engine.services.state.order(orderId);
const atVenue = (clientOrderId: string) => venue.venue.books().orders.filter((order) => order.accountId === ACCOUNT_A && order.clientOrderId === clientOrderId);
const venueNet = () => venue.venue.books().positions.filter((position) => position.accountId === ACCOUNT_A).reduce((sum, position) => sum + position.netQuantity, 0);
const engineNet = () => engine.services.state.positionsOf(ACCOUNT_A).reduce((sum, position) => sum + position.netQuantity, 0);

describe('the engine against the paper venue over the network', () => {
  it('places, is acknowledged and filled through the venue\'s REST answer and its event stream', async () => {
    const order = await submit();
    expect(order).toMatchObject({ status: 'FILLED', brokerOrderId: expect.stringMatching(/^PB-/) });
    expect(atVenue(order.clientOrderId)).toHaveLength(1);
    expect(engineNet()).toBe(venueNet());
  });

  it('loses nothing when the event stream is cut: it resumes from the last sequence it saw', async () => {
    const order = await submit(restingBuy());
    expect(order.status).toBe('OPEN');
    venue.setFaults({ closeEventSockets: true });
    moveVenue(paise(order.price! - 5)); // fills at the venue while the stream is down
    await waitUntil(() => orderNow(order.orderId)?.status === 'FILLED', { message: 'the fill, replayed after the reconnect' });
    expect(engineNet()).toBe(venueNet());
  });

  it('leaves an order in flight when the venue answers 503, then rejects it as never received once its grace has passed', async () => {
    venue.setFaults({ failRequests: 1 });
    const order = await submit();
    expect(order.status).toBe('SUBMITTED'); // never guessed as rejected
    expect(atVenue(order.clientOrderId)).toEqual([]);
    clock.advance(1_000);
    await engine.services.reconciler.run(false);
    expect(orderNow(order.orderId)).toMatchObject({ status: 'REJECTED', reasonCode: 'BROKER_NOT_RECEIVED' });
    expect(atVenue(order.clientOrderId)).toEqual([]); // and it was not sent a second time
  });

  it('settles an order whose acknowledgement was lost after the venue accepted it, without placing it twice', async () => {
    venue.setFaults({ dropResponses: 1 });
    const order = await submit(restingBuy());
    // The event stream still says "accepted"; whichever arrives first, the order is OPEN once, at the venue once.
    await waitUntil(() => orderNow(order.orderId)?.status === 'OPEN', { message: 'accepted' });
    clock.advance(1_000);
    await engine.services.reconciler.run(false);
    expect(atVenue(order.clientOrderId)).toHaveLength(1);
    await engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: order.orderId } });
    await waitUntil(() => orderNow(order.orderId)?.status === 'CANCELED', { message: 'canceled' });
  });

  it('after a restart, journals what happened at the venue while the engine was down', async () => {
    const resting = await submit(restingBuy());
    const toCancel = await submit(restingBuy());
    expect([resting.status, toCancel.status]).toEqual(['OPEN', 'OPEN']);
    await engine.close();

    moveVenue(paise(resting.price! - 5)); // both fill while the engine is down...
    const cancelSide = venue.venue.books().orders.find((order) => order.clientOrderId === toCancel.clientOrderId);
    expect(cancelSide?.status).toBe('FILLED');
    clock = new ManualClock(clock.time + 5_000);
    engine = await startEngine();
    // Start-up reconciliation ran before the engine took commands.
    for (const order of [resting, toCancel]) {
      expect(orderNow(order.orderId)).toMatchObject({ status: 'FILLED', filledQuantity: 65 });
    }
    const fills = engine.services.state.openOrders().length;
    expect(fills).toBe(0);
    expect(engineNet()).toBe(venueNet());
    expect(engine.services.halts.active()).toEqual([]);
  });

  it('after a restart, sends an order that was journaled but never reached the venue — once', async () => {
    venue.setFaults({ failRequests: 1 });
    const order = await submit();
    expect(order.status).toBe('SUBMITTED');
    await engine.close();
    clock = new ManualClock(clock.time + 2_000);
    engine = await startEngine();
    await waitUntil(() => orderNow(order.orderId)?.status === 'FILLED', { message: 'resent and filled' });
    expect(atVenue(order.clientOrderId)).toHaveLength(1);
    expect(engineNet()).toBe(venueNet());
  });

  it('blocks the account when the venue holds an order the terminal never placed, until an admin acknowledges it', async () => {
    venue.venue.place({ accountId: ACCOUNT_A, clientOrderId: 'manual-1' as never, instrumentId: future().id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: 65, price: null, triggerPrice: null });
    const report = await engine.services.reconciler.run(false);
    expect(report.blockedAccounts).toEqual([ACCOUNT_A]);
    const halt = engine.services.halts.find('ACCOUNT', ACCOUNT_A, 'RECONCILIATION');
    expect(halt?.reason).toContain('that this terminal never placed');
    expect((await submit()).reasonCode).toBe('ACCOUNT_BLOCKED_RECONCILIATION');
    await engine.services.killSwitch.release({ userId: USER_A, release: { haltId: halt!.id, note: 'placed by hand on the broker terminal' } });
    // Acknowledged: the same mismatches do not block again.
    expect((await engine.services.reconciler.run(false)).blockedAccounts).toEqual([]);
    expect((await submit()).status).toBe('FILLED');
  });
});
