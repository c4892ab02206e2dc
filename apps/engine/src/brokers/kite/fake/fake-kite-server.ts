import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { guardedRequestListener, type ServerErrorLogger } from '../../guarded-request-listener.ts';
import { parseIstTimestamp } from '../rest/kite-units.ts';
import { FakeOrderBook, FakeOrderRefusal, type FakeOrder } from './fake-order-book.ts';
import { FakeInputError, parseModifyForm, parsePlaceForm } from './fake-order-requests.ts';
import { FakeKiteSessions, KiteErrorReply } from './fake-kite-sessions.ts';
import {
  basketMarginsJson,
  candlesJson,
  isCandleInterval,
  ltpJson,
  marginsJson,
  ohlcJson,
  positionsJson,
  profileJson,
  quoteJson,
  type BasketLeg,
  type FakeUser,
} from './fake-kite-payloads.ts';
import { defaultFakePrice, defaultFakeUniverse, instrumentKey, instrumentsCsvGzip, type FakeInstrument } from './fake-kite-universe.ts';

/**
 * A fake Kite Connect v3 REST server (node:http, port 0) speaking Kite's wire protocol — headers,
 * form bodies, the `{status, data}` envelope, exception names and HTTP codes, the gzipped
 * instruments CSV — over an in-memory OMS (fake-order-book.ts). Tests and "simulated Zerodha"
 * accounts point a KiteClient's base URL at it. Faults on demand: a rejection, partial fills, a slow
 * or lost acknowledgement after the order was registered, a 429 burst, an expired session.
 */
export type FakeKiteOptions = {
  host?: string;
  port?: number;
  apiKey?: string;
  apiSecret?: string;
  user?: Partial<FakeUser>;
  now?: () => number;
  universe?: readonly FakeInstrument[];
  /** Prices (paise) by "EXCHANGE:TRADINGSYMBOL"; MARKET orders fill at these. */
  prices?: Record<string, number>;
  /** Where /connect/login sends the browser back with a request_token (the Kite app's registered redirect URL). */
  redirectUrl?: string;
  /** Where every order change is POSTed as JSON (the Kite app's registered postback URL). */
  postbackUrl?: string;
  /** Cash in the equity segment, paise. */
  cash?: number;
  /** Where a request that failed unexpectedly is reported (stderr when absent). */
  logger?: ServerErrorLogger;
};

export type FakeKiteRequest = {
  method: string;
  path: string;
  query: Record<string, string[]>;
  /** Form fields, or the parsed JSON body. */
  body: unknown;
  headers: { authorization?: string; kiteVersion?: string; contentType?: string };
  /** performance.now() at arrival (monotonic ms): what rate-limit assertions measure. */
  at: number;
  status: number | null;
};

export type RateLimitFault = { count: number; path?: RegExp; textBody?: boolean; retryAfterSeconds?: number };

/**
 * Rewrites one row of an order or trade book as it is sent (how Kite writes some rows differently);
 * null leaves the row out (Kite's trades lag the order's filled quantity for a moment).
 */
export type BookRowRewrite = (row: Record<string, unknown>, book: 'orders' | 'trades') => Record<string, unknown> | null;

export type FakeKiteFaults = {
  /** The next placement is refused with an OrderException (no order is created). */
  rejectNextOrder(message?: string): void;
  /** The next placement is accepted (order id returned) and then REJECTED by the RMS. */
  rejectNextOrderAtRms(message?: string): void;
  /** The next MARKET order fills in these parts (one trade each); what is left stays OPEN. */
  partialFillNext(tranches: readonly number[]): void;
  /** The next placement is registered at once but answered only after `ms`. */
  delayNextAcknowledgement(ms: number): void;
  /** The next placement is registered, then the answer is lost: never sent ('hang') or the connection reset. */
  loseNextAcknowledgement(mode?: 'hang' | 'reset'): void;
  /** The next placement is registered, then answered with this error (Kite's OMS timing out behind its API: a 5xx). */
  failNextAcknowledgement(status: number, errorType: string, message: string): void;
  /** The next `count` requests (matching `path`) get HTTP 429, before anything else is looked at. */
  rateLimitNext(count: number, options?: Omit<RateLimitFault, 'count'>): void;
  /** Every access token stops working: TokenException (403) on every call until a new session. */
  expireSession(): void;
  /** Until cleared, every order and trade row sent (books, history, an order's trades) goes through `rewrite`. */
  rewriteBookRows(rewrite: BookRowRewrite | null): void;
  clear(): void;
};

