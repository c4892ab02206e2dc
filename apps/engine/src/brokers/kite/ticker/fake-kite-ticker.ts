import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { parseRequestUrl } from '../../guarded-request-listener.ts';
import { encodeTickerMessage, HEARTBEAT_MESSAGE } from './ticker-encoder.ts';
import { DEFAULT_TICKER_MODE, isTradableToken, TICKER_MODES, type FullPacket, type KitePacket, type TickerMode } from './ticker-packet.ts';

/**
 * A fake KiteTicker (wss://ws.kite.trade) for tests and simulated accounts, speaking Kite's wire
 * protocol: `?api_key=…&access_token=…` on the upgrade (HTTP 403 when wrong, as Kite does), JSON
 * requests `{"a":"subscribe"|"unsubscribe","v":[tokens]}` and `{"a":"mode","v":[mode,[tokens]]}`,
 * binary tick messages encoded per each connection's modes, 1-byte heartbeats, and text frames
 * (`{"type":"order"|"error"|"message","data":…}`).
 *
 * Kite does not document what it answers past 3,000 tokens on a connection or past 3 connections
 * per API key; the fake's choices: the excess tokens are ignored with an `error` text frame, and a
 * 4th connection is refused with HTTP 429. Kite also does not say whether every connection of a
 * user receives the order updates; the fake sends them on every open connection.
 *
 * Faults on demand: `dropConnections` (cut mid-stream, no close frame), `silence` (the current
 * sockets stay open but receive nothing, not even heartbeats — a client's read timeout must
 * notice), `refuseConnections(n)` (the next n upgrades are reset before any answer).
 */

/** Everything Kite knows about an instrument at one moment; `publish` cuts it down to each subscriber's mode. */
export type FakeMarketSnapshot = Omit<FullPacket, 'kind'> & {
  /** Indices only: Kite's price-change field (defaults to last − close). */
  priceChange?: number;
};

export type FakeTickerRequest = { connection: number; action: 'subscribe' | 'unsubscribe' | 'mode'; tokens: number[]; mode?: TickerMode };

export type FakeTickerConnectionInfo = {
  id: number;
  apiKey: string;
  open: boolean;
  silenced: boolean;
  subscriptions: ReadonlyMap<number, TickerMode>;
};

export type FakeKiteTickerOptions = {
  apiKey: string;
  accessToken: string;
  host?: string;
  port?: number;
  /** Kite sends a 1-byte heartbeat about every second. */
  heartbeatIntervalMs?: number;
};

export type FakeKiteTicker = {
  /** ws://host:port — give it to the client as its `url`. */
  url: string;
  port: number;
  /** Every connection accepted so far, oldest first (closed ones too). */
  connections(): FakeTickerConnectionInfo[];
  /** Live connections only. */
  openConnections(): FakeTickerConnectionInfo[];
  /** Every request read from any client, in arrival order. */
  readonly requests: readonly FakeTickerRequest[];
  /** Upgrade attempts by outcome. */
  readonly attempts: { accepted: number; badToken: number; tooManyConnections: number; refused: number };
  /** Most connections open at once. */
  readonly peakOpenConnections: number;
  /** Streams the snapshots to every connection subscribed to them, one binary message per connection; returns packets sent. */
  publish(snapshots: readonly FakeMarketSnapshot[]): number;
  /** An order update text frame (`data` is postback-shaped) to every open connection. */
  sendOrderUpdate(order: Record<string, unknown>): void;
  /** Any text frame, as is (e.g. garbage, or `{"type":"message","data":"…"}`). */
  sendText(text: string): void;
  /** Raw binary frame to every open connection (malformed-input tests). */
  sendBinary(data: Uint8Array): void;
  dropConnections(): void;
  silence(): void;
  refuseConnections(count: number): void;
  /** The token Kite accepts from now on (the old one gets 403 on the next connect). */
  setAccessToken(accessToken: string): void;
  close(): Promise<void>;
};

const TokensSchema = z.array(z.number().int().positive().max(0xffff_ffff));
const RequestSchema = z.discriminatedUnion('a', [
  z.object({ a: z.literal('subscribe'), v: TokensSchema }),
  z.object({ a: z.literal('unsubscribe'), v: TokensSchema }),
  z.object({ a: z.literal('mode'), v: z.tuple([z.enum(TICKER_MODES), TokensSchema]) }),
]);

// Kite's documented limits, stated here on their own (not imported from the client under test).
const TOKENS_PER_CONNECTION = 3_000;
const CONNECTIONS_PER_API_KEY = 3;

type Session = { id: number; apiKey: string; socket: WebSocket; silenced: boolean; subscriptions: Map<number, TickerMode> };

