import { type AccountId, type Exchange, type InstrumentId } from '@strikedesk/domain';
import type { BrokerBooks, BrokerOrderSnapshot, BrokerPosition, BrokerTrade } from '../../broker.ts';
import type { KiteBookRead, UnreadableKiteRow } from './kite-book-rows.ts';
import { systemKiteClock, type KiteClock } from './kite-clock.ts';
import { kiteBadResponse } from './kite-errors.ts';
import { KiteHttp, type KiteHttpOptions } from './kite-http.ts';
import { fetchInstruments, type InstrumentImport } from './kite-instruments.ts';
import { fetchHistoricalCandles, fetchLtp, fetchOhlc, fetchQuotes, type HistoricalRequest, type KiteCandle, type KiteLtp, type KiteOhlc, type KiteQuote } from './kite-market.ts';
import { toBrokerOrderSnapshot, toBrokerTrade, type KiteOrderView, type KiteTradeView } from './kite-order-mapping.ts';
import {
  cancelOrder,
  fetchOrderBook,
  fetchOrderHistory,
  fetchOrderTrades,
  fetchOrdersByTag,
  fetchTradeBook,
  modifyOrder,
  placeOrder,
  type KiteCancelRequest,
  type KiteModifyRequest,
  type KitePlaceRequest,
} from './kite-orders.ts';
import {
  fetchBasketMargins,
  fetchPositions,
  fetchUserMargins,
  toBrokerPosition,
  type KiteBasketMargins,
  type KiteMarginLeg,
  type KitePositionView,
  type KitePositions,
  type KiteUserMargins,
} from './kite-portfolio.ts';
import { clientOrderIdOfKiteTag } from './kite-tag.ts';
import { fetchProfile, generateSession, invalidateSession, kiteLoginUrl, type KiteProfile, type KiteSession } from './kite-session.ts';
import { placeOrderIdempotent, type IdempotentPlaceOptions, type PlaceOutcome } from './place-order-idempotent.ts';

export type KiteClientOptions = KiteHttpOptions & {
  /** Kite's browser login page (a fake's /connect/login in tests and simulated accounts). */
  loginUrl?: string;
  placement?: IdempotentPlaceOptions;
  /** Where rows of the order and trade books that could not be read are reported (once each). */
  logger?: { warn(details: object, message: string): void };
};

/**
 * The broker's view in the Broker interface's terms, plus what cannot be said in them: orders
 * without one of our tags (placed from Kite's own apps), instruments or products we do not trade.
 * Reconciliation decides what those mean; they are never silently dropped.
 */
export type KiteBooks = BrokerBooks & {
  /** `unreadable`: rows of the order and trade books that could not be read, none of them one of ours. */
  unmatched: { orders: KiteOrderView[]; trades: KiteTradeView[]; positions: KitePositionView[]; unreadable: UnreadableKiteRow[] };
};

/**
 * One Kite Connect account over REST. Every answer is in our terms (InstrumentId, paise, our
 * statuses); Kite's field names stay inside this folder. Errors are DomainErrors with stable
 * BROKER_* codes and `details.outcome` ('refused' | 'unknown', see kite-errors.ts).
 */
export class KiteClient {
  readonly http: KiteHttp;
  private readonly clock: KiteClock;
  private readonly loginPage: string | undefined;
  private readonly placement: IdempotentPlaceOptions;
  private readonly logger: KiteClientOptions['logger'];
  /** Unreadable rows already logged: the book is polled every second while orders work. */
  private readonly reportedRows = new Set<string>();

  constructor(options: KiteClientOptions) {
    this.clock = options.clock ?? systemKiteClock;
    this.http = new KiteHttp({ ...options, clock: this.clock });
    this.loginPage = options.loginUrl;
    this.placement = options.placement ?? {};
    this.logger = options.logger;
  }

