import { mulPaise, paise, type Instrument, type Order, type PlaceOrderInput, type Tick } from '@strikedesk/domain';
import { createPool } from '@strikedesk/db/client';
import { waitUntil } from '@strikedesk/domain/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeKiteTicker, type FakeKiteTicker } from '../brokers/kite/ticker/fake-kite-ticker.ts';
import { fakeSnapshot, type FakeSnapshotInput } from '../brokers/kite/ticker/fake-snapshot.ts';
import { KiteMarketFeed } from '../brokers/kite/ticker/kite-market-feed.ts';
import { loadEngineConfig } from '../config/engine-config.ts';
import { startEngine, type RunningEngine } from '../engine.ts';
import { loadEngineEnv } from '../env.ts';
import { ACCOUNT_A, ManualClock, TEST_START, TEST_TOKEN, USER_A, createTestDatabase } from '../testing/test-engine.ts';
import type { TestDatabase } from '@strikedesk/db/testing';

/**
 * Paper trading on Kite's market data, end to end: the fake KiteTicker → KiteMarketFeed → a real
 * engine (startEngine with `marketFeed`) whose in-process paper broker fills against the fed quotes.
 */

const FUTURE_TOKEN = (777_001 << 8) | 2; // NFO
const SLIPPAGE_TICKS = 2;

let database: TestDatabase;
let fake: FakeKiteTicker;
let feed: KiteMarketFeed | undefined;
let engine: RunningEngine;
let future: Instrument;
const clock = new ManualClock(TEST_START);
const published: Tick[][] = [];
let exchangeSeconds = 1_796_441_400;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeKiteTicker({ apiKey: 'kite-key', accessToken: 'kite-token', heartbeatIntervalMs: 200 });
  const base = loadEngineConfig();
  const config = { ...base, simulation: { ...base.simulation, paperFills: { ...base.simulation.paperFills, slippageTicks: SLIPPAGE_TICKS } } };
  const env = loadEngineEnv({ ENGINE_PORT: '0', ENGINE_TOKEN: TEST_TOKEN, DATABASE_URL: database.url, RECORD_TICKS: 'true', LOG_LEVEL: 'silent' });
  engine = await startEngine(env, {
    logger: pino({ level: 'silent' }),
    config,
    clock,
    background: false,
    marketFeed: ({ catalog, logger }) => {
      const instrument = catalog.chains.find((chain) => chain.spec.underlying === 'NIFTY')?.future;
      if (!instrument) throw new Error('no NIFTY future in the catalog');
      future = instrument;
      feed = new KiteMarketFeed({ apiKey: 'kite-key', accessToken: 'kite-token', url: fake.url, instruments: new Map([[FUTURE_TOKEN, instrument.id]]), logger });
      return feed;
    },
  });
  engine.services.market.ticks.listen((batch) => published.push(batch));
  await waitUntil(() => feed?.status().state === 'connected' && fake.openConnections()[0]?.subscriptions.get(FUTURE_TOKEN) === 'full', {
    message: 'the engine subscribed the future in full mode',
  });
});
afterAll(async () => {
  await engine?.close();
  await fake?.close();
  await database?.drop();
});

/** Publishes the future's market at the fake and waits until the engine quotes it. */
async function market(input: Omit<FakeSnapshotInput, 'token'>): Promise<Tick> {
  exchangeSeconds += 1;
  fake.publish([fakeSnapshot({ token: FUTURE_TOKEN, step: future.tickSize, levelQuantity: future.lotSize * 10, close: 2_600_000, exchangeTimestampSeconds: exchangeSeconds, ...input })]);
  return waitUntil(() => {
    const tick = engine.services.market.latest(future.id);
    return tick?.timestamp === exchangeSeconds * 1000 ? tick : undefined;
  }, { message: `the engine quotes the future at ${input.lastPrice}` });
}