/** The packet Kite sends for this snapshot in this mode (indices have their own 28/32-byte shapes). */
export function packetForMode(snapshot: FakeMarketSnapshot, mode: TickerMode): KitePacket {
  const { token, lastPrice } = snapshot;
  if (mode === 'ltp') return { kind: 'ltp', token, lastPrice };
  if (!isTradableToken(token)) {
    const { high, low, open, close } = snapshot;
    const index = { token, lastPrice, high, low, open, close, priceChange: snapshot.priceChange ?? lastPrice - close };
    return mode === 'quote' ? { kind: 'indexQuote', ...index } : { kind: 'indexFull', ...index, exchangeTimestampSeconds: snapshot.exchangeTimestampSeconds };
  }
  const { priceChange: _unused, ...full } = snapshot;
  if (mode === 'full') return { kind: 'full', ...full };
  const { lastTradedQuantity, averageTradedPrice, volumeTraded, totalBuyQuantity, totalSellQuantity, open, high, low, close } = snapshot;
  return { kind: 'quote', token, lastPrice, lastTradedQuantity, averageTradedPrice, volumeTraded, totalBuyQuantity, totalSellQuantity, open, high, low, close };
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startFakeKiteTicker(options: FakeKiteTickerOptions): Promise<FakeKiteTicker> {
  let accessToken = options.accessToken;
  const sessions: Session[] = [];
  const requests: FakeTickerRequest[] = [];
  const attempts = { accepted: 0, badToken: 0, tooManyConnections: 0, refused: 0 };
  let refuseNext = 0;
  let peakOpen = 0;
  const live = (): Session[] => sessions.filter((session) => session.socket.readyState === session.socket.OPEN);
  const sendError = (session: Session, message: string): void => session.socket.send(JSON.stringify({ type: 'error', data: message }));

  const server = createServer((_request, response) => response.writeHead(426).end());
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (refuseNext > 0) {
      refuseNext -= 1;
      attempts.refused += 1;
      socket.destroy();
      return;
    }
    // A target `new URL` cannot read would throw here, in a synchronous 'upgrade' listener: an uncaught exception.
    const query = parseRequestUrl(request.url, 'http://fake')?.searchParams;
    if (!query) {
      refuseUpgrade(socket, 400, 'Bad Request');
      return;
    }
    const apiKey = query.get('api_key') ?? '';
    if (apiKey !== options.apiKey || query.get('access_token') !== accessToken) {
      attempts.badToken += 1;
      refuseUpgrade(socket, 403, 'Forbidden');
      return;
    }
    if (live().filter((session) => session.apiKey === apiKey).length >= CONNECTIONS_PER_API_KEY) {
      attempts.tooManyConnections += 1;
      refuseUpgrade(socket, 429, 'Too Many Requests');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      attempts.accepted += 1;
      const session: Session = { id: sessions.length, apiKey, socket: ws, silenced: false, subscriptions: new Map() };
      sessions.push(session);
      peakOpen = Math.max(peakOpen, live().length);
      ws.on('message', (data, isBinary) => onRequest(session, isBinary ? null : String(data)));
      ws.on('error', () => undefined);
    });
  });

  function onRequest(session: Session, text: string | null): void {
    let parsed: z.infer<typeof RequestSchema> | null = null;
    try {
      const result = RequestSchema.safeParse(JSON.parse(text ?? ''));
      if (result.success) parsed = result.data;
    } catch {
      parsed = null;
    }
    if (!parsed) {
      sendError(session, 'Invalid message.');
      return;
    }
    const { subscriptions } = session;
    if (parsed.a === 'mode') {
      const [mode, tokens] = parsed.v;
      requests.push({ connection: session.id, action: 'mode', tokens, mode });
      // Kite ignores a mode for tokens that are not subscribed.
      for (const token of tokens) if (subscriptions.has(token)) subscriptions.set(token, mode);
      return;
    }
    requests.push({ connection: session.id, action: parsed.a, tokens: parsed.v });
    if (parsed.a === 'unsubscribe') {
      for (const token of parsed.v) subscriptions.delete(token);
      return;
    }
    let ignored = 0;
    for (const token of parsed.v) {
      if (subscriptions.has(token)) continue;
      if (subscriptions.size >= TOKENS_PER_CONNECTION) ignored += 1;
      else subscriptions.set(token, DEFAULT_TICKER_MODE);
    }
    if (ignored > 0) sendError(session, `Subscription limit of ${TOKENS_PER_CONNECTION} instruments per connection reached: ${ignored} ignored.`);
  }

  const heartbeat = setInterval(() => {
    for (const session of live()) if (!session.silenced) session.socket.send(HEARTBEAT_MESSAGE);
  }, options.heartbeatIntervalMs ?? 1_000);
  heartbeat.unref();

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const info = (session: Session): FakeTickerConnectionInfo => ({
    id: session.id,
    apiKey: session.apiKey,
    open: session.socket.readyState === session.socket.OPEN,
    silenced: session.silenced,
    subscriptions: new Map(session.subscriptions),
  });
  const audible = (): Session[] => live().filter((session) => !session.silenced);

  return {
    url: `ws://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    connections: () => sessions.map(info),
    openConnections: () => live().map(info),
    requests,
    attempts,
    get peakOpenConnections() {
      return peakOpen;
    },
    publish(snapshots) {
      let sent = 0;
      for (const session of audible()) {
        const packets: KitePacket[] = [];
        for (const snapshot of snapshots) {
          const mode = session.subscriptions.get(snapshot.token);
          if (mode) packets.push(packetForMode(snapshot, mode));
        }
        // Kite's count field is uint16: a larger batch goes out as several messages.
        for (let start = 0; start < packets.length; start += 0xffff) session.socket.send(encodeTickerMessage(packets.slice(start, start + 0xffff)));
        sent += packets.length;
      }
      return sent;
    },
    sendOrderUpdate(order) {
      const text = JSON.stringify({ type: 'order', data: order });
      for (const session of audible()) session.socket.send(text);
    },
    sendText(text) {
      for (const session of audible()) session.socket.send(text);
    },
    sendBinary(data) {
      for (const session of audible()) session.socket.send(data, { binary: true });
    },
    dropConnections() {
      for (const session of live()) session.socket.terminate();
    },
    silence() {
      for (const session of live()) session.silenced = true;
    },
    refuseConnections(count) {
      refuseNext = count;
    },
    setAccessToken(token) {
      accessToken = token;
    },
    async close() {
      clearInterval(heartbeat);
      for (const session of sessions) session.socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