  // — session —
  loginUrl(redirectParams?: Record<string, string>): string {
    return kiteLoginUrl(this.http.apiKey, { loginUrl: this.loginPage, redirectParams });
  }
  generateSession(requestToken: string, apiSecret: string): Promise<KiteSession> {
    return generateSession(this.http, requestToken, apiSecret);
  }
  invalidateSession(): Promise<void> {
    return invalidateSession(this.http);
  }
  setAccessToken(token: string | null): void {
    this.http.setAccessToken(token);
  }
  get hasSession(): boolean {
    return this.http.hasSession;
  }
  profile(): Promise<KiteProfile> {
    return fetchProfile(this.http);
  }

  // — orders —
  /** One POST, no retry, no look-up: prefer placeOrderIdempotent. */
  placeOrder(request: KitePlaceRequest): Promise<{ brokerOrderId: string }> {
    return placeOrder(this.http, request);
  }
  /** Places once, finding the order by its tag when the answer is lost (see place-order-idempotent.ts). */
  placeOrderIdempotent(request: KitePlaceRequest, options: IdempotentPlaceOptions = {}): Promise<PlaceOutcome> {
    const deps = { place: (r: KitePlaceRequest) => this.placeOrder(r), ordersByTag: (tag: string) => this.ordersByTag(tag), clock: this.clock };
    return placeOrderIdempotent(deps, request, { ...this.placement, ...options });
  }
  modifyOrder(request: KiteModifyRequest): Promise<{ brokerOrderId: string }> {
    return modifyOrder(this.http, request);
  }
  cancelOrder(request: KiteCancelRequest): Promise<{ brokerOrderId: string }> {
    return cancelOrder(this.http, request);
  }
  /** Today's order book; rows that could not be read are set aside in `unreadable` (and logged). */
  async orderBook(): Promise<KiteBookRead<KiteOrderView>> {
    return this.reportUnreadable('/orders', await fetchOrderBook(this.http));
  }
  /** The orders of today's book that could be read (orderBook() also names the others). */
  async orders(): Promise<KiteOrderView[]> {
    return (await this.orderBook()).rows;
  }
  /** Today's orders whose tag carries this client order id (kite-tag.ts). */
  ordersByTag(clientOrderId: string): Promise<KiteOrderView[]> {
    return fetchOrdersByTag(this.http, clientOrderId);
  }
  /** The order carrying our client order id, or null when the book has none. */
  async orderByTag(clientOrderId: string): Promise<KiteOrderView | null> {
    return (await this.ordersByTag(clientOrderId))[0] ?? null;
  }
  async orderHistory(brokerOrderId: string): Promise<KiteOrderView[]> {
    return this.reportUnreadable(`/orders/${brokerOrderId}`, await fetchOrderHistory(this.http, brokerOrderId)).rows;
  }
  async orderTrades(brokerOrderId: string): Promise<KiteTradeView[]> {
    return this.reportUnreadable(`/orders/${brokerOrderId}/trades`, await fetchOrderTrades(this.http, brokerOrderId)).rows;
  }
  /** Today's trades; rows that could not be read are set aside in `unreadable` (and logged). */
  async tradeBook(): Promise<KiteBookRead<KiteTradeView>> {
    return this.reportUnreadable('/trades', await fetchTradeBook(this.http));
  }
  async trades(): Promise<KiteTradeView[]> {
    return (await this.tradeBook()).rows;
  }

  // — portfolio —
  positions(): Promise<KitePositions> {
    return fetchPositions(this.http);
  }
  margins(): Promise<KiteUserMargins> {
    return fetchUserMargins(this.http);
  }
  basketMargins(legs: readonly KiteMarginLeg[], options?: { considerPositions?: boolean }): Promise<KiteBasketMargins> {
    return fetchBasketMargins(this.http, legs, options);
  }

  // — market —
  quotes(ids: readonly InstrumentId[]): Promise<Map<InstrumentId, KiteQuote>> {
    return fetchQuotes(this.http, ids, () => this.clock.now());
  }
  ltp(ids: readonly InstrumentId[]): Promise<Map<InstrumentId, KiteLtp>> {
    return fetchLtp(this.http, ids);
  }
  ohlc(ids: readonly InstrumentId[]): Promise<Map<InstrumentId, KiteOhlc>> {
    return fetchOhlc(this.http, ids);
  }
  instruments(exchange?: Exchange): Promise<InstrumentImport> {
    return fetchInstruments(this.http, exchange);
  }
  historicalCandles(request: HistoricalRequest): Promise<KiteCandle[]> {
    return fetchHistoricalCandles(this.http, request);
  }

