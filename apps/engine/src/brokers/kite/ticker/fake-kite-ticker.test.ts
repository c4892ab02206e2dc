import { waitUntil } from '@strikedesk/domain/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { sendRawHttp, UNPARSEABLE_TARGET_UPGRADE } from '../../raw-http-request.ts';
import { startFakeKiteTicker, type FakeKiteTicker, type FakeMarketSnapshot } from './fake-kite-ticker.ts';
import { parseTickerMessage } from './packet-parser.ts';

const NFO_A = (48_243 << 8) | 2;
const NFO_B = (48_244 << 8) | 2;
const NFO_C = (48_245 << 8) | 2;
const NIFTY_50 = 256_265;
const NIFTY_BANK = 260_105;

function snapshot(token: number, lastPrice: number): FakeMarketSnapshot {
  const level = (offset: number) => ({ quantity: 75, price: lastPrice + offset, orders: 1 });
  return {
    token, lastPrice, lastTradedQuantity: 75, averageTradedPrice: lastPrice, volumeTraded: 1_000, totalBuyQuantity: 500, totalSellQuantity: 400,
    open: lastPrice, high: lastPrice + 10, low: lastPrice - 10, close: lastPrice - 5, lastTradeTimeSeconds: 1_764_912_000,
    openInterest: 10, openInterestDayHigh: 11, openInterestDayLow: 9, exchangeTimestampSeconds: 1_764_912_001,
    bids: [-5, -10, -15, -20, -25].map(level), asks: [5, 10, 15, 20, 25].map(level),
  };
}

type RawClient = { socket: WebSocket; binary: Buffer[]; text: string[] };

let fake: FakeKiteTicker | null = null;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await fake?.close();
  fake = null;
});

async function start(): Promise<FakeKiteTicker> {
  fake = await startFakeKiteTicker({ apiKey: 'key', accessToken: 'token', heartbeatIntervalMs: 50 });
  return fake;
}

/** Connects a raw ws client; resolves once open, or with the HTTP status the upgrade was refused with. */
function connect(url: string, query = 'api_key=key&access_token=token'): Promise<RawClient | { status: number }> {
  const socket = new WebSocket(`${url}?${query}`);
  sockets.push(socket);
  const client: RawClient = { socket, binary: [], text: [] };
  socket.on('message', (data, isBinary) => (isBinary ? client.binary.push(data as Buffer) : client.text.push(String(data))));
  return new Promise((resolve, reject) => {
    socket.on('open', () => resolve(client));
    socket.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    socket.on('error', reject);
  });
}

async function connected(url: string): Promise<RawClient> {
  const client = await connect(url);
  if (!('socket' in client)) throw new Error(`refused with ${client.status}`);
  return client;
}