export type RunningFakeKite = {
  url: string;
  port: number;
  apiKey: string;
  apiSecret: string;
  /** A session's access token issued at start, so tests not about login can skip it. */
  accessToken: string;
  /** What the browser login would hand back: a single-use request token. */
  issueRequestToken(): string;
  book: FakeOrderBook;
  readonly requests: readonly FakeKiteRequest[];
  setMarketPrice(key: string, paise: number): void;
  marketPrice(key: string): number;
  faults: FakeKiteFaults;
  /** What an app registration would change: the redirect and postback URLs. */
  setAppUrls(urls: { redirectUrl?: string; postbackUrl?: string }): void;
  /** Postback-shaped payloads of every order change (for a ticker / postback fake to publish). */
  onOrderUpdate(listener: (payload: Record<string, unknown>) => void): () => void;
  close(): Promise<void>;
};

const MAX_BODY = 1_000_000;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new KiteErrorReply(400, 'InputException', 'Request body too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeKiteServer(options: FakeKiteOptions = {}): Promise<RunningFakeKite> {
  const apiKey = options.apiKey ?? 'fakeapikey';
  const apiSecret = options.apiSecret ?? 'fakeapisecret';
  const user: FakeUser = { userId: 'ZX1234', userName: 'Fake Trader', email: 'trader@example.test', ...options.user };
  const now = options.now ?? (() => Date.now());
  const universe = options.universe ?? defaultFakeUniverse();
  const byKey = new Map(universe.map((instrument) => [instrumentKey(instrument), instrument]));
  const byToken = new Map(universe.map((instrument) => [instrument.instrumentToken, instrument]));
  const prices = new Map(Object.entries(options.prices ?? {}));
  const marketPrice = (key: string): number => {
    const instrument = byKey.get(key);
    return prices.get(key) ?? (instrument ? defaultFakePrice(instrument, prices.get('NSE:NIFTY 50')) : 0);
  };
  const spot = (): number => marketPrice('NSE:NIFTY 50');
  const listeners = new Set<(payload: Record<string, unknown>) => void>();
  const app = { redirectUrl: options.redirectUrl, postbackUrl: options.postbackUrl };
  const postBack = (payload: Record<string, unknown>): void => {
    if (!app.postbackUrl) return;
    // Kite posts once and does not retry; an app that misses one reads the order book.
    fetch(app.postbackUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(5_000) }).catch(
      () => undefined,
    );
  };
  const publish = (order: FakeOrder): void => {
    if (listeners.size === 0 && !app.postbackUrl) return;
    const json = book.orderJson(order);
    const checksum = createHash('sha256').update(`${order.orderId}${String(json['order_timestamp'])}${apiSecret}`).digest('hex');
    const payload = { ...json, user_id: user.userId, app_id: 1, unfilled_quantity: order.quantity - order.filledQuantity - order.cancelledQuantity, checksum };
    for (const listener of listeners) listener(payload);
    postBack(payload);
  };
  const book = new FakeOrderBook({ now, userId: user.userId, marketPrice, onUpdate: publish });

  const sessions = new FakeKiteSessions(apiKey, apiSecret, user, now);
  const requests: FakeKiteRequest[] = [];
  const pendingTimers = new Set<NodeJS.Timeout>();
  const state = {
    reject: null as string | null,
    rmsReject: null as string | null,
    tranches: null as readonly number[] | null,
    delayAckMs: 0,
    loseAck: null as 'hang' | 'reset' | null,
    failAck: null as KiteErrorReply | null,
    rateLimit: null as RateLimitFault | null,
    rewriteRows: null as BookRowRewrite | null,
  };
  const rewritten = (rows: readonly Record<string, unknown>[], kind: 'orders' | 'trades') => {
    const rewrite = state.rewriteRows;
    return rewrite ? rows.flatMap((row) => rewrite(row, kind) ?? []) : rows;
  };
  const orderRows = (rows: readonly Record<string, unknown>[]) => rewritten(rows, 'orders');
  const tradeRows = (rows: readonly Record<string, unknown>[]) => rewritten(rows, 'trades');

  const json = (response: ServerResponse, record: FakeKiteRequest, status: number, payload: unknown, headers: Record<string, string> = {}): void => {
    record.status = status;
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(JSON.stringify(payload));
  };
  const success = (data: unknown) => ({ status: 'success', data });

  function instrumentsOf(query: Record<string, string[]>, max: number): FakeInstrument[] {
    const keys = query['i'] ?? [];
    if (keys.length > max) throw new KiteErrorReply(400, 'InputException', `Too many instruments (at most ${max}).`);
    return keys.map((key) => byKey.get(key)).filter((instrument): instrument is FakeInstrument => instrument !== undefined);
  }

  function keyed(instruments: readonly FakeInstrument[], payload: (instrument: FakeInstrument) => unknown): Record<string, unknown> {
    return Object.fromEntries(instruments.map((instrument) => [instrumentKey(instrument), payload(instrument)]));
  }

  function historical(instrumentToken: string, interval: string, query: Record<string, string[]>): unknown {
    const instrument = byToken.get(Number(instrumentToken));
    if (!instrument) throw new KiteErrorReply(400, 'InputException', 'invalid token');
    if (!isCandleInterval(interval)) throw new KiteErrorReply(400, 'InputException', 'invalid interval');
    const from = parseIstTimestamp(query['from']?.[0]);
    const to = parseIstTimestamp(query['to']?.[0]);
    if (from === null || to === null || from > to) throw new KiteErrorReply(400, 'InputException', 'Invalid `from` or `to` date.');
    return { candles: candlesJson(instrument, interval, from, to, query['oi']?.[0] === '1', marketPrice(instrumentKey(instrument))) };
  }

  function basket(body: unknown): unknown {
    if (!Array.isArray(body) || body.length === 0) throw new KiteErrorReply(400, 'InputException', 'Send a JSON array of orders.');
    const legs: BasketLeg[] = body.map((item: Record<string, unknown>) => {
      const instrument = byKey.get(`${String(item['exchange'])}:${String(item['tradingsymbol'])}`);
      const quantity = Number(item['quantity']);
      if (!instrument || !Number.isSafeInteger(quantity) || quantity <= 0) throw new KiteErrorReply(400, 'InputException', 'Invalid order in basket.');
      const price = Math.round(Number(item['price'] ?? 0) * 100);
      return { instrument, side: item['transaction_type'] === 'SELL' ? 'SELL' : 'BUY', quantity, price: price > 0 ? price : marketPrice(instrumentKey(instrument)) };
    });
    return basketMarginsJson(legs, spot());
  }

  function orderOf(orderId: string, variety?: string): FakeOrder {
    const order = book.order(orderId);
    if (!order) throw new KiteErrorReply(400, 'InputException', "Couldn't find that `order_id`.");
    if (variety !== undefined && order.variety !== variety) throw new KiteErrorReply(400, 'InputException', 'Invalid `variety` for this order.');
    return order;
  }

  /** POST /orders/{variety}, with the acknowledgement faults (the order is registered before any of them strikes). */
  function place(variety: string, form: Record<string, string>, request: IncomingMessage, response: ServerResponse, record: FakeKiteRequest): void {
    const newOrder = parsePlaceForm(variety, form, (key) => byKey.get(key));
    if (state.reject !== null) {
      const message = state.reject;
      state.reject = null;
      throw new KiteErrorReply(400, 'OrderException', message);
    }
    const faults = { rmsRejection: state.rmsReject ?? undefined, fillTranches: state.tranches ?? undefined };
    state.rmsReject = null;
    if (newOrder.orderType === 'MARKET') state.tranches = null;
    const order = book.place(newOrder, faults);
    const answer = success({ order_id: order.orderId });
    const lose = state.loseAck;
    state.loseAck = null;
    const fail = state.failAck;
    state.failAck = null;
    if (fail) return json(response, record, fail.status, { status: 'error', message: fail.message, data: null, error_type: fail.errorType });
    if (lose === 'reset') {
      record.status = -1;
      request.socket.destroy();
      return;
    }
    if (lose === 'hang') {
      record.status = -1;
      return;
    }
    const delay = state.delayAckMs;
    state.delayAckMs = 0;
    if (delay > 0) {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        if (!response.destroyed) json(response, record, 200, answer);
      }, delay);
      pendingTimers.add(timer);
      return;
    }
    json(response, record, 200, answer);
  }

  async function route(request: IncomingMessage, response: ServerResponse, record: FakeKiteRequest, url: URL, body: unknown): Promise<void> {
    const { method } = record;
    const path = url.pathname;
    const form = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, string>;
    if (method === 'GET' && path === '/connect/login') {
      const back = sessions.loginRedirectQuery(url);
      record.status = app.redirectUrl ? 302 : 200;
      if (app.redirectUrl) response.writeHead(302, { Location: `${app.redirectUrl}?${back}` }).end();
      else response.writeHead(200, { 'Content-Type': 'text/plain' }).end(back);
      return;
    }
    if (method === 'POST' && path === '/session/token') return json(response, record, 200, success(sessions.exchange(form)));
    sessions.authenticate(request.headers);
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const [first, second, third, fourth] = parts;
    const send = (data: unknown): void => json(response, record, 200, success(data));
    if (method === 'DELETE' && path === '/session/token') {
      sessions.logout(record.query['access_token']?.[0] ?? '');
      return send(true);
    }
    if (method === 'GET') {
      if (path === '/user/profile') return send(profileJson(user));
      if (path === '/user/margins') return send(marginsJson(options.cash ?? 50_000_000, book.trades, marketPrice, spot()));
      if (first === 'user' && second === 'margins' && third && parts.length === 3) {
        const all = marginsJson(options.cash ?? 50_000_000, book.trades, marketPrice, spot());
        if (!(third in all)) throw new KiteErrorReply(400, 'InputException', 'Invalid segment.');
        return send(all[third]);
      }
      if (path === '/orders') return send(orderRows(book.orders.map((order) => book.orderJson(order))));
      if (path === '/trades') return send(tradeRows(book.trades.map((trade) => book.tradeJson(trade))));
      if (first === 'orders' && second && parts.length === 2) return send(orderRows(orderOf(second).history));
      if (first === 'orders' && second && third === 'trades') {
        const order = orderOf(second);
        return send(tradeRows(book.trades.filter((trade) => trade.order === order).map((trade) => book.tradeJson(trade))));
      }
      if (path === '/portfolio/positions') return send(positionsJson(book.trades, marketPrice));
      if (path === '/quote') return send(keyed(instrumentsOf(record.query, 500), (i) => quoteJson(i, marketPrice(instrumentKey(i)), now())));
      if (path === '/quote/ltp') return send(keyed(instrumentsOf(record.query, 1_000), (i) => ltpJson(i, marketPrice(instrumentKey(i)))));
      if (path === '/quote/ohlc') return send(keyed(instrumentsOf(record.query, 1_000), (i) => ohlcJson(i, marketPrice(instrumentKey(i)))));
      if (first === 'instruments' && second === 'historical' && third && fourth) return send(historical(third, fourth, record.query));
      if (first === 'instruments' && parts.length <= 2) {
        const gz = instrumentsCsvGzip(universe, (i) => marketPrice(instrumentKey(i)), second);
        record.status = 200;
        response.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Encoding': 'gzip', 'Content-Length': String(gz.length) });
        response.end(gz);
        return;
      }
    }
    if (method === 'POST' && path === '/margins/basket') return send(basket(body));
    if (method === 'POST' && first === 'orders' && second && parts.length === 2) return place(second, form, request, response, record);
    if (method === 'PUT' && first === 'orders' && second && third && parts.length === 3) {
      const order = orderOf(third, second);
      return send({ order_id: book.modify(order.orderId, parseModifyForm(form, order)).orderId });
    }
    if (method === 'DELETE' && first === 'orders' && second && third && parts.length === 3) {
      return send({ order_id: book.cancel(orderOf(third, second).orderId).orderId });
    }
    throw new KiteErrorReply(404, 'GeneralException', 'Route not found.');
  }

  function rateLimited(path: string, response: ServerResponse, record: FakeKiteRequest): boolean {
    const fault = state.rateLimit;
    if (!fault || fault.count <= 0 || (fault.path && !fault.path.test(path))) return false;
    fault.count -= 1;
    const headers: Record<string, string> = fault.retryAfterSeconds ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
    record.status = 429;
    if (fault.textBody) response.writeHead(429, { 'Content-Type': 'text/plain', ...headers }).end('Too many requests');
    // Kite documents 429 but not its body: the fake uses the usual error envelope.
    else json(response, record, 429, { status: 'error', message: 'Too many requests', data: null, error_type: 'NetworkException' }, headers);
    return true;
  }

  async function handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const query: Record<string, string[]> = {};
    for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
    const record: FakeKiteRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query,
      body: null,
      headers: { authorization: request.headers['authorization'], kiteVersion: request.headers['x-kite-version'] as string | undefined, contentType: request.headers['content-type'] },
      at: performance.now(),
      status: null,
    };
    requests.push(record);
    try {
      const text = await readBody(request);
      const contentType = request.headers['content-type'] ?? '';
      if (contentType.includes('application/json') && text) {
        try {
          record.body = JSON.parse(text);
        } catch {
          throw new KiteErrorReply(400, 'InputException', 'Invalid JSON body.');
        }
      } else record.body = Object.fromEntries(new URLSearchParams(text));
      if (rateLimited(url.pathname, response, record)) return;
      await route(request, response, record, url, record.body);
    } catch (error) {
      const reply =
        error instanceof KiteErrorReply
          ? error
          : error instanceof FakeInputError
            ? new KiteErrorReply(400, 'InputException', error.message)
            : error instanceof FakeOrderRefusal
              ? new KiteErrorReply(400, 'OrderException', error.message)
              : new KiteErrorReply(500, 'GeneralException', error instanceof Error ? error.message : String(error));
      if (!response.headersSent && !response.destroyed) json(response, record, reply.status, { status: 'error', message: reply.message, data: null, error_type: reply.errorType });
    }
  }

  const server = createServer(guardedRequestListener({ name: 'fake Kite', base: 'http://fake-kite', handle, logger: options.logger }));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const faults: FakeKiteFaults = {
    rejectNextOrder: (message = 'Order rejected by the fake broker.') => void (state.reject = message),
    rejectNextOrderAtRms: (message = 'Insufficient funds. Required margin is 95417.84 but available margin is 74251.80.') => void (state.rmsReject = message),
    partialFillNext: (tranches) => void (state.tranches = [...tranches]),
    delayNextAcknowledgement: (ms) => void (state.delayAckMs = ms),
    loseNextAcknowledgement: (mode = 'hang') => void (state.loseAck = mode),
    failNextAcknowledgement: (status, errorType, message) => void (state.failAck = new KiteErrorReply(status, errorType, message)),
    rateLimitNext: (count, rest = {}) => void (state.rateLimit = { count, ...rest }),
    expireSession: () => sessions.expireAll(),
    rewriteBookRows: (rewrite) => void (state.rewriteRows = rewrite),
    clear: () => Object.assign(state, { reject: null, rmsReject: null, tranches: null, delayAckMs: 0, loseAck: null, failAck: null, rateLimit: null, rewriteRows: null }),
  };

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    apiKey,
    apiSecret,
    accessToken: sessions.initialAccessToken,
    issueRequestToken: () => sessions.issueRequestToken(),
    book,
    requests,
    setMarketPrice: (key, paise) => {
      prices.set(key, paise);
      book.onMarketPrice(key, paise);
    },
    marketPrice,
    faults,
    setAppUrls: (urls) => {
      if (urls.redirectUrl !== undefined) app.redirectUrl = urls.redirectUrl;
      if (urls.postbackUrl !== undefined) app.postbackUrl = urls.postbackUrl;
    },
    onOrderUpdate: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
