import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asAccountId, averageFillPrice, type AccountId, type BrokerAccountId, type Instrument, type Order, type UserId } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { createBrokerAccountStore, createBrokerRoutingStore, createPool, createSecretSealer, Secret, type BrokerAccountStore } from '@strikedesk/db/client';
import type { TestDatabase } from '@strikedesk/db/testing';
import type pg from 'pg';
import { insertUser, newKeyRing } from '../../../../../packages/db/src/broker-accounts/broker-account-fixtures.ts';
import { loadEngineConfig } from '../../config/engine-config.ts';
import type { RunningEngine } from '../../engine.ts';
import { createSimulatedMarket } from '../../market/create-market.ts';
import { ManualClock, TEST_START, createTestDatabase, startTestEngine } from '../../testing/test-engine.ts';
import { startFakeKiteServer, type RunningFakeKite } from '../kite/fake/fake-kite-server.ts';
import type { FakeInstrument } from '../kite/fake/fake-kite-universe.ts';
import { fakeSnapshot } from '../kite/ticker/fake-snapshot.ts';
import { startFakeKiteTicker, type FakeKiteTicker } from '../kite/ticker/fake-kite-ticker.ts';
import { startFakeXtsInteractive } from '../xts/fake/fake-xts-interactive.ts';
import { startFakeXtsMarketData } from '../xts/fake/fake-xts-market-data.ts';
import { fakeXtsAccount } from '../xts/fake/fake-xts-account.ts';
import { toFakeInstrument } from './simulated-kite-venue.ts';

/**
 * Market data from a broker account (ADR 0021), end to end in the engine: an admin makes a Zerodha
 * account the market; the engine streams its KiteTicker once the account is connected, caches the
 * broker's instrument list and builds its chains from it at the next start; a simulated Zerodha
 * does the same from the simulator. The "real" Zerodha here is the fake Kite server and ticker,
 * reached through the account's own API and ticker URLs — the same adapter as in production. An
 * XTS account streams from the fake XTS Market Data API, its index from the broker's index list.
 */
const ring = newKeyRing('k1');
const MASTER_KEYS = `k1:${ring.current.material().toString('base64')}`;
const LINKS = { pollMs: 50, healthCheckMs: 100 };
/** The fake lists NIFTY in lots of 75 where the configuration says 65: which one the engine uses shows whose list it built from. */
const BROKER_LOT = 75;

