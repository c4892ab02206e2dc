import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { guardedRequestListener, type ServerErrorLogger } from '../../guarded-request-listener.ts';
import { authorised, failure, readBody, success } from './fake-xts-http.ts';
import {
  FAKE_SEGMENT_CODES,
  fakeIndexQuote,
  fullMessage,
  indexListEntry,
  masterRow,
  partialFields,
  partialMessage,
  type FakeXtsMdIndex,
  type FakeXtsMdInstrument,
  type FakeXtsMdListed,
  type FakeXtsQuote,
} from './fake-xts-market-payloads.ts';

/**
 * A fake XTS Market Data API: REST under `<prefix>` (default `/apimarketdata`) — login, logout,
 * subscribe (POST) / unsubscribe (PUT) `instruments/subscription`, `instruments/quotes`,
 * `instruments/master`, `instruments/indexlist` — and the socket at `<prefix>/socket.io`
 * (socket.io 4 with `allowEIO3`, so clients of either Engine.IO version join, as the interactive
 * fake does). It publishes the JSON full or partial messages (per socket, by its `broadcastMode`)
 * of what the session subscribed, derivatives and indices alike, whenever a test moves a price
 * (`setPrice`, `setIndex`), and plays faults on demand.
 *
 * Like XTS (as reported by its users), subscriptions belong to the session, not to the socket:
 * subscribing again answers 400 e-session-0002 "Instrument Already Subscribed !" — for the whole
 * batch, subscribing none of it. `dropSockets({ forgetSubscriptions: true })` plays a server that
 * lost them with the socket. Success codes other than quotes' (s-quotes-0001) are not documented;
 * the client reads none of them.
 */
export type FakeXtsMdFaults = {
  /** The next N REST requests are answered 429. */
  rateLimitNext: number;
  /** While true, socket connections are refused ("Service unavailable") and nothing is delivered. */
  socketsDown: boolean;
  /** While true, `instruments/indexlist` is answered 404, as by a deployment without it. */
  noIndexList: boolean;
};

/** An enforced limit: requests arriving beyond `limit` within any `windowMs` are answered 429. */
export type FakeXtsMdLimit = { limit: number; windowMs: number };

export type FakeXtsMarketDataOptions = {
  instruments: FakeXtsMdInstrument[];
  /** Indices of the cash segments: listed by `instruments/indexlist`, streamed like the rest. */
  indices?: FakeXtsMdIndex[];
  appKey?: string;
  secretKey?: string;
  userID?: string;
  prefix?: string;
  /** Per path below the prefix, e.g. `/instruments/quotes`. */
  limits?: Record<string, FakeXtsMdLimit>;
  /** Where a request that failed unexpectedly is reported (stderr when absent). */
  logger?: ServerErrorLogger;
};

export type RunningFakeXtsMarketData = {
  url: string;
  appKey: string;
  secretKey: string;
  prefix: string;
  faults: FakeXtsMdFaults;
  /** Every REST request as it arrived (path below the prefix, query, body) and how it was answered. */
  requests: { method: string; path: string; at: number; status: number; query: Record<string, string>; body: Record<string, unknown> }[];
  /** handshakes: socket connection attempts (refused ones too); tooManyRequests: 429s sent by an enforced limit. */
  stats: { handshakes: number; refused: number; tooManyRequests: number };
  /** Engine.IO protocol of each socket that joined, in order. */
  socketProtocols: number[];
  /** `<segment>_<id>` of each instrument the session has subscribed with this code. */
  subscribed(code: number): string[];
  quote(exchangeInstrumentId: number): FakeXtsQuote;
  /** Moves an instrument's quote (updatedAt defaults to now) and publishes it to every subscriber. */
  setPrice(exchangeInstrumentId: number, change: Partial<FakeXtsQuote>): void;
  /** Publishes the instrument's current quote again. */
  publish(exchangeInstrumentId: number): void;
  /** An index's quote (`segment` only where both cash segments list the id). */
  indexQuote(exchangeInstrumentId: number, segment?: FakeXtsMdIndex['segment']): FakeXtsQuote;
  /** Moves an index (its value is `lastPaise`; updatedAt defaults to now) and publishes it to every subscriber. */
  setIndex(exchangeInstrumentId: number, change: Partial<Pick<FakeXtsQuote, 'lastPaise' | 'openPaise' | 'highPaise' | 'lowPaise' | 'closePaise' | 'updatedAt'>>, segment?: FakeXtsMdIndex['segment']): void;
  /** Someone logged in with the same app key: our token dies, our sockets get `logout` and are dropped. */
  loginElsewhere(): void;
  /** The token stops being accepted; optionally the sockets are dropped too (without a logout event). */
  expireToken(options?: { dropSockets?: boolean }): void;
  /** Drops every socket mid-stream; `forgetSubscriptions` also loses the session's subscriptions. */
  dropSockets(options?: { forgetSubscriptions?: boolean }): void;
  close(): Promise<void>;
};

