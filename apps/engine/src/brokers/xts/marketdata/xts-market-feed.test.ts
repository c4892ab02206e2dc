import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { asInstrumentId, TickSchema, type InstrumentId, type Tick } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import type { MarketFeedStatus } from '../../../market/market-feed.ts';
import { FAKE_XTS_MD_INSTRUMENTS, MD_CALL, MD_FUT, MD_PUT } from '../fake/fake-xts-md-harness.ts';
import { startFakeXtsMarketData, type RunningFakeXtsMarketData } from '../fake/fake-xts-market-data.ts';
import type { FakeXtsMdIndex, FakeXtsMdInstrument } from '../fake/fake-xts-market-payloads.ts';
import { XtsInstrumentDirectory } from '../xts-instrument-directory.ts';
import { XTS_FEED_SUBSCRIBE_BATCH, XtsMarketFeed, type XtsMarketFeedOptions } from './xts-market-feed.ts';

// 2026-12-01 10:15:30 IST
const AT = Date.UTC(2026, 11, 1, 4, 45, 30);
const FIVE_BIDS = [24_530, 24_525, 24_520, 24_515, 24_510].map((pricePaise, index) => ({ pricePaise, size: 75 * (index + 1), orders: index + 1 }));
const FIVE_ASKS = [24_540, 24_545, 24_550, 24_555, 24_560].map((pricePaise, index) => ({ pricePaise, size: 150 * (index + 1), orders: index + 2 }));
const ALL = [MD_FUT, MD_CALL, MD_PUT];
const ALL_KEYS = ['2_35003', '2_43650', '2_43651'];
/** Several of the tests' backoff periods (20–80 ms): long enough for a retry loop to show itself. */
const QUIET_MS = 500;
const GENEROUS = { limit: 50, windowMs: 100, maxWaitMs: 5_000 };

type Harness = { fake: RunningFakeXtsMarketData; feed: XtsMarketFeed; batches: Tick[][]; statuses: MarketFeedStatus[]; warnings: string[] };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const directoryOf = (rows: readonly FakeXtsMdInstrument[]) =>
  new XtsInstrumentDirectory(rows.map((row) => ({ id: asInstrumentId(`NFO:${row.tradingSymbol}`), segment: row.segment, exchangeInstrumentId: row.exchangeInstrumentId })));

function feedOptions(url: string, overrides: Partial<XtsMarketFeedOptions> = {}): XtsMarketFeedOptions {
  return {
    rootUrl: url,
    appKey: 'fake-md-app-key',
    secretKey: 'fake-md-secret',
    directory: directoryOf(FAKE_XTS_MD_INSTRUMENTS),
    instruments: ALL,
    stream: { reconnect: { initialMs: 20, maxMs: 80 } },
    client: { timeoutMs: 2_000, retry: { maxRetries: 2, initialDelayMs: 10, maxDelayMs: 20 }, rateLimits: { session: GENEROUS, subscription: GENEROUS, quotes: GENEROUS, master: GENEROUS, others: GENEROUS } },
    ...overrides,
  };
}

async function harness(overrides: Partial<XtsMarketFeedOptions> = {}, instruments: FakeXtsMdInstrument[] = FAKE_XTS_MD_INSTRUMENTS, indices: FakeXtsMdIndex[] = []): Promise<Harness> {
  const fake = await startFakeXtsMarketData({ instruments, indices });
  cleanups.push(() => fake.close());
  const warnings: string[] = [];
  const feed = new XtsMarketFeed(feedOptions(fake.url, { logger: { warn: (_object, message) => warnings.push(message) }, ...overrides }));
  cleanups.push(() => feed.stop());
  const batches: Tick[][] = [];
  const statuses: MarketFeedStatus[] = [];
  feed.onTicks((ticks) => batches.push(ticks));
  feed.onStatus((status) => statuses.push(status));
  return { fake, feed, batches, statuses, warnings };
}

