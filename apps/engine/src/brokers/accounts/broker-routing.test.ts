import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asAccountId, DomainError, type AccountId, type BrokerAccountId, type Instrument, type Order, type UserId } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { createBrokerAccountStore, createPool, createSecretSealer, Secret, type BrokerAccountStore } from '@strikedesk/db/client';
import type { TestDatabase } from '@strikedesk/db/testing';
import { insertUser, newKeyRing } from '../../../../../packages/db/src/broker-accounts/broker-account-fixtures.ts';
import type pg from 'pg';
import type { RunningEngine } from '../../engine.ts';
import { ManualClock, TEST_START, createTestDatabase, startTestEngine } from '../../testing/test-engine.ts';
import { startFakeKiteServer, type RunningFakeKite } from '../kite/fake/fake-kite-server.ts';
import type { BrokerAccountConnections } from './broker-account-connections.ts';
import { toFakeInstrument } from './simulated-kite-venue.ts';
import { startFakeXtsInteractive } from '../xts/fake/fake-xts-interactive.ts';
import { startFakeXtsMarketData } from '../xts/fake/fake-xts-market-data.ts';
import { fakeXtsAccount } from '../xts/fake/fake-xts-account.ts';

/**
 * Trading through broker accounts (issue 4, ADR 0020), end to end in the engine: an admin's
 * assignment binds a trader's live account; "Connect Zerodha" goes through the (fake) Kite login;
 * orders of the live account reach Kite, the paper account's stay on paper; postbacks are checked;
 * an ended session halts the account until it is connected again; a restart reconnects with the
 * stored token and recovers a fill that happened while the engine was down.
 */
const ring = newKeyRing('k1');
const MASTER_KEYS = `k1:${ring.current.material().toString('base64')}`;
const LINKS = { pollMs: 50, healthCheckMs: 100 };

