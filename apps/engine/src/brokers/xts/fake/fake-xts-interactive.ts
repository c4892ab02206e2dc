import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { Server, type Socket } from 'socket.io';
import { FakeXtsOrderBook, type FakeXtsInstrument, type FakeXtsOrder } from './fake-xts-order-book.ts';
import { guardedRequestListener, type ServerErrorLogger } from '../../guarded-request-listener.ts';
import { authorised, failure, readBody, success } from './fake-xts-http.ts';

/**
 * A fake XTS Interactive API: REST under `/interactive` and the order socket at
 * `/interactive/socket.io` (socket.io 4 with `allowEIO3`, so clients of either Engine.IO version
 * connect, as they do to XTS), a small matching venue behind them, and faults on demand.
 */
export type FakeXtsFaults = {
  /** The next placement is accepted into the book and rejected by the "RMS" with this reason. */
  rejectNext: string | null;
  /** The next MARKET order fills in these chunks (one execution each). */
  partialFills: number[] | null;
  /** The next placement's answer waits this long (the order is in the book at once). */
  delayAckMs: number;
  /** The next placement is carried out, and its HTTP answer is lost (connection reset). */
  loseNextAck: boolean;
  /** The next N requests are answered 429. */
  rateLimitNext: number;
  /** While true, order-socket connections are refused and events are not delivered (lost). */
  socketsDown: boolean;
  /** While true, the trade book lists executions without their time (LastExecutionTransactTime empty). */
  tradeTimesMissing: boolean;
  /**
   * While true, new executions are neither sent as trade events nor listed in the trade book (XTS
   * reporting a fill after the order's own event); `releaseTrades()` delivers them.
   */
  holdTrades: boolean;
};

export type FakeXtsMarket = { bid: number; ask: number; last: number };

export type FakeXtsInteractiveOptions = {
  instruments: FakeXtsInstrument[];
  appKey?: string;
  secretKey?: string;
  userID?: string;
  /**
   * A dealer login (isInvestorClient=false): every order action and book read must name the client
   * it is for (`clientID`, body or query), else XTS answers 400 Bad Request.
   */
  dealerClientId?: string;
  /** Where a request that failed unexpectedly is reported (stderr when absent). */
  logger?: ServerErrorLogger;
};

export type RunningFakeXtsInteractive = {
  url: string;
  appKey: string;
  secretKey: string;
  book: FakeXtsOrderBook;
  faults: FakeXtsFaults;
  /** Every request, with its JSON or form body once read. */
  requests: { method: string; path: string; at: number; body?: Record<string, unknown> }[];
  /** Engine.IO protocol of each socket that joined, in order. */
  socketProtocols: number[];
  setMarket(exchangeInstrumentId: number, market: FakeXtsMarket): void;
  /** Someone logged in with the same app key: our token dies and our sockets get `logout`. */
  loginElsewhere(): void;
  /** The token expires (no logout event: XTS just stops accepting it). */
  expireToken(): void;
  /** Drops every order socket, and keeps refusing them while `faults.socketsDown`. */
  dropSockets(): void;
  /** Ends `faults.holdTrades`: the held executions are listed and sent as trade events, in order. */
  releaseTrades(): void;
  close(): Promise<void>;
};

