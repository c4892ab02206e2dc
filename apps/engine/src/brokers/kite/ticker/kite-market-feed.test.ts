import { asInstrumentId, TickSchema, type InstrumentId, type Tick } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketFeedStatus } from '../../../market/market-feed.ts';
import { packetForMode, startFakeKiteTicker, type FakeKiteTicker } from './fake-kite-ticker.ts';
import { fakeSnapshot } from './fake-snapshot.ts';
import { KiteMarketFeed, type KiteMarketFeedOptions } from './kite-market-feed.ts';
import { encodeTickerMessage } from './ticker-encoder.ts';
import type { TickerMode } from './ticker-packet.ts';

const CALL_TOKEN = (48_243 << 8) | 2; // NFO
const FUTURE_TOKEN = (48_250 << 8) | 2;
const UNMAPPED_TOKEN = (48_299 << 8) | 2;
const NIFTY_50_TOKEN = 256_265; // segment 9: an index
const CALL = asInstrumentId('NFO:NIFTY26DEC26000CE');
const FUTURE = asInstrumentId('NFO:NIFTY26DECFUT');
const NIFTY = asInstrumentId('NSE:NIFTY');
const INSTRUMENTS = new Map<number, InstrumentId>([
  [CALL_TOKEN, CALL],
  [FUTURE_TOKEN, FUTURE],
  [NIFTY_50_TOKEN, NIFTY],
]);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Harness = { fake: FakeKiteTicker; feed: KiteMarketFeed; batches: Tick[][]; statuses: MarketFeedStatus[] };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness(options: Partial<KiteMarketFeedOptions> = {}): Promise<Harness> {
  const fake = await startFakeKiteTicker({ apiKey: 'key', accessToken: 'token', heartbeatIntervalMs: 50 });
  cleanups.push(() => fake.close());
  const feed = new KiteMarketFeed({
    apiKey: 'key',
    accessToken: 'token',
    url: fake.url,
    instruments: INSTRUMENTS,
    client: { readTimeoutMs: 2_000, reconnect: { initialMs: 20, maxMs: 40 } },
    ...options,
  });
  cleanups.push(() => feed.stop());
  const batches: Tick[][] = [];
  const statuses: MarketFeedStatus[] = [];
  feed.onTicks((ticks) => batches.push(ticks));
  feed.onStatus((status) => statuses.push(status));
  return { fake, feed, batches, statuses };
}

const serverModes = (fake: FakeKiteTicker): [number, TickerMode][] => [...(fake.openConnections()[0]?.subscriptions ?? [])].sort(([x], [y]) => x - y);
const allFull = (fake: FakeKiteTicker): boolean => serverModes(fake).length === INSTRUMENTS.size && serverModes(fake).every(([, mode]) => mode === 'full');