let database: TestDatabase;
let pool: pg.Pool;
let store: BrokerAccountStore;
let clock: ManualClock;
let engine: RunningEngine;
let postbacks: { server: Server; url: string; bodies: string[] };
const cleanups: (() => Promise<unknown>)[] = [];
/** The first test's simulated account, looked at again after the engine restarts. */
let simulatedZerodha: { id: BrokerAccountId; live: AccountId } | null = null;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
  store = createBrokerAccountStore(pool, { sealer: createSecretSealer(ring) });
  clock = new ManualClock(TEST_START);
  engine = await start();
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  postbacks = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/postback`, bodies };
});
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});
afterAll(async () => {
  await engine?.close();
  postbacks?.server.close();
  await pool?.end();
  await database?.drop();
});

const start = () => startTestEngine(database, clock, { env: { STRIKEDESK_MASTER_KEYS: MASTER_KEYS, BROKER_DAILY_LOGOUT_IST: '16:00' }, brokerLinks: LINKS });
const connections = () => engine.services.brokerConnections as BrokerAccountConnections;

async function trader(): Promise<{ userId: UserId; paperAccountId: AccountId }> {
  const userId = await insertUser(pool, 'trader');
  const paperAccountId = asAccountId(crypto.randomUUID());
  await pool.query(`INSERT INTO accounts (id, user_id, name, broker) VALUES ($1, $2, 'paper', 'paper')`, [paperAccountId, userId]);
  return { userId, paperAccountId };
}

async function liveAccountOf(brokerAccountId: BrokerAccountId): Promise<AccountId> {
  const result = await pool.query<{ id: string }>('SELECT id FROM accounts WHERE broker_account_id = $1', [brokerAccountId]);
  const id = result.rows[0]?.id;
  if (!id) throw new Error('no live account');
  return asAccountId(id);
}

const statusOf = async (id: BrokerAccountId) => store.get(id);

const future = (): Instrument => {
  const instrument = engine.services.catalog.chains[0]?.future;
  if (!instrument) throw new Error('no NIFTY future');
  return instrument;
};

let sequence = 0;
function submit(accountId: AccountId, userId: UserId, order: { type?: 'MARKET' | 'LIMIT'; price?: number } = {}): Promise<Order> {
  clock.advance(150);
  sequence += 1;
  return engine.services.orders.submit({
    accountId,
    userId,
    origin: 'TERMINAL',
    order: { instrumentId: future().id, side: 'BUY', type: order.type ?? 'MARKET', product: 'NRML', quantity: 65, price: (order.price ?? null) as never, triggerPrice: null, clientOrderId: `rt${process.pid % 1000}n${sequence}` as never },
  });
}

const orderNow = (accountId: AccountId, orderId: string) => engine.services.orders.listOrders(accountId).find((order) => order.orderId === orderId);

/** Follows the login page's redirect as a browser would, and hands back the request token and echoed params. */
async function browserLogin(url: string): Promise<URLSearchParams> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '').searchParams;
}

async function connectKite(id: BrokerAccountId): Promise<void> {
  const { url } = await engine.services.brokerConnections.startKiteLogin({ brokerAccountId: id, redirectUrl: 'http://127.0.0.1:9/back', redirectParams: 'state=s1', postbackUrl: postbacks.url });
  const back = await browserLogin(url);
  expect(back.get('state')).toBe('s1');
  const route = await engine.services.brokerConnections.completeKiteLogin({ brokerAccountId: id, requestToken: back.get('request_token') ?? '' });
  expect(route).toMatchObject({ brokerAccountId: id, connection: 'CONNECTED' });
}

async function fakeKiteForCatalog(): Promise<RunningFakeKite> {
  const instruments = engine.services.catalog.all;
  const prices = Object.fromEntries(instruments.map((instrument) => [`${instrument.exchange}:${instrument.tradingSymbol}`, engine.services.market.latest(instrument.id)?.lastPrice ?? 10_000]));
  const fake = await startFakeKiteServer({ universe: instruments.map((instrument, index) => toFakeInstrument(instrument, 200_000 + index)), prices });
  cleanups.push(() => fake.close());
  return fake;
}

describe('a simulated Zerodha account', () => {
  it('refuses orders until connected, connects through the Kite login, then trades at Kite while paper stays paper', async () => {
    const { userId, paperAccountId } = await trader();
    const account = await store.create({ broker: 'SIMULATED_KITE', name: 'Sim Zerodha A', enabled: true, apiKey: null, apiUrl: null, loginUrl: null, tickerUrl: null, apiSecret: undefined } as never);
    await store.assign(account.id, [userId]);
    const live = await liveAccountOf(account.id);
    simulatedZerodha = { id: account.id, live };
    await waitUntil(() => connections().routes().some((route) => route.accountId === live && route.connection === 'NEVER_CONNECTED'), { message: 'engine picked up the assignment' });

    const refused = await submit(live, userId);
    expect(refused).toMatchObject({ status: 'DENIED', reasonCode: 'BROKER_NOT_CONNECTED' });
    expect(refused.reasonMessage).toContain('not connected');
    expect((await statusOf(account.id)).connection).toBe('NEVER_CONNECTED');

    await connectKite(account.id);
    await waitUntil(async () => (await statusOf(account.id)).connection === 'CONNECTED', { message: 'status written' });
    // The access token is stored encrypted: its row exists, the plaintext appears nowhere.
    const secrets = await pool.query<{ field: string; row: string }>(`SELECT field, t::text AS row FROM broker_account_secrets t WHERE account_id = $1`, [account.id]);
    expect(secrets.rows.map((row) => row.field)).toEqual(['access_token']);

    const placed = await submit(live, userId);
    const filled = await waitUntil(() => orderNow(live, placed.orderId)?.status === 'FILLED' && orderNow(live, placed.orderId), { message: 'live order filled at Kite' });
    expect(filled.brokerOrderId).toMatch(/^\d+$/); // Kite's numeric order ids, not the paper broker's
    expect(engine.services.orders.listPositions(live)).toEqual([expect.objectContaining({ instrumentId: future().id, netQuantity: 65 })]);
    // Kite posted the order's updates to the app's postback URL, each with a valid checksum.
    const genuine = await waitUntil(() => postbacks.bodies.find((body) => body.includes(filled.brokerOrderId ?? '?') && body.includes('COMPLETE')), { message: 'postback received' });
    await expect(engine.services.brokerConnections.kitePostback({ brokerAccountId: account.id, body: genuine })).resolves.toBeUndefined();
    const forged = JSON.stringify({ ...JSON.parse(genuine), status: 'CANCELLED' });
    const resigned = JSON.stringify({ ...JSON.parse(genuine), checksum: 'a'.repeat(64) });
    for (const body of [forged.replace(/"order_timestamp":"[^"]*"/, '"order_timestamp":"2020-01-01 09:15:00"'), resigned, 'not json', '{"order_id":"1"}']) {
      const error = await engine.services.brokerConnections.kitePostback({ brokerAccountId: account.id, body }).then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('BROKER_POSTBACK_FORGED');
    }

    const paper = await submit(paperAccountId, userId);
    const paperFilled = await waitUntil(() => orderNow(paperAccountId, paper.orderId)?.status === 'FILLED' && orderNow(paperAccountId, paper.orderId));
    expect(paperFilled.brokerOrderId).not.toMatch(/^\d+$/);
  });

  it('unassigning detaches the live account: its orders are refused, the history stays', async () => {
    const { userId } = await trader();
    const account = await store.create({ broker: 'SIMULATED_KITE', name: 'Sim Zerodha B', enabled: true, apiKey: null, apiUrl: null, loginUrl: null, tickerUrl: null, apiSecret: undefined } as never);
    await store.assign(account.id, [userId]);
    const live = await liveAccountOf(account.id);
    await waitUntil(() => connections().routes().some((route) => route.accountId === live));
    await store.unassign(account.id, [userId]);
    await waitUntil(() => !connections().routes().some((route) => route.accountId === live), { message: 'binding dropped' });
    const refused = await submit(live, userId);
    expect(refused).toMatchObject({ status: 'DENIED', reasonCode: 'BROKER_NOT_CONNECTED' });
    expect(refused.reasonMessage).toContain('no longer linked');
  });
});

describe('a Zerodha account whose URLs point at a fake Kite', () => {
  it('an ended session halts the account and is never retried; connecting again releases it; a restart reconnects and recovers a missed fill', async () => {
    const fake = await fakeKiteForCatalog();
    fake.setAppUrls({ redirectUrl: 'http://127.0.0.1:9/back' });
    const { userId } = await trader();
    const account = await store.create({
      broker: 'KITE',
      name: 'Zerodha on a fake',
      enabled: true,
      apiKey: fake.apiKey,
      apiUrl: fake.url,
      loginUrl: fake.url,
      tickerUrl: null,
      apiSecret: new Secret(fake.apiSecret),
    } as never);
    await store.assign(account.id, [userId]);
    const live = await liveAccountOf(account.id);
    await waitUntil(() => connections().routes().some((route) => route.accountId === live));
    await connectKite(account.id);
    const first = await submit(live, userId);
    await waitUntil(() => orderNow(live, first.orderId)?.status === 'FILLED');
    expect(fake.book.orders.map((order) => order.tag)).toContain(first.clientOrderId);

    // Kite ends the session (daily expiry, or a login elsewhere): noticed by the session check.
    const loginsBefore = fake.requests.filter((request) => request.path === '/session/token').length;
    fake.faults.expireSession();
    await waitUntil(async () => (await statusOf(account.id)).connection === 'SESSION_EXPIRED', { message: 'session expiry noticed' });
    const halt = await waitUntil(() => engine.services.halts.find('ACCOUNT', live, 'BROKER_SESSION'), { message: 'account halted' });
    expect(halt.engagedBy).toBeNull();
    const blocked = await submit(live, userId);
    expect(blocked).toMatchObject({ status: 'DENIED', reasonCode: 'BROKER_SESSION_EXPIRED' });
    const profileReads = fake.requests.filter((request) => request.path === '/user/profile').length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Never retried blindly: no new login, no further session checks with the dead token.
    expect(fake.requests.filter((request) => request.path === '/session/token').length).toBe(loginsBefore);
    expect(fake.requests.filter((request) => request.path === '/user/profile').length).toBe(profileReads);

    await connectKite(account.id);
    await waitUntil(() => engine.services.halts.find('ACCOUNT', live, 'BROKER_SESSION') === undefined, { message: 'halt released on reconnect' });
    const released = (await engine.services.halts.recent(10, live)).find((candidate) => candidate.id === halt.id);
    expect(released).toMatchObject({ releasedBy: null, releaseNote: 'Broker session connected again.' });

    // A resting order fills at Kite while the engine is down; the restart reconnects with the stored token and books it.
    const resting = await submit(live, userId, { type: 'LIMIT', price: Math.floor(((engine.services.market.latest(future().id)?.lastPrice ?? 0) * 0.97) / 5) * 5 });
    await waitUntil(() => orderNow(live, resting.orderId)?.status === 'OPEN', { message: 'limit order resting at Kite' });
    const stillResting = await submit(live, userId, { type: 'LIMIT', price: Math.floor(((engine.services.market.latest(future().id)?.lastPrice ?? 0) * 0.96) / 5) * 5 });
    await waitUntil(() => orderNow(live, stillResting.orderId)?.status === 'OPEN', { message: 'a second limit order resting at Kite' });
    await engine.close();
    const kiteOrder = fake.book.orders.find((order) => order.tag === resting.clientOrderId);
    if (!kiteOrder) throw new Error('resting order not at Kite');
    fake.book.fill(kiteOrder.orderId);
    engine = await start();
    await waitUntil(() => orderNow(live, resting.orderId)?.status === 'FILLED', { message: 'missed fill recovered at start-up' });
    expect(connections().routes().find((route) => route.accountId === live)).toMatchObject({ connection: 'CONNECTED' });
    const summary = await waitUntil(async () => (await statusOf(account.id)).lastReconciliation ?? undefined, { message: 'reconciliation result stored' });
    expect(summary).toMatchObject({ blocked: false, mismatches: 0 });
    expect((await statusOf(account.id)).lastReconciledAt).not.toBeNull();
    // The order still working across the restart is followed by the new session's adapter: its fill
    // arrives live (this engine runs no periodic reconciliation).
    expect(orderNow(live, stillResting.orderId)?.status).toBe('OPEN');
    fake.book.fill(fake.book.orders.find((order) => order.tag === stillResting.clientOrderId)!.orderId);
    await waitUntil(() => orderNow(live, stillResting.orderId)?.status === 'FILLED', { message: 'fill of an order placed before the restart, live' });
    // The simulated Zerodha restarted empty with the engine: asked to connect again, not halted as "expired".
    if (!simulatedZerodha) throw new Error('the first test did not run');
    const simulated = simulatedZerodha;
    await waitUntil(async () => (await statusOf(simulated.id)).connection === 'DISCONNECTED');
    expect((await statusOf(simulated.id)).statusMessage).toContain('restarted with the engine');
    expect(engine.services.halts.find('ACCOUNT', simulated.live, 'BROKER_SESSION')).toBeUndefined();
  });

  it("reconciliation leaves a bound account alone while its broker's books cannot be read", async () => {
    const fake = await fakeKiteForCatalog();
    fake.setAppUrls({ redirectUrl: 'http://127.0.0.1:9/back' });
    const { userId } = await trader();
    const account = await store.create({ broker: 'KITE', name: 'Zerodha unreadable', enabled: true, apiKey: fake.apiKey, apiUrl: fake.url, loginUrl: fake.url, tickerUrl: null, apiSecret: new Secret(fake.apiSecret) } as never);
    await store.assign(account.id, [userId]);
    const live = await liveAccountOf(account.id);
    await waitUntil(() => connections().routes().some((route) => route.accountId === live));
    await connectKite(account.id);
    const resting = await submit(live, userId, { type: 'LIMIT', price: Math.floor(((engine.services.market.latest(future().id)?.lastPrice ?? 0) * 0.97) / 5) * 5 });
    await waitUntil(() => orderNow(live, resting.orderId)?.status === 'OPEN');
    await fake.close(); // Kite unreachable: every read fails
    const report = await engine.services.reconciler.run(false);
    expect(report.blockedAccounts).not.toContain(live);
    expect(orderNow(live, resting.orderId)?.status).toBe('OPEN');
    expect(engine.services.halts.find('ACCOUNT', live, 'RECONCILIATION')).toBeUndefined();
  });

  it('logs every Kite session out once a day at the configured IST time', async () => {
    const fake = await fakeKiteForCatalog();
    fake.setAppUrls({ redirectUrl: 'http://127.0.0.1:9/back' });
    const { userId } = await trader();
    const account = await store.create({ broker: 'KITE', name: 'Zerodha logout', enabled: true, apiKey: fake.apiKey, apiUrl: fake.url, loginUrl: fake.url, tickerUrl: null, apiSecret: new Secret(fake.apiSecret) } as never);
    await store.assign(account.id, [userId]);
    await waitUntil(() => connections().routes().some((route) => route.brokerAccountId === account.id));
    await connectKite(account.id);
    await waitUntil(async () => (await statusOf(account.id)).connection === 'CONNECTED');
    await connections().checkDailyLogout(); // 11:00 IST: before 16:00, nothing happens
    expect(connections().routes().find((route) => route.brokerAccountId === account.id)?.connection).toBe('CONNECTED');
    clock.advance(5 * 3_600_000 + 60_000); // 16:01 IST
    await connections().checkDailyLogout();
    await waitUntil(async () => (await statusOf(account.id)).connection === 'DISCONNECTED', { message: 'logged out at 16:00 IST' });
    expect((await statusOf(account.id)).statusMessage).toContain('Logged out for the day');
    expect(fake.requests.some((request) => request.method === 'DELETE' && request.path === '/session/token')).toBe(true);
    const secrets = await pool.query(`SELECT 1 FROM broker_account_secrets WHERE account_id = $1 AND field = 'access_token'`, [account.id]);
    expect(secrets.rowCount).toBe(0);
    clock.advance(-(5 * 3_600_000 + 60_000));
  });
});

describe('XTS accounts', () => {
  it('a simulated XTS account connects by itself (no browser step) and trades at the fake XTS', async () => {
    const { userId } = await trader();
    const account = await store.create({ broker: 'SIMULATED_XTS', name: 'Sim XTS', enabled: true, rootUrl: null, marketDataUrl: null, clientId: null, interactiveAppKey: null, marketDataAppKey: null } as never);
    await store.assign(account.id, [userId]);
    const live = await liveAccountOf(account.id);
    await waitUntil(() => connections().routes().some((route) => route.accountId === live && route.connection === 'CONNECTED'), { message: 'simulated XTS connected' });
    const placed = await submit(live, userId);
    const filled = await waitUntil(() => orderNow(live, placed.orderId)?.status === 'FILLED' && orderNow(live, placed.orderId), { message: 'filled at the fake XTS' });
    expect(filled.brokerOrderId).toMatch(/^\d+$/);
  });

  it("an XTS account reads the broker's instrument master, trades, and a login elsewhere halts it until Reconnect", async () => {
    const instrument = future();
    const interactive = await startFakeXtsInteractive({ instruments: [{ segment: 'NSEFO', exchangeInstrumentId: 35_003, tradingSymbol: instrument.tradingSymbol }] });
    cleanups.push(() => interactive.close());
    const marketData = await startFakeXtsMarketData({
      instruments: [
        { segment: 'NSEFO', exchangeInstrumentId: 35_003, tradingSymbol: instrument.tradingSymbol, name: instrument.underlying, kind: 'FUTURE', expiry: instrument.expiry ?? '', lotSize: instrument.lotSize, tickPaise: instrument.tickSize, freezeQty: instrument.freezeQuantity + 1 },
      ],
    });
    cleanups.push(() => marketData.close());
    const last = engine.services.market.latest(instrument.id)?.lastPrice ?? 2_400_000;
    interactive.setMarket(35_003, { bid: last - 5, ask: last + 5, last });
    const { userId } = await trader();
    const account = await store.create(fakeXtsAccount('Broker XTS on fakes', interactive, marketData));
    await store.assign(account.id, [userId]);
    const live = await liveAccountOf(account.id);
    await waitUntil(async () => (await statusOf(account.id)).connection === 'CONNECTED', { message: 'XTS connected', timeoutMs: 15_000 });
    expect(marketData.requests.some((request) => request.path.startsWith('/instruments/master'))).toBe(true);
    const placed = await submit(live, userId);
    await waitUntil(() => orderNow(live, placed.orderId)?.status === 'FILLED', { message: 'filled at XTS' });

    const logins = () => interactive.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/user/session')).length;
    const loginsBefore = logins();
    interactive.loginElsewhere();
    await waitUntil(async () => (await statusOf(account.id)).connection === 'SESSION_EXPIRED', { message: 'second login detected' });
    await waitUntil(() => engine.services.halts.find('ACCOUNT', live, 'BROKER_SESSION'), { message: 'account halted' });
    expect(await submit(live, userId)).toMatchObject({ status: 'DENIED', reasonCode: 'BROKER_SESSION_EXPIRED' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(logins()).toBe(loginsBefore); // never logs in again by itself: that would end the other session

    await engine.services.brokerConnections.reconnect({ id: account.id });
    await waitUntil(() => engine.services.halts.find('ACCOUNT', live, 'BROKER_SESSION') === undefined, { message: 'released on reconnect' });
    expect(connections().routes().find((route) => route.accountId === live)?.connection).toBe('CONNECTED');
  });
});