describe('fake KiteTicker', () => {
  it('refuses a wrong access token or api key with HTTP 403, as Kite does', async () => {
    const server = await start();
    expect(await connect(server.url, 'api_key=key&access_token=expired')).toEqual({ status: 403 });
    expect(await connect(server.url, 'api_key=other&access_token=token')).toEqual({ status: 403 });
    expect(await connect(server.url, '')).toEqual({ status: 403 });
    expect(server.attempts).toMatchObject({ badToken: 3, accepted: 0 });
  });

  it('refuses an upgrade whose target it cannot read with HTTP 400 and goes on accepting connections', async () => {
    const server = await start();
    expect(await sendRawHttp(Number(new URL(server.url).port), UNPARSEABLE_TARGET_UPGRADE)).toBe(400);
    await connected(server.url);
    expect(server.attempts).toMatchObject({ accepted: 1, badToken: 0 });
  });

  it('sends 1-byte heartbeats', async () => {
    const server = await start();
    const client = await connected(server.url);
    await waitUntil(() => client.binary.some((message) => message.length === 1), { message: 'a heartbeat' });
  });

  it('encodes each subscriber its mode: ltp, quote, full, index quote, index full', async () => {
    const server = await start();
    const client = await connected(server.url);
    client.socket.send(JSON.stringify({ a: 'subscribe', v: [NFO_A, NFO_B, NFO_C, NIFTY_50, NIFTY_BANK] }));
    client.socket.send(JSON.stringify({ a: 'mode', v: ['ltp', [NFO_A]] }));
    client.socket.send(JSON.stringify({ a: 'mode', v: ['full', [NFO_C, NIFTY_BANK]] }));
    await waitUntil(() => server.openConnections()[0]?.subscriptions.get(NIFTY_BANK) === 'full', { message: 'modes applied' });
    server.publish([NFO_A, NFO_B, NFO_C, NIFTY_50, NIFTY_BANK].map((token) => snapshot(token, 10_000)));
    const message = await waitUntil(() => client.binary.find((data) => data.length > 1), { message: 'ticks' });
    expect(parseTickerMessage(message).packets.map((packet) => [packet.token, packet.kind])).toEqual([
      [NFO_A, 'ltp'],
      [NFO_B, 'quote'],
      [NFO_C, 'full'],
      [NIFTY_50, 'indexQuote'],
      [NIFTY_BANK, 'indexFull'],
    ]);
  });

  it('ignores a mode for tokens not subscribed, and stops streaming unsubscribed ones', async () => {
    const server = await start();
    const client = await connected(server.url);
    client.socket.send(JSON.stringify({ a: 'mode', v: ['full', [NFO_A]] }));
    client.socket.send(JSON.stringify({ a: 'subscribe', v: [NFO_A, NFO_B] }));
    client.socket.send(JSON.stringify({ a: 'unsubscribe', v: [NFO_B] }));
    await waitUntil(() => server.requests.length === 3, { message: 'three requests read' });
    expect([...(server.openConnections()[0]?.subscriptions ?? [])]).toEqual([[NFO_A, 'quote']]);
    expect(server.publish([snapshot(NFO_A, 1), snapshot(NFO_B, 2)])).toBe(1);
  });

  it('keeps at most 3,000 tokens per connection and says so in an error frame', async () => {
    const server = await start();
    const client = await connected(server.url);
    client.socket.send(JSON.stringify({ a: 'subscribe', v: Array.from({ length: 3_002 }, (_, index) => index + 1) }));
    const error = await waitUntil(() => client.text.find((text) => text.includes('"error"')), { message: 'an error frame' });
    expect(JSON.parse(error)).toEqual({ type: 'error', data: expect.stringMatching(/3000 instruments per connection.*2 ignored/) });
    expect(server.openConnections()[0]?.subscriptions.size).toBe(3_000);
  });

  it('answers an unreadable request with an error frame', async () => {
    const server = await start();
    const client = await connected(server.url);
    client.socket.send('{"a":"subscribe","v":"all"}');
    await waitUntil(() => client.text.some((text) => JSON.parse(text).type === 'error'), { message: 'an error frame' });
  });

  it('refuses a 4th connection for the same API key', async () => {
    const server = await start();
    for (let index = 0; index < 3; index += 1) await connected(server.url);
    expect(await connect(server.url)).toEqual({ status: 429 });
    expect(server.attempts).toMatchObject({ accepted: 3, tooManyConnections: 1 });
    expect(server.peakOpenConnections).toBe(3);
  });

  it('faults: silence stops heartbeats on the current sockets; refuse resets the next upgrades', async () => {
    const server = await start();
    const client = await connected(server.url);
    await waitUntil(() => client.binary.length > 0, { message: 'a heartbeat' });
    server.silence();
    await new Promise((resolve) => setTimeout(resolve, 150)); // let frames already sent arrive
    const count = client.binary.length;
    await new Promise((resolve) => setTimeout(resolve, 300)); // six heartbeat periods
    expect(client.binary.length).toBe(count);
    server.refuseConnections(1);
    await expect(connect(server.url)).rejects.toThrow();
    expect(server.attempts.refused).toBe(1);
    await connected(server.url);
  });
});