const STREAMED_CODES = new Set([1501, 1502, 1510, 1512]);

const listedKey = (row: FakeXtsMdListed): string => `${FAKE_SEGMENT_CODES[row.segment]}_${row.exchangeInstrumentId}`;

export function defaultFakeQuote(): FakeXtsQuote {
  return {
    lastPaise: 10_000,
    lastQuantity: 75,
    volume: 0,
    openPaise: 10_000,
    highPaise: 10_000,
    lowPaise: 10_000,
    closePaise: 10_000,
    totalBuy: 0,
    totalSell: 0,
    bids: [{ pricePaise: 9_995, size: 75, orders: 1 }],
    asks: [{ pricePaise: 10_005, size: 75, orders: 1 }],
    openInterest: 0,
    updatedAt: Date.now(),
  };
}

export async function startFakeXtsMarketData(options: FakeXtsMarketDataOptions): Promise<RunningFakeXtsMarketData> {
  const appKey = options.appKey ?? 'fake-md-app-key';
  const secretKey = options.secretKey ?? 'fake-md-secret';
  const userID = options.userID ?? 'XTS01';
  const prefix = options.prefix ?? '/apimarketdata';
  const faults: FakeXtsMdFaults = { rateLimitNext: 0, socketsDown: false, noIndexList: false };
  const requests: RunningFakeXtsMarketData['requests'] = [];
  const stats = { handshakes: 0, refused: 0, tooManyRequests: 0 };
  const socketProtocols: number[] = [];
  const indices = options.indices ?? [];
  // Everything streamed is keyed `<segment code>_<id>`, as XTS writes it: an index id may repeat a derivative's.
  const listed = new Map<string, FakeXtsMdListed>([...options.instruments, ...indices].map((row) => [listedKey(row), row]));
  const quotes = new Map<string, FakeXtsQuote>([
    ...options.instruments.map((row) => [listedKey(row), defaultFakeQuote()] as const),
    ...indices.map((row) => [listedKey(row), fakeIndexQuote(row.valuePaise)] as const),
  ]);
  const subscriptions = new Map<number, Set<string>>([...STREAMED_CODES].map((code) => [code, new Set<string>()]));
  /** Per socket, the partial fields last sent per `<code>:<key>`: a partial carries only what changed. */
  const lastPartial = new Map<string, Map<string, Map<string, string>>>();
  const hits = new Map<string, number[]>();
  let token: string | null = null;
  let sessions = 0;

  const http = createServer(guardedRequestListener({ name: 'fake XTS market data', base: 'http://fake', handle: route, logger: options.logger }));
  const io = new Server(http, { path: `${prefix}/socket.io`, allowEIO3: true, transports: ['websocket'], pingInterval: 1_000, pingTimeout: 2_000 });

  io.use((socket, next) => {
    stats.handshakes += 1;
    const query = socket.handshake.query;
    const refuse = (message: string) => {
      stats.refused += 1;
      next(new Error(message));
    };
    if (faults.socketsDown) return refuse('Service unavailable');
    if (token === null || query['token'] !== token || query['userID'] !== userID) return refuse('Invalid Token');
    next();
  });
  io.on('connection', (socket: Socket) => {
    socketProtocols.push(socket.conn.protocol);
    socket.data = { partial: /^partial$/i.test(String(socket.handshake.query['broadcastMode'] ?? '')) };
    lastPartial.set(socket.id, new Map());
    socket.on('disconnect', () => lastPartial.delete(socket.id));
    socket.emit('joined', 'Joined');
  });

  const instrumentOf = (segment: unknown, id: unknown) => listed.get(`${Number(segment)}_${Number(id)}`);
  const quoteAt = (key: string): FakeXtsQuote => {
    const quote = quotes.get(key);
    if (!quote) throw new Error(`fake XTS market data: nothing listed as ${key}`);
    return quote;
  };
  /** A derivative by id, as tests name them. */
  const derivativeKey = (id: number): string => {
    const row = options.instruments.find((instrument) => instrument.exchangeInstrumentId === id);
    if (!row) throw new Error(`fake XTS market data: no instrument ${id}`);
    return listedKey(row);
  };
  const indexKey = (id: number, segment?: FakeXtsMdIndex['segment']): string => {
    const found = indices.filter((row) => row.exchangeInstrumentId === id && (segment === undefined || row.segment === segment));
    const [row] = found;
    if (!row || found.length > 1) throw new Error(`fake XTS market data: ${found.length > 1 ? 'say the segment of' : 'no'} index ${id}`);
    return listedKey(row);
  };

  function publishKey(key: string): void {
    const instrument = listed.get(key);
    if (!instrument || faults.socketsDown) return;
    const quote = quoteAt(key);
    for (const [code, keys] of subscriptions) {
      if (!keys.has(key)) continue;
      for (const socket of io.sockets.sockets.values()) {
        if (!(socket.data as { partial?: boolean }).partial) {
          // XTS sends every full message as a JSON string.
          socket.emit(`${code}-json-full`, JSON.stringify(fullMessage(code, instrument, quote)));
          continue;
        }
        const sent = lastPartial.get(socket.id);
        if (!sent) continue;
        const sentKey = `${code}:${key}`;
        const before = sent.get(sentKey);
        const now = partialFields(code, instrument, quote);
        const changed = new Map([...now].filter(([field, value]) => before?.get(field) !== value));
        sent.set(sentKey, now);
        if (changed.size > 0) socket.emit(`${code}-json-partial`, partialMessage(instrument, changed));
      }
    }
  }

  function overLimit(path: string): boolean {
    const rule = options.limits?.[path];
    if (!rule) return false;
    const now = Date.now();
    const recent = (hits.get(path) ?? []).filter((at) => at > now - rule.windowMs);
    const over = recent.length >= rule.limit;
    if (!over) recent.push(now);
    hits.set(path, recent);
    return over;
  }

  /** The instruments of a request body, or null when one is missing or unknown. */
  function instrumentsOf(body: Record<string, unknown>): FakeXtsMdListed[] | null {
    const list = body['instruments'];
    if (!Array.isArray(list) || list.length === 0) return null;
    const found = list.map((row: unknown) => (typeof row === 'object' && row !== null ? instrumentOf((row as Record<string, unknown>)['exchangeSegment'], (row as Record<string, unknown>)['exchangeInstrumentID']) : undefined));
    return found.every((row) => row !== undefined) ? (found as FakeXtsMdListed[]) : null;
  }

  const badRequest = (response: ServerResponse, field: string, message: string) =>
    failure(response, 400, 'e-app-001', 'Bad Request', { status: 400, errors: [{ field: [field], location: 'body', messages: [message] }] });

  const quotesResult = (code: number, instruments: FakeXtsMdListed[]) => ({
    mdp: code,
    quotesList: instruments.map((row) => ({ exchangeSegment: FAKE_SEGMENT_CODES[row.segment], exchangeInstrumentID: row.exchangeInstrumentId })),
    listQuotes: instruments.map((row) => JSON.stringify(fullMessage(code, row, quoteAt(listedKey(row))))),
  });

  async function route(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const method = request.method ?? 'GET';
    const entry: RunningFakeXtsMarketData['requests'][number] = { method, path, at: Date.now(), status: 0, query: Object.fromEntries(url.searchParams), body: {} };
    requests.push(entry);
    response.on('finish', () => {
      entry.status = response.statusCode;
    });
    if (faults.rateLimitNext > 0) {
      faults.rateLimitNext -= 1;
      return failure(response, 429, null, 'Too Many Requests');
    }
    if (overLimit(path)) {
      stats.tooManyRequests += 1;
      return failure(response, 429, null, 'Too Many Requests');
    }
    const body = await readBody(request);
    entry.body = body;
    if (path === '/auth/login' && method === 'POST') {
      if (body['appKey'] !== appKey || body['secretKey'] !== secretKey) return failure(response, 400, 'e-app-001', 'Invalid credentials', { status: 400, errors: [] });
      loginElsewhere();
      // A new session starts with nothing subscribed.
      for (const ids of subscriptions.values()) ids.clear();
      token = `md-${++sessions}-${Math.random().toString(36).slice(2)}`;
      return success(response, 's-user-0001', { token, userID, appVersion: 'fake', application_expiry_date: '2099-12-31' }, 'Login successful');
    }
    if (!authorised(request, response, token)) return;
    if (path === '/auth/logout' && method === 'DELETE') {
      token = null;
      io.disconnectSockets(true);
      return success(response, 's-user-0004', {}, 'User logged out');
    }
    if (path === '/instruments/subscription' && (method === 'POST' || method === 'PUT')) {
      const code = Number(body['xtsMessageCode']);
      const ids = subscriptions.get(code);
      if (!ids) return badRequest(response, 'xtsMessageCode', 'unsupported message code');
      const instruments = instrumentsOf(body);
      if (!instruments) return badRequest(response, 'instruments', 'invalid instrument');
      if (method === 'PUT') {
        for (const row of instruments) ids.delete(listedKey(row));
        return success(response, 's-session-0001', {}, 'Instrument unsubscribed');
      }
      if (instruments.some((row) => ids.has(listedKey(row)))) {
        return failure(response, 400, 'e-session-0002', 'Instrument Already Subscribed !', { Remaining_Subscription_Count: 1_000 - ids.size });
      }
      for (const row of instruments) ids.add(listedKey(row));
      return success(response, 's-session-0001', quotesResult(code, instruments), 'Instrument subscribed');
    }
    if (path === '/instruments/quotes' && method === 'POST') {
      const code = Number(body['xtsMessageCode']);
      if (!STREAMED_CODES.has(code)) return badRequest(response, 'xtsMessageCode', 'unsupported message code');
      if (body['publishFormat'] !== 'JSON') return badRequest(response, 'publishFormat', 'publishFormat is required');
      const instruments = instrumentsOf(body);
      if (!instruments) return badRequest(response, 'instruments', 'invalid instrument');
      return success(response, 's-quotes-0001', quotesResult(code, instruments), 'Get quotes successfully!');
    }
    if (path === '/instruments/master' && method === 'POST') {
      const segments = body['exchangeSegmentList'];
      if (!Array.isArray(segments)) return badRequest(response, 'exchangeSegmentList', 'required');
      const rows = options.instruments.filter((row) => segments.includes(row.segment)).map(masterRow);
      return success(response, 's-master-0001', rows.join('\n'), 'Instrument master');
    }
    if (path === '/instruments/indexlist' && method === 'GET' && !faults.noIndexList) {
      // By number, as brokers document it (`?exchangeSegment=1`), or by name, as Symphony's Python SDK example passes it.
      const asked = (url.searchParams.get('exchangeSegment') ?? '').toUpperCase();
      const segment = (['NSECM', 'BSECM'] as const).find((name) => asked === name || asked === String(FAKE_SEGMENT_CODES[name]));
      if (!segment) return badRequest(response, 'exchangeSegment', 'invalid exchange segment');
      const indexList = indices.filter((row) => row.segment === segment).map(indexListEntry);
      return success(response, 's-instrument-0007', { exchangeSegment: String(FAKE_SEGMENT_CODES[segment]), indexList }, 'Index List successfully');
    }
    return failure(response, 404, null, 'Not found');
  }

  function loginElsewhere(): void {
    if (token === null) return;
    token = `md-${++sessions}-elsewhere`;
    for (const socket of io.sockets.sockets.values()) {
      socket.emit('logout', 'Logged in from another session');
      socket.disconnect(true);
    }
  }

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    appKey,
    secretKey,
    prefix,
    faults,
    requests,
    stats,
    socketProtocols,
    subscribed: (code) => [...(subscriptions.get(code) ?? [])],
    quote: (exchangeInstrumentId) => quoteAt(derivativeKey(exchangeInstrumentId)),
    setPrice(exchangeInstrumentId, change) {
      const key = derivativeKey(exchangeInstrumentId);
      Object.assign(quoteAt(key), { updatedAt: Date.now() }, change);
      publishKey(key);
    },
    publish: (exchangeInstrumentId) => publishKey(derivativeKey(exchangeInstrumentId)),
    indexQuote: (exchangeInstrumentId, segment) => quoteAt(indexKey(exchangeInstrumentId, segment)),
    setIndex(exchangeInstrumentId, change, segment) {
      const key = indexKey(exchangeInstrumentId, segment);
      Object.assign(quoteAt(key), { updatedAt: Date.now() }, change);
      publishKey(key);
    },
    loginElsewhere,
    expireToken(expiry = {}) {
      token = `expired-${++sessions}`;
      if (expiry.dropSockets) io.disconnectSockets(true);
    },
    dropSockets(drop = {}) {
      if (drop.forgetSubscriptions) for (const ids of subscriptions.values()) ids.clear();
      io.disconnectSockets(true);
    },
    close: async () => {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
