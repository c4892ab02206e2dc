import type { AccountId, Exchange, InstrumentId } from '@strikedesk/domain';
import type { BrokerBooks, BrokerOrderSnapshot, BrokerPosition, BrokerTrade } from '../../broker.ts';
import { systemKiteClock, type KiteClock } from './kite-clock.ts';
import { KiteHttp, type KiteHttpOptions } from './kite-http.ts';
import { fetchInstruments, type InstrumentImport } from './kite-instruments.ts';
import { fetchHistoricalCandles, fetchLtp, fetchOhlc, fetchQuotes, type HistoricalRequest, type KiteCandle, type KiteLtp, type KiteOhlc, type KiteQuote } from './kite-market.ts';
import { toBrokerOrderSnapshot, toBrokerTrade, type KiteOrderView, type KiteTradeView } from './kite-order-mapping.ts';
import {
  cancelOrder,
  fetchOrderHistory,
  fetchOrderTrades,
  fetchOrders,
  fetchOrdersByTag,
  fetchTrades,
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
import { fetchProfile, generateSession, invalidateSession, kiteLoginUrl, type KiteProfile, type KiteSession } from './kite-session.ts';
import { placeOrderIdempotent, type IdempotentPlaceOptions, type PlaceOutcome } from './place-order-idempotent.ts';

export type KiteClientOptions = KiteHttpOptions & {
  /** Kite's browser login page (a fake's /connect/login in tests and simulated accounts). */
  loginUrl?: string;
  placement?: IdempotentPlaceOptions;
};

/**
 * The broker's view in the Broker interface's terms, plus what cannot be said in them: orders
 * without one of our tags (placed from Kite's own apps), instruments or products we do not trade.
 * Reconciliation decides what those mean; they are never silently dropped.
 */
export type KiteBooks = BrokerBooks & {
  unmatched: { orders: KiteOrderView[]; trades: KiteTradeView[]; positions: KitePositionView[] };
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

  constructor(options: KiteClientOptions) {
    this.clock = options.clock ?? systemKiteClock;
    this.http = new KiteHttp({ ...options, clock: this.clock });
    this.loginPage = options.loginUrl;
    this.placement = options.placement ?? {};
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
  orders(): Promise<KiteOrderView[]> {
    return fetchOrders(this.http);
  }
  ordersByTag(tag: string): Promise<KiteOrderView[]> {
    return fetchOrdersByTag(this.http, tag);
  }
  /** The order carrying our client order id, or null when the book has none. */
  async orderByTag(tag: string): Promise<KiteOrderView | null> {
    return (await this.ordersByTag(tag))[0] ?? null;
  }
  orderHistory(brokerOrderId: string): Promise<KiteOrderView[]> {
    return fetchOrderHistory(this.http, brokerOrderId);
  }
  orderTrades(brokerOrderId: string): Promise<KiteTradeView[]> {
    return fetchOrderTrades(this.http, brokerOrderId);
  }
  trades(): Promise<KiteTradeView[]> {
    return fetchTrades(this.http);
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

  /** Orders, trades and net positions for reconciliation. Rejects when Kite cannot be read. */
  async books(accountId: AccountId): Promise<KiteBooks> {
    const [orderViews, tradeViews, positionViews] = await Promise.all([this.orders(), this.trades(), this.positions()]);
    const unmatched: KiteBooks['unmatched'] = { orders: [], trades: [], positions: [] };
    const orders: BrokerOrderSnapshot[] = [];
    const byBrokerId = new Map<string, BrokerOrderSnapshot>();
    for (const view of orderViews) {
      const snapshot = toBrokerOrderSnapshot(view, accountId);
      if (snapshot === null) unmatched.orders.push(view);
      else {
        orders.push(snapshot);
        byBrokerId.set(snapshot.brokerOrderId, snapshot);
      }
    }
    const trades: BrokerTrade[] = [];
    for (const view of tradeViews) {
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
}
