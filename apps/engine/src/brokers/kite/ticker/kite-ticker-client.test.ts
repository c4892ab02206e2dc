import { waitUntil } from '@strikedesk/domain/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { packetForMode, startFakeKiteTicker, type FakeKiteTicker, type FakeMarketSnapshot } from './fake-kite-ticker.ts';
import { KiteTickerClient, type KiteTickerClientOptions, type KiteTickerEvent } from './kite-ticker-client.ts';
import type { KitePacket, TickerMode } from './ticker-packet.ts';
import { WireBytes, wireMessage } from './wire-bytes.ts';

const A = (48_243 << 8) | 2;
const B = (48_244 << 8) | 2;
const C = (48_245 << 8) | 2;
const NIFTY_50 = 256_265;
const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, index) => from + index);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function snapshot(token: number, lastPrice: number): FakeMarketSnapshot {
  const level = (offset: number) => ({ quantity: 50, price: lastPrice + offset, orders: 2 });
  return {
    token, lastPrice, lastTradedQuantity: 75, averageTradedPrice: lastPrice - 3, volumeTraded: 12_000, totalBuyQuantity: 900, totalSellQuantity: 800,
    open: lastPrice - 20, high: lastPrice + 40, low: lastPrice - 40, close: lastPrice - 10, lastTradeTimeSeconds: 1_764_912_000,
    openInterest: 150_000, openInterestDayHigh: 160_000, openInterestDayLow: 140_000, exchangeTimestampSeconds: 1_764_912_001,
    bids: [-5, -10, -15, -20, -25].map(level), asks: [5, 10, 15, 20, 25].map(level),
  };
}

type Received = KitePacket & { connection: number };
type Harness = { fake: FakeKiteTicker; client: KiteTickerClient; events: KiteTickerEvent[]; packets: Received[] };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness(options: Partial<KiteTickerClientOptions> = {}, heartbeatIntervalMs = 50): Promise<Harness> {
  const fake = await startFakeKiteTicker({ apiKey: 'key', accessToken: 'token', heartbeatIntervalMs });
  cleanups.push(() => fake.close());
  const client = new KiteTickerClient({ apiKey: 'key', accessToken: 'token', url: fake.url, readTimeoutMs: 2_000, reconnect: { initialMs: 100, maxMs: 800 }, ...options });
  cleanups.push(() => client.close());
  const events: KiteTickerEvent[] = [];
  const packets: Received[] = [];
  client.onEvent((event) => events.push(event));
  client.onPackets((batch, meta) => packets.push(...batch.map((packet) => ({ ...packet, connection: meta.connection }))));
  return { fake, client, events, packets };
}

async function connectedHarness(options: Partial<KiteTickerClientOptions> = {}, heartbeatIntervalMs?: number): Promise<Harness> {
  const h = await harness(options, heartbeatIntervalMs);
  h.client.connect();
  await waitUntil(() => h.events.some((event) => event.kind === 'connected'), { message: 'connected' });
  return h;
}

const serverModes = (fake: FakeKiteTicker, connection = 0): [number, TickerMode][] =>
  [...(fake.openConnections()[connection]?.subscriptions ?? [])].sort(([x], [y]) => x - y);