describe('KiteMarketFeed against the fake KiteTicker', () => {
  it('subscribes every mapped token in full mode and emits one batch of Ticks per message, in paise, with our instrument ids', async () => {
    const { fake, feed, batches } = await harness();
    expect(feed.status()).toEqual({ state: 'disconnected', lastTickAt: null, detail: null });
    feed.start();
    await waitUntil(() => allFull(fake), { message: 'all three tokens in full mode at the server' });
    await waitUntil(() => feed.status().state === 'connected', { message: 'connected' });
    expect(serverModes(fake).map(([token]) => token)).toEqual([...INSTRUMENTS.keys()].sort((x, y) => x - y));

    const before = Date.now();
    fake.publish([
      fakeSnapshot({ token: CALL_TOKEN, lastPrice: 24_555, bid: 24_550, ask: 24_560, close: 23_000, volumeTraded: 1_234_500, openInterest: 5_000_000, exchangeTimestampSeconds: 1_796_441_401 }),
      fakeSnapshot({ token: FUTURE_TOKEN, lastPrice: 2_612_340, step: 10 }),
      fakeSnapshot({ token: NIFTY_50_TOKEN, lastPrice: 2_600_015, close: 2_590_000, exchangeTimestampSeconds: 1_796_441_402 }),
    ]);
    await waitUntil(() => batches.length === 1, { message: 'one batch' });
    const [call, future, index] = batches[0] ?? [];
    for (const tick of batches[0] ?? []) expect(TickSchema.safeParse(tick).success).toBe(true);
    expect(call).toMatchObject({
      instrumentId: CALL,
      timestamp: 1_796_441_401_000,
      lastPrice: 24_555, // ₹245.55: Kite's raw integer for NFO is paise, unchanged
      previousClose: 23_000,
      bid: 24_550,
      ask: 24_560,
      volume: 1_234_500,
      openInterest: 5_000_000,
    });
    expect(call?.bids.map((level) => level.price)).toEqual([24_550, 24_545, 24_540, 24_535, 24_530]);
    expect(call?.asks[0]).toEqual({ price: 24_560, quantity: 750, orders: 1 });
    expect(future).toMatchObject({ instrumentId: FUTURE, lastPrice: 2_612_340, bid: 2_612_330, ask: 2_612_350 });
    // No exchange timestamp in the packet: stamped with the receive time.
    expect(future?.timestamp).toBeGreaterThanOrEqual(before);
    expect(index).toMatchObject({ instrumentId: NIFTY, lastPrice: 2_600_015, previousClose: 2_590_000, bid: null, ask: null, bids: [], asks: [], timestamp: 1_796_441_402_000 });
    expect(feed.status().lastTickAt).toBeGreaterThanOrEqual(before);
  });

  it('ignores packets of tokens it was not given (no empty batches)', async () => {
    const { fake, feed, batches } = await harness();
    feed.start();
    await waitUntil(() => allFull(fake), { message: 'subscribed' });
    fake.sendBinary(encodeTickerMessage([packetForMode(fakeSnapshot({ token: UNMAPPED_TOKEN, lastPrice: 100 }), 'full')]));
    fake.sendBinary(encodeTickerMessage([packetForMode(fakeSnapshot({ token: UNMAPPED_TOKEN, lastPrice: 100 }), 'full'), packetForMode(fakeSnapshot({ token: CALL_TOKEN, lastPrice: 200 }), 'full')]));
    await waitUntil(() => batches.length === 1, { message: 'the batch with the mapped token' });
    await sleep(100);
    expect(batches.map((batch) => batch.map((tick) => [tick.instrumentId, tick.lastPrice]))).toEqual([[[CALL, 200]]]);
  });

  it('a dropped connection is disconnected, then reconnects, resubscribes in full mode and streams again', async () => {
    const { fake, feed, batches, statuses } = await harness();
    feed.start();
    await waitUntil(() => allFull(fake) && feed.status().state === 'connected', { message: 'connected and subscribed' });
    const first = fake.openConnections()[0]?.id;
    fake.refuseConnections(1);
    fake.dropConnections();
    await waitUntil(() => fake.openConnections()[0] !== undefined && fake.openConnections()[0]?.id !== first && allFull(fake), { message: 'resubscribed on a new connection' });
    await waitUntil(() => feed.status().state === 'connected', { message: 'connected again' });
    expect(statuses.map((status) => status.state)).toEqual(['connected', 'disconnected', 'connected']);
    expect(statuses[1]?.detail).toMatch(/connection-lost/);

    fake.publish([fakeSnapshot({ token: FUTURE_TOKEN, lastPrice: 2_612_345 })]);
    await waitUntil(() => batches.length === 1, { message: 'a tick after the reconnect' });
    expect(batches[0]?.[0]).toMatchObject({ instrumentId: FUTURE, lastPrice: 2_612_345 });
  });

  it('a refused token (HTTP 403) is session-expired and not retried; a new token resumes', async () => {
    const { fake, feed, statuses } = await harness({ accessToken: 'expired' });
    feed.start();
    await waitUntil(() => feed.status().state === 'session-expired', { message: 'session expired' });
    await sleep(400); // with a 20–40 ms backoff a retry loop would have made many attempts by now
    expect(fake.attempts.badToken).toBe(1);
    expect(feed.status()).toMatchObject({ state: 'session-expired', lastTickAt: null, detail: expect.stringMatching(/HTTP 403/) });
    expect(statuses.map((status) => status.state)).toEqual(['session-expired']);

    feed.setAccessToken('token');
    await waitUntil(() => allFull(fake) && feed.status().state === 'connected', { message: 'resumed with the new token' });
    expect(statuses.map((status) => status.state)).toEqual(['session-expired', 'disconnected', 'connected']);
  });

  it('a token that expires mid-session (refused on reconnect) ends as session-expired', async () => {
    const { fake, feed } = await harness();
    feed.start();
    await waitUntil(() => feed.status().state === 'connected', { message: 'connected' });
    fake.setAccessToken('rotated');
    fake.dropConnections();
    await waitUntil(() => feed.status().state === 'session-expired', { message: 'session expired' });
    await sleep(300);
    expect(fake.attempts.badToken).toBe(1);
  });

  it('refuses more tokens than Kite streams when it is made, not later', () => {
    const tooMany = new Map<number, InstrumentId>(Array.from({ length: 9_001 }, (_, index) => [((1_000 + index) << 8) | 2, CALL]));
    expect(() => new KiteMarketFeed({ apiKey: 'key', accessToken: 'token', url: 'ws://127.0.0.1:9', instruments: tooMany })).toThrow(
      expect.objectContaining({ code: 'KITE_TICKER_CAPACITY' }),
    );
  });
});