export async function startFakeXtsInteractive(options: FakeXtsInteractiveOptions): Promise<RunningFakeXtsInteractive> {
  const appKey = options.appKey ?? 'fake-app-key';
  const secretKey = options.secretKey ?? 'fake-secret';
  const userID = options.userID ?? 'XTS01';
  const faults: FakeXtsFaults = { rejectNext: null, partialFills: null, delayAckMs: 0, loseNextAck: false, rateLimitNext: 0, socketsDown: false, tradeTimesMissing: false, holdTrades: false };
  const heldTrades: Record<string, unknown>[] = [];
  const requests: RunningFakeXtsInteractive['requests'] = [];
  const markets = new Map<number, FakeXtsMarket>();
  const socketProtocols: number[] = [];
  let token: string | null = null;
  let sessions = 0;

  const http = createServer(guardedRequestListener({ name: 'fake XTS interactive', base: 'http://fake', handle: route, logger: options.logger }));
  const io = new Server(http, { path: '/interactive/socket.io', allowEIO3: true, transports: ['websocket'], pingInterval: 1_000, pingTimeout: 2_000 });
  const broadcast = (event: string, row: Record<string, unknown>) => {
    // XTS sends every payload as a JSON string.
    if (!faults.socketsDown) io.emit(event, JSON.stringify(row));
  };
  const trade = (row: Record<string, unknown>) => (faults.holdTrades ? heldTrades.push(row) : broadcast('trade', row));
  const book = new FakeXtsOrderBook(userID, { order: (row) => broadcast('order', row), trade, position: (row) => broadcast('position', row) });
  const listedTrades = () => book.trades.filter((execution) => !heldTrades.some((row) => row['ExecutionID'] === execution.executionId));

  io.use((socket, next) => {
    const query = socket.handshake.query;
    if (faults.socketsDown) return next(new Error('Service unavailable'));
    if (query['token'] !== token || token === null) return next(new Error('Invalid Token'));
    next();
  });
  io.on('connection', (socket: Socket) => {
    socketProtocols.push(socket.conn.protocol);
    socket.emit('joined', 'Joined');
  });

  const instrumentOf = (segment: unknown, id: unknown) => options.instruments.find((row) => row.segment === segment && row.exchangeInstrumentId === Number(id));
  const paiseOf = (rupees: unknown) => Math.round(Number(rupees ?? 0) * 100);

  function fillAtMarket(order: FakeXtsOrder): void {
    const market = markets.get(order.instrument.exchangeInstrumentId);
    if (!market) return;
    const price = order.side === 'BUY' ? market.ask : market.bid;
    const chunks = faults.partialFills ?? [order.quantity];
    faults.partialFills = null;
    for (const chunk of chunks) book.fill(order, chunk, price);
  }

  /** The venue acting on a new market: stops trigger on the last price, limits fill when traded through. */
  function match(order: FakeXtsOrder): void {
    const market = markets.get(order.instrument.exchangeInstrumentId);
    if (!market || !book.isWorking(order)) return;
    const isStop = order.orderType === 'STOPMARKET' || order.orderType === 'STOPLIMIT';
    if (isStop && !order.triggered) {
      const hit = order.side === 'BUY' ? market.last >= order.stopPaise : market.last <= order.stopPaise;
      if (!hit) return;
      order.triggered = true;
    }
    if (order.orderType === 'MARKET' || order.orderType === 'STOPMARKET') return fillAtMarket(order);
    const crossed = order.side === 'BUY' ? market.ask <= order.limitPaise : market.bid >= order.limitPaise;
    if (crossed) book.fill(order, order.quantity - order.filled, order.limitPaise);
  }

  async function route(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const entry: RunningFakeXtsInteractive['requests'][number] = { method: request.method ?? 'GET', path, at: Date.now() };
    requests.push(entry);
    if (faults.rateLimitNext > 0) {
      faults.rateLimitNext -= 1;
      return failure(response, 429, null, 'Too Many Requests');
    }
    const body = await readBody(request);
    entry.body = body;
    if (path === '/interactive/user/session' && request.method === 'POST') {
      if (body['appKey'] !== appKey || body['secretKey'] !== secretKey) return failure(response, 400, 'e-app-001', 'Invalid credentials', { status: 400, errors: [] });
      loginElsewhere();
      token = `tok-${++sessions}-${Math.random().toString(36).slice(2)}`;
      return success(response, 's-user-0001', { token, userID, isInvestorClient: options.dealerClientId === undefined, clientCodes: [userID], exchangeSegmentArray: [{ key: 'NSEFO', value: 2 }] }, 'Login successful');
    }
    if (!authorised(request, response, token)) return;
    if (path === '/interactive/user/session' && request.method === 'DELETE') {
      token = null;
      return success(response, 's-user-0004', {}, 'User logged out');
    }
    if (options.dealerClientId !== undefined && path !== '/interactive/user/session') {
      const named = body['clientID'] ?? url.searchParams.get('clientID');
      if (named !== options.dealerClientId) {
        return failure(response, 400, 'e-app-001', 'Bad Request', { status: 400, errors: [{ field: ['clientID'], location: 'body', messages: ['clientID is required for a dealer login'] }] });
      }
    }
    if (path === '/interactive/orders' && request.method === 'POST') return place(body, response);
    if (path === '/interactive/orders' && request.method === 'PUT') {
      const order = book.find(Number(body['appOrderID']));
      if (!order || !book.isWorking(order)) return failure(response, 400, 'e-orders-0005', 'Order is not open');
      book.modify(order, { quantity: Number(body['modifiedOrderQuantity']), limitPaise: paiseOf(body['modifiedLimitPrice']), stopPaise: paiseOf(body['modifiedStopPrice']) });
      return success(response, 's-orders-0001', { AppOrderID: order.appOrderId, OrderUniqueIdentifier: order.uniqueIdentifier, ClientID: userID }, 'Request sent');
    }
    if (path === '/interactive/orders' && request.method === 'DELETE') {
      const order = book.find(Number(url.searchParams.get('appOrderID')));
      if (!order || !book.isWorking(order)) return failure(response, 400, 'e-orders-0005', 'Order is not open');
      book.cancel(order);
      return success(response, 's-orders-0001', { AppOrderID: order.appOrderId, OrderUniqueIdentifier: order.uniqueIdentifier, ClientID: userID }, 'Request sent');
    }
    if (path === '/interactive/orders' && request.method === 'GET') {
      const id = url.searchParams.get('appOrderID');
      const rows = (id ? book.orders.filter((order) => order.appOrderId === Number(id)) : book.orders).map((order) => book.orderRow(order));
      return rows.length === 0 ? failure(response, 400, 'e-response-0004', 'Data Not found.') : success(response, 's-orders-0001', rows);
    }
    if (path === '/interactive/orders/trades' && request.method === 'GET') {
      const listed = listedTrades();
      return listed.length === 0 ? failure(response, 400, 'e-response-0004', 'Data Not found.') : success(response, 's-orders-0001', listed.map((execution) => (faults.tradeTimesMissing ? { ...book.tradeRow(execution), LastExecutionTransactTime: '' } : book.tradeRow(execution))));
    }
    if (path === '/interactive/portfolio/positions') return success(response, 's-portfolio-0001', { positionList: book.positionRows() });
    if (path === '/interactive/user/balance') {
      return success(response, 's-user-0002', { BalanceList: [{ limitHeader: 'ALL|ALL|ALL', limitObject: { RMSSubLimits: { cashAvailable: '68572.37', collateral: 0, marginUtilized: '45446.35625', netMarginAvailable: 'NaN' } } }] });
    }
    return failure(response, 404, null, 'Not found');
  }

  async function place(body: Record<string, unknown>, response: ServerResponse): Promise<void> {
    const instrument = instrumentOf(body['exchangeSegment'], body['exchangeInstrumentID']);
    if (!instrument) return failure(response, 400, 'e-app-001', 'Bad Request', { status: 400, errors: [{ field: ['exchangeInstrumentID'], location: 'body', messages: ['invalid instrument'] }] });
    const reject = faults.rejectNext;
    faults.rejectNext = null;
    const order = book.add(
      {
        uniqueIdentifier: String(body['orderUniqueIdentifier'] ?? ''),
        instrument,
        side: body['orderSide'] === 'SELL' ? 'SELL' : 'BUY',
        orderType: (['MARKET', 'LIMIT', 'STOPLIMIT', 'STOPMARKET'] as const).find((type) => type === body['orderType']) ?? 'LIMIT',
        productType: String(body['productType'] ?? 'NRML'),
        quantity: Number(body['orderQuantity']),
        limitPaise: paiseOf(body['limitPrice']),
        stopPaise: paiseOf(body['stopPrice']),
      },
      reject,
    );
    const ack = { AppOrderID: order.appOrderId, OrderUniqueIdentifier: order.uniqueIdentifier, ClientID: userID };
    const lose = faults.loseNextAck;
    faults.loseNextAck = false;
    const wait = faults.delayAckMs;
    faults.delayAckMs = 0;
    if (order.orderType === 'MARKET' && reject === null) setImmediate(() => fillAtMarket(order));
    if (lose) {
      response.socket?.destroy();
      return;
    }
    if (wait > 0) await delay(wait);
    success(response, 's-orders-0001', ack, 'Request sent');
  }

  function loginElsewhere(): void {
    if (token === null) return;
    token = `tok-${++sessions}-elsewhere`;
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
    book,
    faults,
    requests,
    socketProtocols,
    setMarket(exchangeInstrumentId, market) {
      markets.set(exchangeInstrumentId, market);
      for (const order of book.orders) if (order.instrument.exchangeInstrumentId === exchangeInstrumentId) match(order);
    },
    loginElsewhere,
    expireToken() {
      token = `expired-${++sessions}`;
    },
    dropSockets() {
      io.disconnectSockets(true);
    },
    releaseTrades() {
      faults.holdTrades = false;
      for (const row of heldTrades.splice(0)) broadcast('trade', row);
    },
    close: async () => {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