describe('KiteTickerClient against the fake KiteTicker', () => {
  it('subscribe, mode and unsubscribe reach the server and ticks come back in each mode', async () => {
    const { fake, client, packets } = await connectedHarness();
    client.subscribe([A, B]);
    client.setMode('full', [A]);
    client.subscribe([NIFTY_50], 'ltp');
    await waitUntil(() => serverModes(fake).length === 3 && fake.openConnections()[0]?.subscriptions.get(NIFTY_50) === 'ltp', { message: 'server has the subscriptions' });
    expect(serverModes(fake)).toEqual([[NIFTY_50, 'ltp'], [A, 'full'], [B, 'quote']]);
    expect(fake.requests.map(({ action, tokens, mode }) => ({ action, tokens, mode }))).toEqual([
      { action: 'subscribe', tokens: [A, B], mode: undefined },
      { action: 'mode', tokens: [A], mode: 'full' },
      { action: 'subscribe', tokens: [NIFTY_50], mode: undefined },
      { action: 'mode', tokens: [NIFTY_50], mode: 'ltp' },
    ]);

    const market = [snapshot(A, 24_550), snapshot(B, 18_000), snapshot(NIFTY_50, 2_435_065)];
    fake.publish(market);
    await waitUntil(() => packets.length === 3, { message: 'three ticks' });
    expect(packets).toEqual([
      { ...packetForMode(market[0]!, 'full'), connection: 0 },
      { ...packetForMode(market[1]!, 'quote'), connection: 0 },
      { kind: 'ltp', token: NIFTY_50, lastPrice: 2_435_065, connection: 0 },
    ]);

    client.unsubscribe([B]);
    await waitUntil(() => !fake.openConnections()[0]?.subscriptions.has(B), { message: 'B unsubscribed at the server' });
    fake.publish([snapshot(A, 24_600), snapshot(B, 18_100)]);
    await waitUntil(() => packets.length === 4, { message: 'the next tick of A' });
    expect(packets[3]).toMatchObject({ token: A, lastPrice: 24_600 });
    expect(client.modeOf(B)).toBeUndefined();
  });

  it('subscriptions made before the connection opens are sent once it does', async () => {
    const { fake, client } = await harness();
    client.subscribe([A, B], 'full');
    client.connect();
    await waitUntil(() => serverModes(fake).length === 2, { message: 'server has both' });
    expect(serverModes(fake)).toEqual([[A, 'full'], [B, 'full']]);
  });

  it('order updates, error and message frames surface as typed events; garbage is reported, not thrown', async () => {
    const { fake, events } = await connectedHarness();
    const order = {
      order_id: '220303000308932', status: 'OPEN', order_timestamp: '2026-12-05 10:15:00', variety: 'regular', exchange: 'NFO',
      tradingsymbol: 'NIFTY26DEC24500CE', instrument_token: A, order_type: 'LIMIT', transaction_type: 'BUY', product: 'NRML', quantity: 75,
      price: 245.5, trigger_price: 0, average_price: 0, filled_quantity: 0, pending_quantity: 75, tag: 'sd-abc123', guid: 'X1',
    };
    fake.sendOrderUpdate(order);
    fake.sendText('{"type":"error","data":"Invalid token"}');
    fake.sendText('{"type":"message","data":"hello"}');
    fake.sendText('not json at all');
    await waitUntil(() => events.some((event) => event.kind === 'unreadableText'), { message: 'all four frames' });
    const text = events.filter((event) => ['orderUpdate', 'serverError', 'serverMessage', 'unreadableText'].includes(event.kind));
    expect(text).toEqual([
      { kind: 'orderUpdate', connection: 0, order },
      { kind: 'serverError', connection: 0, message: 'Invalid token' },
      { kind: 'serverMessage', connection: 0, message: 'hello' },
      { kind: 'unreadableText', connection: 0, reason: 'not JSON', text: 'not json at all' },
    ]);
  });

  it('a malformed binary message delivers its readable packets and reports the rest', async () => {
    const { fake, client, events, packets } = await connectedHarness();
    client.subscribe([A]);
    fake.sendBinary(wireMessage([new WireBytes().u32(A).u32(1).u32(2), new WireBytes().u32(A).i32(777)]));
    await waitUntil(() => events.some((event) => event.kind === 'malformedBinary'), { message: 'malformed report' });
    expect(packets).toEqual([{ kind: 'ltp', token: A, lastPrice: 777, connection: 0 }]);
    expect(events.find((event) => event.kind === 'malformedBinary')).toMatchObject({ summary: { skippedLengths: [12], parsedPackets: 1 } });
  });

  it('ticker-reconnect-resubscribes: a drop mid-stream ⇒ reconnect with backoff, same subscriptions and modes again', async () => {
    const { fake, client, events, packets } = await connectedHarness();
    client.subscribe([A, B, C]);
    client.setMode('full', [A]);
    client.setMode('ltp', [C]);
    await waitUntil(() => fake.openConnections()[0]?.subscriptions.get(C) === 'ltp', { message: 'modes at the server' });
    const before = serverModes(fake);
    fake.publish([snapshot(A, 100), snapshot(B, 200), snapshot(C, 300)]);
    await waitUntil(() => packets.length === 3, { message: 'ticks before the drop' });

    const firstConnection = fake.openConnections()[0]!.id;
    const requestsBefore = fake.requests.length;
    fake.refuseConnections(2); // the first two reconnects fail: the delays must grow
    fake.dropConnections();
    await waitUntil(() => fake.openConnections()[0]?.id !== undefined && fake.openConnections()[0]?.id !== firstConnection && serverModes(fake).length === 3, {
      message: 'reconnected and resubscribed',
    });
    expect(serverModes(fake)).toEqual(before);
    const again = fake.requests.slice(requestsBefore);
    expect(again[0]).toMatchObject({ action: 'subscribe', tokens: expect.arrayContaining([A, B, C]) });
    expect(again.slice(1).map(({ action, mode, tokens }) => ({ action, mode, tokens }))).toEqual([
      { action: 'mode', mode: 'ltp', tokens: [C] },
      { action: 'mode', mode: 'quote', tokens: [B] },
      { action: 'mode', mode: 'full', tokens: [A] },
    ]);

    const disconnects = events.filter((event) => event.kind === 'disconnected');
    expect(disconnects.map((event) => event.kind === 'disconnected' && event.reason)).toEqual(['connection-lost', 'connect-failed', 'connect-failed']);
    const retries = events.filter((event) => event.kind === 'reconnecting');
    expect(retries.map((event) => event.kind === 'reconnecting' && event.attempt)).toEqual([1, 2, 3]);
    retries.forEach((event, index) => {
      // Equal jitter: attempt n waits between half and all of 100 ms × 2^(n−1).
      const step = 100 * 2 ** index;
      expect(event.kind === 'reconnecting' && event.delayMs).toBeGreaterThanOrEqual(step / 2);
      expect(event.kind === 'reconnecting' && event.delayMs).toBeLessThanOrEqual(step);
    });

    fake.publish([snapshot(A, 101), snapshot(B, 201), snapshot(C, 301)]);
    await waitUntil(() => packets.length === 6, { message: 'ticks after the reconnect' });
    expect(packets.slice(3).map((packet) => [packet.token, packet.kind, packet.lastPrice])).toEqual([
      [A, 'full', 101],
      [B, 'quote', 201],
      [C, 'ltp', 301],
    ]);
  });

  it('heartbeats keep a quiet connection alive; silence past the read timeout reconnects and resubscribes', async () => {
    const { fake, client, events } = await connectedHarness({ readTimeoutMs: 1_000 }, 50);
    client.subscribe([A], 'full');
    await waitUntil(() => serverModes(fake).length === 1, { message: 'subscribed' });
    await sleep(2_500); // no ticks at all, only heartbeats every 50 ms
    expect(events.filter((event) => event.kind === 'disconnected')).toEqual([]);

    const firstConnection = fake.openConnections()[0]!.id;
    fake.silence();
    await waitUntil(() => events.some((event) => event.kind === 'disconnected' && event.reason === 'read-timeout'), { message: 'read timeout', timeoutMs: 15_000 });
    await waitUntil(() => fake.openConnections().some((connection) => connection.id !== firstConnection && connection.subscriptions.get(A) === 'full'), {
      message: 'a new connection with A in full mode',
    });
  });

  it('spreads 3,000 tokens per connection over up to 3 connections, and refuses a 9,001st clearly', async () => {
    const { fake, client, packets } = await connectedHarness();
    client.subscribe(range(1, 3_500));
    await waitUntil(() => fake.openConnections().map((connection) => connection.subscriptions.size).join() === '3000,500', { message: '3,000 + 500' });
    client.subscribe(range(100_001, 5_500), 'full');
    await waitUntil(() => fake.openConnections().map((connection) => connection.subscriptions.size).join() === '3000,3000,3000', { message: '3 × 3,000' });
    expect(fake.peakOpenConnections).toBe(3);

    expect(() => client.subscribe([999_999])).toThrow(expect.objectContaining({ code: 'KITE_TICKER_CAPACITY' }));
    expect(() => client.subscribe([999_999])).toThrow(/at most 3,000 instruments per connection and 3 connections per API key \(9,000 in all\)/);
    expect(client.status().subscribed).toBe(9_000);

    const onThird = fake.openConnections()[2]!;
    const token = [...onThird.subscriptions.keys()][0]!;
    fake.publish([snapshot(token, 5_000)]);
    await waitUntil(() => packets.length === 1, { message: 'a tick from the third connection' });
    expect(packets[0]).toMatchObject({ token, kind: 'full', connection: 2 });
    expect(fake.attempts).toMatchObject({ accepted: 3, tooManyConnections: 0 });
  });

  it('a bad token is reported clearly and not retried; a new token resumes', async () => {
    const { fake, client, events } = await harness({ accessToken: 'expired', reconnect: { initialMs: 10, maxMs: 20 } });
    client.subscribe([A]);
    client.connect();
    await waitUntil(() => events.some((event) => event.kind === 'authFailed'), { message: 'auth failure' });
    await sleep(400); // with a 10–20 ms backoff a retry loop would have made dozens of attempts by now
    expect(fake.attempts.badToken).toBe(1);
    expect(events.filter((event) => event.kind === 'authFailed')).toEqual([
      { kind: 'authFailed', connection: 0, status: 403, message: expect.stringMatching(/HTTP 403.*api_key or access_token is invalid or expired.*not retrying/) },
    ]);
    expect(client.status().connections[0]?.state).toBe('auth-failed');

    client.setAccessToken('token');
    await waitUntil(() => fake.openConnections()[0]?.subscriptions.get(A) === 'quote', { message: 'resumed with the new token' });
  });

  it('a token expiring mid-session stops every connection after one refused attempt each', async () => {
    const { fake, client, events } = await connectedHarness({ reconnect: { initialMs: 10, maxMs: 20 } });
    client.subscribe(range(1, 3_500));
    await waitUntil(() => fake.openConnections().length === 2, { message: 'two connections' });
    fake.setAccessToken('rotated');
    fake.dropConnections();
    await waitUntil(() => client.status().connections.filter((connection) => connection.state === 'auth-failed').length === 2, { message: 'both stopped' });
    await sleep(400);
    expect(fake.attempts.badToken).toBeLessThanOrEqual(2);
    expect(events.filter((event) => event.kind === 'authFailed').length).toBe(fake.attempts.badToken);
    expect(client.status().connections.map((connection) => connection.state)).toEqual(['auth-failed', 'auth-failed', 'idle']);
  });

  it('closes cleanly: sockets closed, no reconnect, further calls refused', async () => {
    const { fake, client, events } = await connectedHarness({ reconnect: { initialMs: 10, maxMs: 20 } });
    client.subscribe([A]);
    await waitUntil(() => serverModes(fake).length === 1, { message: 'subscribed' });
    await client.close();
    await waitUntil(() => fake.openConnections().length === 0, { message: 'server sees the close' });
    await sleep(200);
    expect(fake.attempts.accepted).toBe(1);
    expect(events.filter((event) => event.kind === 'reconnecting')).toEqual([]);
    expect(() => client.subscribe([B])).toThrow(expect.objectContaining({ code: 'KITE_TICKER_CLOSED' }));
  });
});