let database: TestDatabase;
let pool: pg.Pool;
let store: BrokerAccountStore;
let clock: ManualClock;
let engine: RunningEngine | null = null;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
  store = createBrokerAccountStore(pool, { sealer: createSecretSealer(ring) });
  clock = new ManualClock(TEST_START);
});
afterEach(async () => {
  await engine?.close();
  engine = null;
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
  await pool.query('DELETE FROM accounts WHERE broker_account_id IS NOT NULL');
  await pool.query('DELETE FROM broker_accounts');
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

async function start(): Promise<RunningEngine> {
  engine = await startTestEngine(database, clock, { env: { STRIKEDESK_MASTER_KEYS: MASTER_KEYS }, brokerLinks: LINKS });
  return engine;
}

async function trader(): Promise<{ userId: UserId; paperAccountId: AccountId }> {
  const userId = await insertUser(pool, 'trader');
  const paperAccountId = asAccountId(crypto.randomUUID());
  await pool.query(`INSERT INTO accounts (id, user_id, name, broker) VALUES ($1, $2, 'paper', 'paper')`, [paperAccountId, userId]);
  return { userId, paperAccountId };
}

/** The simulated listing of TEST_START as Kite's instrument file would list it, NIFTY's last strike row left out. */
function brokerUniverse(): { universe: FakeInstrument[]; left: Instrument[] } {
  const { catalog } = createSimulatedMarket({ config: loadEngineConfig(), seed: 1, startTime: TEST_START });
  const nifty = catalog.chains.find((chain) => chain.spec.underlying === 'NIFTY');
  const lastRow = nifty?.expiries[0]?.strikes.at(-1);
  if (!lastRow) throw new Error('no NIFTY strikes');
  const left = [lastRow.call, lastRow.put];
  const universe = catalog.all
    .filter((instrument) => !left.includes(instrument))
    .map((instrument, index) => {
      const listed = toFakeInstrument(instrument, 500_000 + index);
      return instrument.underlying === 'NIFTY' && instrument.kind !== 'INDEX' ? { ...listed, lotSize: BROKER_LOT } : listed;
    });
  return { universe, left };
}

async function zerodhaFakes(universe: FakeInstrument[]): Promise<{ kite: RunningFakeKite; ticker: FakeKiteTicker }> {
  const kite = await startFakeKiteServer({ apiKey: 'mdkey', apiSecret: 'mdsecret', universe });
  const ticker = await startFakeKiteTicker({ apiKey: 'mdkey', accessToken: kite.accessToken, heartbeatIntervalMs: 200 });
  cleanups.push(() => kite.close(), () => ticker.close());
  return { kite, ticker };
}

/** A Zerodha account pointed at the fakes, assigned to a trader, logged in today (token stored), made the market. */
async function zerodhaMarketAccount(kite: RunningFakeKite, ticker: FakeKiteTicker): Promise<{ id: BrokerAccountId; userId: UserId; paperAccountId: AccountId }> {
  const account = await store.create({ broker: 'KITE', name: 'Zerodha data', enabled: true, apiKey: 'mdkey', apiSecret: new Secret('mdsecret'), apiUrl: kite.url, tickerUrl: ticker.url, loginUrl: null });
  const { userId, paperAccountId } = await trader();
  await store.assign(account.id, [userId]);
  await createBrokerRoutingStore(pool, { sealer: createSecretSealer(ring) }).saveAccessToken(account.id, new Secret(kite.accessToken));
  await store.setMarketDataSource(account.id);
  return { id: account.id, userId, paperAccountId };
}

const tokenOf = (universe: readonly FakeInstrument[], instrument: Instrument): number => {
  const listed = universe.find((candidate) => `${candidate.exchange}:${candidate.tradingsymbol}` === instrument.id);
  if (!listed) throw new Error(`${instrument.id} is not in the broker's list`);
  return listed.instrumentToken;
};

const niftyFuture = (running: RunningEngine): Instrument => {
  const future = running.services.catalog.chains.find((chain) => chain.spec.underlying === 'NIFTY')?.future;
  if (!future) throw new Error('no NIFTY future');
  return future;
};

let exchangeSeconds = Math.floor(TEST_START / 1000);
/** Publishes the instrument's market at the fake ticker and waits until the engine quotes it. */
async function publish(running: RunningEngine, ticker: FakeKiteTicker, token: number, instrument: Instrument, lastPrice: number): Promise<void> {
  await waitUntil(() => ticker.openConnections().some((connection) => connection.subscriptions.get(token) === 'full'), { message: `${instrument.id} subscribed in full mode` });
  exchangeSeconds += 1;
  ticker.publish([fakeSnapshot({ token, lastPrice, step: instrument.tickSize, levelQuantity: instrument.lotSize * 20, exchangeTimestampSeconds: exchangeSeconds })]);
  await waitUntil(() => running.services.market.latest(instrument.id)?.lastPrice === lastPrice, { message: `the engine quotes ${instrument.id} at ${lastPrice}` });
}

describe('a Zerodha account as the market', () => {
  it('streams once connected, caches the broker list and lists the broker’s instruments from the next start; an ended session stops the stream', async () => {
    const { universe, left } = brokerUniverse();
    const { kite, ticker } = await zerodhaFakes(universe);
    const account = await zerodhaMarketAccount(kite, ticker);

    // First start: no list cached yet, so the simulated listing; the instruments Kite lists stream.
    let running = await start();
    const future = niftyFuture(running);
    expect(future.lotSize).toBe(65);
    expect(running.services.market.latest(future.id)).toBeUndefined(); // the feed is the market, and it has not ticked
    await waitUntil(() => (ticker.openConnections()[0]?.subscriptions.size ?? 0) >= universe.length, { message: 'every listed instrument subscribed', timeoutMs: 10_000 });
    const subscribed = ticker.openConnections().flatMap((connection) => [...connection.subscriptions.keys()]);
    expect(new Set(subscribed)).toEqual(new Set(universe.map((instrument) => instrument.instrumentToken)));
    expect(ticker.openConnections()[0]?.subscriptions.get(tokenOf(universe, future))).toBe('full');

    await publish(running, ticker, tokenOf(universe, future), future, 2_412_300);
    // Simulated steps no longer move the market: only the feed does.
    clock.advance(1_000);
    running.runner.stepNow();
    expect(running.services.market.latest(future.id)?.lastPrice).toBe(2_412_300);

    // The paper account trades against the broker's quotes: a MARKET buy fills at its ask plus slippage.
    clock.advance(200);
    const order: Order = await running.services.orders.submit({
      accountId: account.paperAccountId,
      userId: account.userId,
      origin: 'TERMINAL',
      order: { instrumentId: future.id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: future.lotSize, price: null, triggerPrice: null },
    });
    expect(order.status).toBe('FILLED');
    const ask = running.services.market.latest(future.id)?.ask ?? 0;
    expect(ask).toBeGreaterThan(2_412_300);
    expect(averageFillPrice(order)).toBeGreaterThanOrEqual(ask / 100); // rupees

    const shown = await waitUntil(async () => {
      const status = await store.get(account.id);
      return status.lastTickAt !== null && status.marketDataStatus?.startsWith('Streaming') ? status : undefined;
    }, { message: 'the admin sees the stream' });
    expect(shown.marketData).toBe(true);
    expect(shown.marketDataStatus).toBe(
      `Streaming ${universe.length.toLocaleString('en-IN')} of ${running.services.catalog.all.length.toLocaleString('en-IN')} instruments: the rest are not in the broker's list. Restart the engine to list the broker's own instruments (its list is saved now).`,
    );
    const cached = await pool.query<{ count: string }>('SELECT jsonb_array_length(contracts) AS count FROM broker_instrument_masters WHERE broker_account_id = $1', [account.id]);
    expect(Number(cached.rows[0]?.count)).toBe(universe.length);
    await running.close();

    // Second start: the chains are the broker's — its lot size, without the row it does not list.
    running = await start();
    const listedFuture = niftyFuture(running);
    expect(listedFuture.id).toBe(future.id);
    expect(listedFuture.lotSize).toBe(BROKER_LOT);
    for (const instrument of left) expect(running.services.catalog.get(instrument.id)).toBeUndefined();
    expect(running.services.catalog.all).toHaveLength(universe.length);
    await publish(running, ticker, tokenOf(universe, listedFuture), listedFuture, 2_398_000);
    await waitUntil(async () => ((await store.get(account.id)).marketDataStatus === `Streaming ${universe.length.toLocaleString('en-IN')} instruments.` ? true : undefined), {
      message: 'the whole list streams',
    });

    // Kite ends the session: the link notices, the stream stops and says so; nothing logs in again.
    kite.faults.expireSession();
    ticker.setAccessToken('someone-else');
    await waitUntil(async () => ((await store.get(account.id)).marketDataStatus === 'Session expired — reconnect Zerodha data.' ? true : undefined), { message: 'the admin sees the session end' });
    await waitUntil(() => (ticker.openConnections().length === 0 ? true : undefined), { message: 'the ticker connection closed' });
    const attempts = ticker.attempts.accepted + ticker.attempts.badToken;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(ticker.attempts.accepted + ticker.attempts.badToken).toBe(attempts);
  });

  it('waits, saying why, while the account is not assigned to anyone', async () => {
    const { universe } = brokerUniverse();
    const { kite, ticker } = await zerodhaFakes(universe);
    const account = await store.create({ broker: 'KITE', name: 'Unassigned data', enabled: true, apiKey: 'mdkey', apiSecret: new Secret('mdsecret'), apiUrl: kite.url, tickerUrl: ticker.url, loginUrl: null });
    await store.setMarketDataSource(account.id);
    const running = await start();
    await waitUntil(async () => ((await store.get(account.id)).marketDataStatus?.startsWith('Assign this account to a trader') ? true : undefined), { message: 'the admin is told to assign it' });
    expect(running.services.market.latest(niftyFuture(running).id)).toBeUndefined();
    expect(ticker.attempts.accepted).toBe(0);
  });
});

describe('an XTS account as the market', () => {
  it('an XTS account as the market', async () => {
    // The engine's own listing at TEST_START: the fakes list its NIFTY future and the NIFTY 50 index.
    const { catalog } = createSimulatedMarket({ config: loadEngineConfig(), seed: 1, startTime: TEST_START });
    const chain = catalog.chains.find((candidate) => candidate.spec.underlying === 'NIFTY');
    if (!chain) throw new Error('no NIFTY chain');
    const { future, index } = chain;
    const interactive = await startFakeXtsInteractive({ instruments: [{ segment: 'NSEFO', exchangeInstrumentId: 35_003, tradingSymbol: future.tradingSymbol }] });
    const marketData = await startFakeXtsMarketData({
      instruments: [
        { segment: 'NSEFO', exchangeInstrumentId: 35_003, tradingSymbol: future.tradingSymbol, name: future.underlying, kind: 'FUTURE', expiry: future.expiry ?? '', lotSize: future.lotSize, tickPaise: future.tickSize, freezeQty: future.freezeQuantity + 1 },
      ],
      indices: [
        { segment: 'NSECM', exchangeInstrumentId: 26_000, name: index.tradingSymbol, valuePaise: 2_400_000 },
        { segment: 'NSECM', exchangeInstrumentId: 26_003, name: 'NIFTY IT', valuePaise: 3_500_000 },
      ],
    });
    cleanups.push(() => interactive.close(), () => marketData.close());
    const account = await store.create(fakeXtsAccount('XTS data', interactive, marketData));
    const { userId } = await trader();
    await store.assign(account.id, [userId]);
    await store.setMarketDataSource(account.id);

    const running = await start();
    expect(niftyFuture(running).id).toBe(future.id);
    expect(running.services.catalog.get(index.id)?.kind).toBe('INDEX');
    // XTS logs in by itself (no browser step); the index goes on the touchline, the future on depth.
    await waitUntil(() => marketData.subscribed(1502).includes('2_35003') && marketData.subscribed(1501).includes('1_26000'), {
      message: 'the future subscribed on 1502 and NIFTY 50 on 1501',
      timeoutMs: 15_000,
    });
    expect([...marketData.subscribed(1501), ...marketData.subscribed(1502)].sort()).toEqual(['1_26000', '2_35003']); // NIFTY IT is no underlying of ours

    marketData.setPrice(35_003, { lastPaise: 2_412_300, bids: [{ pricePaise: 2_412_200, size: 1_300, orders: 3 }], asks: [{ pricePaise: 2_412_400, size: 1_300, orders: 2 }] });
    await waitUntil(() => running.services.market.latest(future.id)?.lastPrice === 2_412_300, { message: `the engine quotes ${future.id} from XTS` });
    marketData.setIndex(26_000, { lastPaise: 2_398_765 });
    await waitUntil(() => running.services.market.latest(index.id)?.lastPrice === 2_398_765, { message: `the engine quotes ${index.id} from XTS` });
    expect(running.services.market.latest(index.id)).toMatchObject({ bid: null, ask: null, bids: [], asks: [] });
    expect(running.services.market.latest(future.id)).toMatchObject({ bid: 2_412_200, ask: 2_412_400 });

    const shown = await waitUntil(async () => {
      const status = await store.get(account.id);
      return status.marketDataStatus?.startsWith('Streaming') ? status : undefined;
    }, { message: 'the admin sees the stream' });
    expect(shown.marketDataStatus).toMatch(/^Streaming 2 of /);
  });
});

describe('a simulated Zerodha account as the market', () => {
  it('streams the simulator through its KiteTicker once connected', async () => {
    const account = await store.create({ broker: 'SIMULATED_KITE', name: 'Sim data', enabled: true });
    const { userId } = await trader();
    await store.assign(account.id, [userId]);
    await store.setMarketDataSource(account.id);
    const running = await start();
    const future = niftyFuture(running);
    running.runner.stepNow();
    expect(running.services.market.latest(future.id)).toBeUndefined(); // not connected: no market yet

    const { url } = await running.services.brokerConnections.startKiteLogin({ brokerAccountId: account.id, redirectUrl: 'http://127.0.0.1:9/back', redirectParams: 'state=s1' });
    const login = await fetch(url, { redirect: 'manual' });
    const requestToken = new URL(login.headers.get('location') ?? '').searchParams.get('request_token') ?? '';
    await running.services.brokerConnections.completeKiteLogin({ brokerAccountId: account.id, requestToken });

    await waitUntil(
      () => {
        clock.advance(1_000);
        running.runner.stepNow();
        return running.services.market.latest(future.id);
      },
      { message: 'the simulated ticker streams the future' },
    );
    await waitUntil(async () => ((await store.get(account.id)).marketDataStatus === `Streaming ${running.services.catalog.all.length.toLocaleString('en-IN')} instruments.` ? true : undefined), {
      message: 'every instrument streams',
    });
  });
});