const logins = (fake: RunningFakeXtsMarketData) => fake.requests.filter((request) => request.path === '/auth/login');
const logouts = (fake: RunningFakeXtsMarketData) => fake.requests.filter((request) => request.path === '/auth/logout');
const subscribePosts = (fake: RunningFakeXtsMarketData) => fake.requests.filter((request) => request.method === 'POST' && request.path === '/instruments/subscription');
const allSubscribed = (fake: RunningFakeXtsMarketData) => fake.subscribed(1502).sort().join() === ALL_KEYS.join();
const ticksOf = (batches: Tick[][], id: InstrumentId) => batches.flat().filter((tick) => tick.instrumentId === id);
const connectedAndSubscribed = async ({ fake, feed }: Harness) =>
  waitUntil(() => feed.status().state === 'connected' && allSubscribed(fake), { timeoutMs: 5_000, message: 'connected, every instrument subscribed' });

describe('XtsMarketFeed against the fake XTS Market Data API', () => {
  it('logs in, subscribes every instrument with 1502 depth, and turns the snapshot and each update into Ticks in paise with five levels a side', async () => {
    const running = await harness();
    running.fake.setPrice(43650, { lastPaise: 24_535, volume: 1_500, openPaise: 24_000, highPaise: 25_010, lowPaise: 23_905, closePaise: 23_840, bids: FIVE_BIDS, asks: FIVE_ASKS, updatedAt: AT });
    running.fake.setPrice(35003, { lastPaise: 2_612_340, updatedAt: AT });
    expect(running.feed.status()).toEqual({ state: 'disconnected', lastTickAt: null, detail: null });
    running.feed.start();
    await connectedAndSubscribed(running);
    expect(running.fake.subscribed(1501)).toEqual([]);
    expect(running.statuses.map((status) => status.state)).toEqual(['connected']);
    expect(logins(running.fake)).toHaveLength(1);

    // The subscribe answer's snapshot: three Ticks emitted one by one by the stream, one batch here.
    await waitUntil(() => running.batches.length >= 1, { timeoutMs: 5_000, message: 'the snapshot batch' });
    const snapshot = running.batches[0] ?? [];
    expect(snapshot.map((tick) => tick.instrumentId).sort()).toEqual([...ALL].sort());
    for (const tick of snapshot) expect(TickSchema.safeParse(tick).success).toBe(true);
    const call = snapshot.find((tick) => tick.instrumentId === MD_CALL);
    expect(call).toMatchObject({ lastPrice: 24_535, previousClose: 23_840, open: 24_000, high: 25_010, low: 23_905, bid: 24_530, ask: 24_540, volume: 1_500, timestamp: AT });
    expect(call?.bids).toEqual(FIVE_BIDS.map((level) => ({ price: level.pricePaise, quantity: level.size, orders: level.orders })));
    expect(call?.asks.map((level) => level.price)).toEqual([24_540, 24_545, 24_550, 24_555, 24_560]);
    expect(snapshot.find((tick) => tick.instrumentId === MD_FUT)?.lastPrice).toBe(2_612_340);

    const before = Date.now();
    running.fake.setPrice(43650, { lastPaise: 24_600, asks: FIVE_ASKS.slice(1), updatedAt: AT + 1_000 });
    const moved = await waitUntil(() => ticksOf(running.batches, MD_CALL).find((tick) => tick.lastPrice === 24_600), { timeoutMs: 5_000, message: 'a streamed update' });
    expect(moved).toMatchObject({ bid: 24_530, ask: 24_545, timestamp: AT + 1_000 });
    expect(moved.bids).toHaveLength(5);
    expect(moved.asks).toHaveLength(4);
    expect(running.feed.status().lastTickAt).toBeGreaterThanOrEqual(before);
  });

  it('streams open interest (1510) beside the prices: the snapshot and each change reach the Tick, in full and partial broadcasts', async () => {
    for (const broadcastMode of ['Full', 'Partial'] as const) {
      const running = await harness({ stream: { broadcastMode, reconnect: { initialMs: 20, maxMs: 80 } } });
      running.fake.setPrice(43650, { lastPaise: 24_535, openInterest: 1_234_500, updatedAt: AT });
      running.feed.start();
      await connectedAndSubscribed(running);
      await waitUntil(() => running.fake.subscribed(1510).length === ALL_KEYS.length, { timeoutMs: 5_000, message: 'open interest subscribed' });
      await waitUntil(() => ticksOf(running.batches, MD_CALL).some((tick) => tick.openInterest === 1_234_500), { timeoutMs: 5_000, message: `${broadcastMode}: the snapshot's OI` });
      running.fake.setPrice(43650, { openInterest: 1_240_000, updatedAt: AT + 1_000 });
      const moved = await waitUntil(() => ticksOf(running.batches, MD_CALL).find((tick) => tick.openInterest === 1_240_000), { timeoutMs: 5_000, message: `${broadcastMode}: a streamed OI change` });
      expect(moved.lastPrice).toBe(24_535); // OI alone leaves the price as it was
      await running.feed.stop();
    }
    // Switched off: no 1510 subscription at all.
    const off = await harness({ openInterest: false });
    off.feed.start();
    await connectedAndSubscribed(off);
    expect(subscribePosts(off.fake).map((request) => request.body['xtsMessageCode'])).toEqual([1502]);
  });

  it(`subscribes in batches of ${XTS_FEED_SUBSCRIBE_BATCH}, every instrument once`, async () => {
    const many: FakeXtsMdInstrument[] = Array.from({ length: 2 * XTS_FEED_SUBSCRIBE_BATCH + 7 }, (_, index) => ({
      segment: 'NSEFO',
      exchangeInstrumentId: 50_000 + index,
      tradingSymbol: `NIFTY26DEC${20_000 + index * 50}CE`,
      name: 'NIFTY',
      kind: 'CE',
      strikePaise: (20_000 + index * 50) * 100,
      expiry: '2026-12-29',
      lotSize: 75,
      tickPaise: 5,
      freezeQty: 1801,
    }));
    const directory = directoryOf(many);
    const ids = many.map((row) => asInstrumentId(`NFO:${row.tradingSymbol}`));
    const running = await harness({ directory, instruments: ids }, many);
    running.feed.start();
    await waitUntil(() => running.fake.subscribed(1502).length === many.length && running.fake.subscribed(1510).length === many.length, { timeoutMs: 5_000, message: 'all subscribed' });
    // Prices (1502), then open interest (1510), each in batches.
    expect(subscribePosts(running.fake).map((request) => [request.body['xtsMessageCode'], (request.body['instruments'] as unknown[]).length])).toEqual([
      [1502, XTS_FEED_SUBSCRIBE_BATCH],
      [1502, XTS_FEED_SUBSCRIBE_BATCH],
      [1502, 7],
      [1510, XTS_FEED_SUBSCRIBE_BATCH],
      [1510, XTS_FEED_SUBSCRIBE_BATCH],
      [1510, 7],
    ]);
    await waitUntil(() => new Set(running.batches.flat().map((tick) => tick.instrumentId)).size === many.length, { timeoutMs: 5_000, message: 'a snapshot tick of each' });
  });

  it('a server-side drop (subscriptions forgotten) is disconnected, then connected again with everything resubscribed and ticks resuming', async () => {
    const running = await harness();
    running.feed.start();
    await connectedAndSubscribed(running);
    running.fake.dropSockets({ forgetSubscriptions: true });
    await waitUntil(() => running.fake.subscribed(1502).length === 0, { timeoutMs: 5_000, message: 'the server forgot' });
    await waitUntil(() => running.statuses.length === 3 && allSubscribed(running.fake), { timeoutMs: 5_000, message: 'reconnected and resubscribed' });
    expect(running.statuses.map((status) => status.state)).toEqual(['connected', 'disconnected', 'connected']);
    expect(running.statuses[1]?.detail).toMatch(/dropped/);
    expect(running.feed.status()).toMatchObject({ state: 'connected', detail: null });

    running.fake.setPrice(43651, { lastPaise: 9_050, updatedAt: AT + 5_000 });
    await waitUntil(() => ticksOf(running.batches, MD_PUT).some((tick) => tick.lastPrice === 9_050), { timeoutMs: 5_000, message: 'a tick after the reconnect' });
    expect(logins(running.fake)).toHaveLength(1); // the session survived: no new login
  });

  it('a login elsewhere ends the session: session-expired only, and never a new login or socket', async () => {
    const running = await harness();
    running.feed.start();
    await connectedAndSubscribed(running);
    running.fake.loginElsewhere();
    await waitUntil(() => running.feed.status().state === 'session-expired', { timeoutMs: 5_000, message: 'session expired' });
    const handshakes = running.fake.stats.handshakes;
    await delay(QUIET_MS);
    // The closing socket's drop is not announced as a "disconnected" first.
    expect(running.statuses.map((status) => status.state)).toEqual(['connected', 'session-expired']);
    expect(running.feed.status().detail).toMatch(/ended this session/);
    expect(logins(running.fake)).toHaveLength(1);
    expect(running.fake.stats.handshakes).toBe(handshakes);

    await running.feed.stop();
    expect(logouts(running.fake)).toEqual([]); // a dead token has nothing to log out
  });

  it('an expired token, refused on reconnect, is session-expired with no re-login', async () => {
    const running = await harness();
    running.feed.start();
    await connectedAndSubscribed(running);
    running.fake.expireToken({ dropSockets: true });
    await waitUntil(() => running.feed.status().state === 'session-expired', { timeoutMs: 5_000, message: 'session expired' });
    const handshakes = running.fake.stats.handshakes;
    await delay(QUIET_MS);
    expect(running.statuses.at(-1)?.state).toBe('session-expired');
    expect(logins(running.fake)).toHaveLength(1);
    expect(running.fake.stats.handshakes).toBe(handshakes);
  });

  it('a login refused for bad keys is session-expired and not retried', async () => {
    const running = await harness({ secretKey: 'wrong' });
    running.feed.start();
    await waitUntil(() => running.feed.status().state === 'session-expired', { timeoutMs: 5_000, message: 'session expired' });
    await delay(QUIET_MS);
    expect(logins(running.fake)).toHaveLength(1);
    expect(running.feed.status()).toMatchObject({ state: 'session-expired', lastTickAt: null, detail: expect.stringMatching(/login failed.*Invalid credentials/) });
    expect(running.statuses.map((status) => status.state)).toEqual(['session-expired']);
    expect(running.fake.stats.handshakes).toBe(0);
  });

  it('a rate-limited login (429) is retried with backoff, then the feed connects', async () => {
    const running = await harness();
    running.fake.faults.rateLimitNext = 2;
    running.feed.start();
    await connectedAndSubscribed(running);
    expect(logins(running.fake).map((request) => request.status)).toEqual([429, 429, 200]);
    expect(running.statuses.map((status) => status.state)).toEqual(['connected']);
    expect(running.warnings.filter((message) => /login failed; retrying/.test(message))).toHaveLength(2);
  });

  it('an unreachable host is disconnected while login is retried with backoff, until stopped', async () => {
    let attempts = 0;
    const server: Server = createServer((socket) => {
      attempts += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const feed = new XtsMarketFeed(feedOptions(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { logger: { warn: () => undefined } }));
    const statuses: MarketFeedStatus[] = [];
    feed.onStatus((status) => statuses.push(status));
    feed.start();
    await waitUntil(() => attempts >= 3, { timeoutMs: 5_000, message: 'several login attempts' });
    expect(feed.status()).toMatchObject({ state: 'disconnected', detail: expect.stringMatching(/^login failed/) });
    expect(statuses).toEqual([]); // still disconnected: no change to announce
    await feed.stop();
    const after = attempts;
    await delay(QUIET_MS);
    expect(attempts).toBe(after);
  });

  it('sockets refused from the start: subscribes over REST after the join wait, so an expired token is still found (no re-login)', async () => {
    const running = await harness({ joinTimeoutMs: 150 });
    running.fake.faults.socketsDown = true;
    running.feed.start();
    await waitUntil(() => running.fake.stats.refused >= 1, { timeoutMs: 5_000, message: 'a refused socket' });
    expect(subscribePosts(running.fake)).toHaveLength(0); // waiting for the join
    running.fake.expireToken();
    await waitUntil(() => running.feed.status().state === 'session-expired', { timeoutMs: 5_000, message: 'session expired' });
    expect(subscribePosts(running.fake).map((request) => request.status)).toEqual([400]);
    await delay(QUIET_MS);
    expect(logins(running.fake)).toHaveLength(1);
    expect(running.statuses.map((status) => status.state)).toEqual(['session-expired']);
  });

  it('sockets refused from the start, then accepted: subscribed after the join wait, then connected with ticks', async () => {
    const running = await harness({ joinTimeoutMs: 150 });
    running.fake.faults.socketsDown = true;
    running.feed.start();
    await waitUntil(() => allSubscribed(running.fake), { timeoutMs: 5_000, message: 'subscribed without a socket' });
    expect(running.feed.status().state).toBe('disconnected');
    running.fake.faults.socketsDown = false;
    await connectedAndSubscribed(running);
    running.fake.setPrice(43650, { lastPaise: 30_000 });
    await waitUntil(() => ticksOf(running.batches, MD_CALL).some((tick) => tick.lastPrice === 30_000), { timeoutMs: 5_000, message: 'ticks once joined' });
  });

  it('a throwing listener neither breaks the stream nor keeps the batch from the others', async () => {
    const running = await harness();
    let thrown = 0;
    running.feed.onTicks(() => {
      thrown += 1;
      throw new Error('listener bug');
    });
    running.feed.start();
    await connectedAndSubscribed(running);
    running.fake.setPrice(35003, { lastPaise: 2_600_500 });
    await waitUntil(() => ticksOf(running.batches, MD_FUT).some((tick) => tick.lastPrice === 2_600_500), { timeoutMs: 5_000, message: 'first update' });
    running.fake.setPrice(35003, { lastPaise: 2_600_600 });
    await waitUntil(() => ticksOf(running.batches, MD_FUT).some((tick) => tick.lastPrice === 2_600_600), { timeoutMs: 5_000, message: 'the stream goes on' });
    expect(thrown).toBe(running.batches.length);
    expect(running.warnings.filter((message) => /listener threw/.test(message)).length).toBe(thrown);
    expect(running.feed.status().state).toBe('connected');
  });

  it('stop logs out once, is idempotent, and a stopped feed cannot start again', async () => {
    const running = await harness();
    running.feed.start();
    await connectedAndSubscribed(running);
    await Promise.all([running.feed.stop(), running.feed.stop()]);
    await running.feed.stop();
    expect(logouts(running.fake).map((request) => [request.method, request.status])).toEqual([['DELETE', 200]]);
    expect(running.feed.status()).toMatchObject({ state: 'disconnected', detail: 'stopped' });
    expect(running.statuses.map((status) => status.state)).toEqual(['connected']); // shutdown is not announced
    expect(() => running.feed.start()).toThrow(/cannot be started again/);
  });

  it('a failed logout is swallowed with a warning', async () => {
    const running = await harness();
    running.feed.start();
    await connectedAndSubscribed(running);
    await running.fake.close();
    await running.feed.stop();
    expect(running.warnings).toContain('XTS market data logout failed; the session ends at its expiry');
  });

  it('refuses, when made, instruments the directory lacks and more than the broker cap', () => {
    expect(() => new XtsMarketFeed(feedOptions('http://127.0.0.1:9', { instruments: [MD_CALL, asInstrumentId('NFO:NIFTY26DEC99000CE')] }))).toThrow(
      expect.objectContaining({ code: 'BROKER_INPUT_REJECTED', message: expect.stringMatching(/NIFTY26DEC99000CE/) }),
    );
    expect(() => new XtsMarketFeed(feedOptions('http://127.0.0.1:9', { maxSubscriptions: 2 }))).toThrow(expect.objectContaining({ code: 'BROKER_INPUT_REJECTED', message: expect.stringMatching(/at most 2/) }));
    expect(() => new XtsMarketFeed(feedOptions('http://127.0.0.1:9', { maxSubscriptions: 3, instruments: [...ALL, MD_CALL] }))).not.toThrow();
  });
});

describe('XtsMarketFeed: indices', () => {
  const NIFTY_50 = asInstrumentId('NSE:NIFTY 50');
  const SENSEX = asInstrumentId('BSE:SENSEX');
  const INDICES: FakeXtsMdIndex[] = [
    { segment: 'NSECM', exchangeInstrumentId: 26000, name: 'NIFTY 50', valuePaise: 2_598_765 },
    { segment: 'BSECM', exchangeInstrumentId: 1, name: 'SENSEX', valuePaise: 8_512_340 },
  ];
  const INDEX_KEYS = ['11_1', '1_26000'];

  function withIndices(overrides: Partial<XtsMarketFeedOptions> = {}): Promise<Harness> {
    const directory = directoryOf(FAKE_XTS_MD_INSTRUMENTS);
    directory.add({ id: NIFTY_50, segment: 'NSECM', exchangeInstrumentId: 26000 });
    directory.add({ id: SENSEX, segment: 'BSECM', exchangeInstrumentId: 1 });
    return harness({ directory, instruments: [...ALL, NIFTY_50, SENSEX], ...overrides }, FAKE_XTS_MD_INSTRUMENTS, INDICES);
  }
  const everythingSubscribed = async ({ fake, feed }: Harness) =>
    waitUntil(() => feed.status().state === 'connected' && allSubscribed(fake) && fake.subscribed(1501).sort().join() === INDEX_KEYS.join(), {
      timeoutMs: 5_000,
      message: 'connected; indices on 1501, the rest on 1502',
    });
  const indexTick = (batches: Tick[][], id: InstrumentId, lastPrice: number) => waitUntil(() => ticksOf(batches, id).find((tick) => tick.lastPrice === lastPrice), { timeoutMs: 5_000, message: `${id} at ${lastPrice}` });

  it('subscribes the indices on the touchline (first), the rest with 1502 and their open interest on 1510; an index Tick is its value with no bid/ask, no depth, no volume, no OI', async () => {
    const running = await withIndices();
    running.feed.start();
    await everythingSubscribed(running);
    expect(running.fake.subscribed(1502).sort()).toEqual(ALL_KEYS);
    const derivatives = ALL_KEYS.map((key) => ({ exchangeSegment: 2, exchangeInstrumentID: Number(key.slice(2)) }));
    await waitUntil(() => running.fake.subscribed(1510).length === ALL_KEYS.length, { timeoutMs: 5_000, message: 'open interest subscribed' });
    expect(subscribePosts(running.fake).map((request) => request.body)).toEqual([
      { instruments: [{ exchangeSegment: 1, exchangeInstrumentID: 26000 }, { exchangeSegment: 11, exchangeInstrumentID: 1 }], xtsMessageCode: 1501 },
      { instruments: derivatives, xtsMessageCode: 1502 },
      { instruments: derivatives, xtsMessageCode: 1510 },
    ]);

    const snapshot = await indexTick(running.batches, NIFTY_50, 2_598_765);
    expect(TickSchema.parse(snapshot)).toMatchObject({ previousClose: 2_598_765, bid: null, ask: null, bids: [], asks: [], volume: 0, openInterest: 0 });
    expect((await indexTick(running.batches, SENSEX, 8_512_340)).bids).toEqual([]);

    running.fake.setIndex(26000, { lastPaise: 2_601_005, highPaise: 2_601_005, updatedAt: AT });
    const moved = await indexTick(running.batches, NIFTY_50, 2_601_005);
    expect(TickSchema.parse(moved)).toMatchObject({ timestamp: AT, high: 2_601_005, previousClose: 2_598_765, bid: null, ask: null, bids: [], asks: [] });
    running.fake.setIndex(1, { lastPaise: 8_520_000 });
    await indexTick(running.batches, SENSEX, 8_520_000);
    // The derivatives keep their depth beside the indices.
    running.fake.setPrice(43650, { lastPaise: 24_600, bids: FIVE_BIDS, asks: FIVE_ASKS });
    expect((await indexTick(running.batches, MD_CALL, 24_600)).bids).toHaveLength(5);
  });

  it('partial broadcasts move an index too, and a drop that lost the subscriptions resubscribes it on the touchline', async () => {
    const running = await withIndices({ stream: { reconnect: { initialMs: 20, maxMs: 80 }, broadcastMode: 'Partial' } });
    running.feed.start();
    await everythingSubscribed(running);
    running.fake.setIndex(26000, { lastPaise: 2_599_500 });
    expect(TickSchema.parse(await indexTick(running.batches, NIFTY_50, 2_599_500))).toMatchObject({ bid: null, ask: null, bids: [], asks: [] });

    running.fake.dropSockets({ forgetSubscriptions: true });
    await waitUntil(() => running.fake.subscribed(1501).length === 0, { timeoutMs: 5_000, message: 'the server forgot' });
    await everythingSubscribed(running);
    expect(running.fake.subscribed(1502)).not.toContain('1_26000');
    running.fake.setIndex(26000, { lastPaise: 2_603_000 });
    expect((await indexTick(running.batches, NIFTY_50, 2_603_000)).asks).toEqual([]);
  });
});