  /**
   * Orders, trades and net positions for reconciliation. Rejects when Kite cannot be read — and
   * when a row that may be one of our orders (or one of their trades) could not be: books without
   * it would have reconciliation reject or resend an order Kite may be working.
   */
  async books(accountId: AccountId): Promise<KiteBooks> {
    const [orderBook, tradeBook, positionViews] = await Promise.all([this.orderBook(), this.tradeBook(), this.positions()]);
    const unmatched: KiteBooks['unmatched'] = { orders: [], trades: [], positions: [], unreadable: [] };
    const orders: BrokerOrderSnapshot[] = [];
    const byBrokerId = new Map<string, BrokerOrderSnapshot>();
    for (const view of orderBook.rows) {
      const snapshot = toBrokerOrderSnapshot(view, accountId);
      if (snapshot === null) unmatched.orders.push(view);
      else {
        orders.push(snapshot);
        byBrokerId.set(snapshot.brokerOrderId, snapshot);
      }
    }
    // Ours carry one of our client order ids as their tag; a trade is ours unless its order is known not to be.
    const taggedByUs = (row: UnreadableKiteRow): boolean => clientOrderIdOfKiteTag(row.tag) !== null;
    const foreignOrderIds = new Set([...unmatched.orders.map((view) => view.brokerOrderId), ...orderBook.unreadable.filter((row) => !taggedByUs(row)).flatMap((row) => row.orderId ?? [])]);
    const mayBeOurs = [...orderBook.unreadable.filter(taggedByUs), ...tradeBook.unreadable.filter((row) => row.orderId === null || !foreignOrderIds.has(row.orderId))];
    if (mayBeOurs.length > 0) {
      // The tag as Kite shows it, and the client order id it carries (the journal's name for the order).
      const tagged = (tag: string) => `tag ${tag}${clientOrderIdOfKiteTag(tag) === tag ? '' : ` (${clientOrderIdOfKiteTag(tag) ?? '?'})`}`;
      const named = mayBeOurs.map((row) => `${row.tag ? tagged(row.tag) : `order ${row.orderId ?? '?'}`} (${row.problem})`).join('; ');
      throw kiteBadResponse(
        mayBeOurs.map((row) => row.raw),
        `rows that may be the terminal's own orders could not be read: ${named}`,
        { method: 'GET', path: '/orders', httpStatus: 200 },
      );
    }
    unmatched.unreadable.push(...orderBook.unreadable, ...tradeBook.unreadable);
    const trades: BrokerTrade[] = [];
    for (const view of tradeBook.rows) {
      const trade = toBrokerTrade(view, byBrokerId.get(view.brokerOrderId), accountId);
      if (trade === null) unmatched.trades.push(view);
      else trades.push(trade);
    }
    const positions: BrokerPosition[] = [];
    for (const view of positionViews.net) {
      const position = toBrokerPosition(view, accountId);
      if (position === null) unmatched.positions.push(view);
      else positions.push(position);
    }
    return { orders, trades, positions, unmatched };
  }

  /** Logs each set-aside row once, with its order id and tag (our client order id on our orders). */
  private reportUnreadable<T>(path: string, read: KiteBookRead<T>): KiteBookRead<T> {
    for (const row of read.unreadable) {
      const key = `${path}|${row.orderId ?? ''}|${row.tag ?? ''}|${row.problem}`;
      if (this.reportedRows.has(key)) continue;
      this.reportedRows.add(key);
      this.logger?.warn({ path, orderId: row.orderId, tag: row.tag, problem: row.problem, raw: row.raw }, 'kite book row could not be read; set aside');
    }
    return read;
  }
}