const submit = (order: Partial<PlaceOrderInput>): Promise<Order> => {
  clock.advance(150); // the engine's order-rate limit runs on this clock
  return engine.services.orders.submit({
    accountId: ACCOUNT_A,
    userId: USER_A,
    origin: 'TERMINAL',
    order: { instrumentId: future.id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: future.lotSize, price: null, triggerPrice: null, ...order },
  });
};
const orderOf = (orderId: string): Order | undefined => engine.services.orders.listOrders(ACCOUNT_A).find((order) => order.orderId === orderId);
const settled = (orderId: string, status: Order['status']): Promise<Order> =>
  waitUntil(() => (orderOf(orderId)?.status === status ? orderOf(orderId) : undefined), { message: `order ${orderId} ${status}` });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('paper trading on the Kite feed', () => {
  it('quotes only what the feed sends, and the simulator does not drive the market', async () => {
    const tick = await market({ lastPrice: 2_612_340, bid: 2_612_335, ask: 2_612_345, openInterest: 9_000_000 });
    expect(tick).toMatchObject({ instrumentId: future.id, lastPrice: 2_612_340, bid: 2_612_335, ask: 2_612_345, openInterest: 9_000_000, previousClose: 2_600_000 });
    const call = engine.services.catalog.chains[0]?.expiries[0]?.strikes[0]?.call;
    expect(call && engine.services.market.latest(call.id)).toBeUndefined();
    expect(published.flat().map((t) => t.instrumentId)).toEqual([future.id]);

    // A simulator step (by hand: the runner is not started with a feed) reaches nobody.
    engine.runner.stepNow();
    expect(published.flat()).toHaveLength(1);
    expect(engine.services.market.latest(future.id)).toBe(tick);
    expect(feed?.status()).toMatchObject({ state: 'connected', lastTickAt: expect.any(Number) });
  });

  it('a resting LIMIT buy fills only when the fed market trades through it, at the fed price', async () => {
    await market({ lastPrice: 2_612_340, bid: 2_612_335, ask: 2_612_345 });
    const limit = paise(2_610_000);
    const resting = await submit({ type: 'LIMIT', price: limit });
    expect(resting.status).toBe('OPEN');

    await market({ lastPrice: 2_610_010, bid: 2_610_000, ask: 2_610_005 }); // ask a tick above the limit: no fill
    await sleep(200);
    expect(orderOf(resting.orderId)?.status).toBe('OPEN');

    await market({ lastPrice: 2_609_500, bid: 2_609_495, ask: 2_609_500 }); // traded through
    const filled = await settled(resting.orderId, 'FILLED');
    // At its own limit: a resting order is the one the market came to (price improvement is the arriving order's).
    expect(filled.filledValue).toBe(mulPaise(limit, future.lotSize));
  });

  it('a MARKET buy fills at the fed ask plus the configured slippage', async () => {
    await market({ lastPrice: 2_611_000, bid: 2_610_995, ask: 2_611_005 });
    const order = await submit({ type: 'MARKET', quantity: future.lotSize * 2 });
    expect(order.status).toBe('FILLED');
    const price = 2_611_005 + SLIPPAGE_TICKS * future.tickSize;
    expect(order.filledValue).toBe(mulPaise(paise(price), future.lotSize * 2));
  });

  it('an SL-M sell waits for its trigger on the fed last price, then fills at the bid less slippage', async () => {
    const stop = await submit({ side: 'SELL', type: 'SL_M', triggerPrice: paise(2_605_000) });
    expect(stop.status).toBe('TRIGGER_PENDING');
    await market({ lastPrice: 2_605_005, bid: 2_605_000, ask: 2_605_010 });
    await sleep(200);
    expect(orderOf(stop.orderId)?.status).toBe('TRIGGER_PENDING');
    await market({ lastPrice: 2_604_990, bid: 2_604_985, ask: 2_604_995 });
    const filled = await settled(stop.orderId, 'FILLED');
    expect(filled.filledValue).toBe(mulPaise(paise(2_604_985 - SLIPPAGE_TICKS * future.tickSize), future.lotSize));
    const position = engine.services.orders.listPositions(ACCOUNT_A).find((candidate) => candidate.instrumentId === future.id);
    expect(position?.netQuantity).toBe(future.lotSize * 2); // 1 + 2 bought, 1 sold
  });

  it('records the fed trades as the simulator’s are recorded', async () => {
    const pool = createPool(database.url);
    try {
      const rows = await waitUntil(
        async () => {
          const result = await pool.query<{ last_price: string }>('SELECT last_price FROM market_ticks WHERE instrument_id = $1 ORDER BY ts', [future.id]);
          return result.rows.length >= 6 ? result.rows : undefined;
        },
        { message: 'fed trades recorded', timeoutMs: 5_000 },
      );
      // The LIMIT test's first tick repeated the previous price and volume: a quote, not a trade.
      expect(rows.map((row) => Number(row.last_price))).toEqual([2_612_340, 2_610_010, 2_609_500, 2_611_000, 2_605_005, 2_604_990]);
    } finally {
      await pool.end();
    }
  });
});
