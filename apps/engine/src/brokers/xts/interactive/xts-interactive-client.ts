import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { DomainError, type ClientOrderId, type DomainError as DomainErrorType, type InstrumentId, type OrderType, type Paise, type Product, type Side } from '@strikedesk/domain';
import { XtsHttp, type XtsHttpOptions } from '../xts-http.ts';
import { XtsRateLimiter } from '../xts-rate-limiter.ts';
import { DEFAULT_XTS_INTERACTIVE_RATE_LIMITS, xtsInteractiveRateClass, type XtsInteractiveRateLimits } from './xts-interactive-limits.ts';
import { isXtsOutcomeUnknown, xtsClientRefusal, xtsErrorDetails } from '../xts-errors.ts';
import type { XtsInstrumentDirectory } from '../xts-instrument-directory.ts';
import { paiseToXtsRupees, xtsPaise } from '../xts-units.ts';
import { XTS_ORDER_TYPE, toOrderView, toPositionView, toTradeView, type XtsOrderView, type XtsTradeView } from './xts-order-mapping.ts';
import { XtsBalanceResultSchema, XtsLoginResultSchema, XtsOrderAckSchema, XtsOrderRowSchema, XtsPositionsResultSchema, XtsTradeRowSchema } from './xts-order-schemas.ts';

/**
 * The XTS Interactive API: session, orders, books, positions, balance. Our client order id rides in
 * `orderUniqueIdentifier`, which XTS echoes on every order row and event — the only id both sides
 * know before the placement answer arrives, and how a placement whose answer was lost is found.
 */
export type XtsInteractiveOptions = Omit<XtsHttpOptions, 'apiPrefix'> & {
  appKey: string;
  secretKey: string;
  /** Dealer logins (isInvestorClient=false) name the client they trade for on every order. */
  clientId?: string;
  directory: XtsInstrumentDirectory;
  /** How long an unanswered placement may take to show in the order book. */
  placeGraceMs?: number;
  placePollMs?: number;
  /** Per broker account: XTS brokers may set their own limits (xts-interactive-limits.ts has the defaults). */
  rateLimits?: Partial<XtsInteractiveRateLimits>;
};

export type XtsPlaceRequest = { clientOrderId: ClientOrderId; instrumentId: InstrumentId; side: Side; type: OrderType; product: Product; quantity: number; price: Paise | null; triggerPrice: Paise | null };
export type XtsModifyRequest = { brokerOrderId: string; clientOrderId: ClientOrderId; product: Product; type: OrderType; quantity: number; price: Paise | null; triggerPrice: Paise | null };

export type XtsPlaceOutcome =
  | { outcome: 'placed'; brokerOrderId: string }
  | { outcome: 'found'; brokerOrderId: string; order: XtsOrderView }
  | { outcome: 'not-found'; error: DomainErrorType }
  | { outcome: 'unknown'; error: DomainErrorType };

export type XtsBalance = { cashAvailable: Paise | null; marginUtilized: Paise | null; netMarginAvailable: Paise | null; raw: unknown };

const NO_DATA = 'e-response-0004';
const RATE_LIMITED_RESENDS = 2;

export class XtsInteractiveClient {
  readonly http: XtsHttp;
  private userId: string | null = null;
  private dealer = false;

  constructor(private readonly options: XtsInteractiveOptions) {
    // Limited by default: XTS answers a burst (a sliced order, a book poll during a look-up) with 429.
    const limiter = options.limiter ?? new XtsRateLimiter({ ...DEFAULT_XTS_INTERACTIVE_RATE_LIMITS, ...options.rateLimits }, xtsInteractiveRateClass);
    this.http = new XtsHttp({ ...options, apiPrefix: '/interactive', limiter });
  }

  get userID(): string | null {
    return this.userId;
  }

  /** Whether the last login was a dealer's (isInvestorClient=false): orders then need a client id. */
  get dealerLogin(): boolean {
    return this.dealer;
  }

  /** POST /user/session. Each login ends any other session of this app key (XTS allows one). */
  async login(): Promise<{ token: string; userID: string }> {
    const result = await this.http.result(
      { method: 'POST', path: '/user/session', json: { appKey: this.options.appKey, secretKey: this.options.secretKey, source: 'WEBAPI' }, authenticated: false, retryOn429: false },
      XtsLoginResultSchema,
    );
    this.http.setToken(result.token);
    this.userId = result.userID;
    this.dealer = result.isInvestorClient === false;
    return { token: result.token, userID: result.userID };
  }

  async logout(): Promise<void> {
    await this.http.result({ method: 'DELETE', path: '/user/session' }, z.unknown());
    this.http.setToken(null);
  }

  async place(request: XtsPlaceRequest): Promise<{ brokerOrderId: string }> {
    const ack = await this.http.result({ method: 'POST', path: '/orders', json: this.placeBody(request) }, XtsOrderAckSchema);
    return { brokerOrderId: String(ack.AppOrderID) };
  }

  /**
   * The placement's JSON, built before anything is sent: whatever fails here is a refusal. Every
   * error after it arrives as a DomainError saying its outcome; one of any other kind would read as
   * "outcome unknown" and leave the order waiting for a look-up of something never sent.
   */
  private placeBody(request: XtsPlaceRequest): Record<string, unknown> {
    const ref = this.options.directory.toXts(request.instrumentId);
    if (!ref) throw xtsClientRefusal('BROKER_INPUT_REJECTED', `The broker's instrument master has no ${request.instrumentId}; refresh it and try again.`);
    try {
      return this.withClient({
        exchangeSegment: ref.segment,
        exchangeInstrumentID: ref.exchangeInstrumentId,
        productType: request.product,
        orderType: XTS_ORDER_TYPE[request.type],
        orderSide: request.side,
        timeInForce: 'DAY',
        disclosedQuantity: 0,
        orderQuantity: request.quantity,
        limitPrice: request.price === null ? 0 : paiseToXtsRupees(request.price),
        stopPrice: request.triggerPrice === null ? 0 : paiseToXtsRupees(request.triggerPrice),
        orderUniqueIdentifier: request.clientOrderId,
      });
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error);
      throw xtsClientRefusal('BROKER_INPUT_REJECTED', `The order could not be written in XTS's terms (${cause}); nothing was sent.`);
    }
  }

  async modify(request: XtsModifyRequest): Promise<void> {
    await this.http.result(
      {
        method: 'PUT',
        path: '/orders',
        json: this.withClient({
          appOrderID: Number(request.brokerOrderId),
          modifiedProductType: request.product,
          modifiedOrderType: XTS_ORDER_TYPE[request.type],
          modifiedOrderQuantity: request.quantity,
          modifiedDisclosedQuantity: 0,
          modifiedLimitPrice: request.price === null ? 0 : paiseToXtsRupees(request.price),
          modifiedStopPrice: request.triggerPrice === null ? 0 : paiseToXtsRupees(request.triggerPrice),
          modifiedTimeInForce: 'DAY',
          orderUniqueIdentifier: request.clientOrderId,
        }),
      },
      XtsOrderAckSchema,
    );
  }

  async cancel(brokerOrderId: string, clientOrderId: ClientOrderId): Promise<void> {
    await this.http.result({ method: 'DELETE', path: '/orders', query: { appOrderID: brokerOrderId, orderUniqueIdentifier: clientOrderId, clientID: this.dealerClient() } }, XtsOrderAckSchema);
  }

  async orders(): Promise<XtsOrderView[]> {
    const rows = await this.list({ method: 'GET', path: '/orders', query: { clientID: this.dealerClient() } }, XtsOrderRowSchema);
    return rows.map((row) => toOrderView(row, this.options.directory));
  }

  /** Every state one order went through, oldest first. */
  async orderHistory(brokerOrderId: string): Promise<XtsOrderView[]> {
    const rows = await this.list({ method: 'GET', path: '/orders', query: { appOrderID: brokerOrderId, clientID: this.dealerClient() } }, XtsOrderRowSchema);
    return rows.map((row) => toOrderView(row, this.options.directory));
  }

  async trades(): Promise<XtsTradeView[]> {
    const rows = await this.list({ method: 'GET', path: '/orders/trades', query: { clientID: this.dealerClient() } }, XtsTradeRowSchema);
    return rows.flatMap((row) => toTradeView(row, this.options.directory) ?? []);
  }

  async positions(dayOrNet: 'NetWise' | 'DayWise' = 'NetWise'): Promise<NonNullable<ReturnType<typeof toPositionView>>[]> {
    try {
      const result = await this.http.result({ method: 'GET', path: '/portfolio/positions', query: { dayOrNet, clientID: this.dealerClient() } }, XtsPositionsResultSchema);
      return result.positionList.flatMap((row) => toPositionView(row, this.options.directory) ?? []);
    } catch (error) {
      if (xtsErrorDetails(error)?.xtsCode === NO_DATA) return [];
      throw error;
    }
  }

  async balance(): Promise<XtsBalance> {
    const result = await this.http.result({ method: 'GET', path: '/user/balance', query: { clientID: this.dealerClient() } }, XtsBalanceResultSchema);
    const limits = result.BalanceList[0]?.limitObject.RMSSubLimits;
    return { cashAvailable: xtsPaise(limits?.cashAvailable), marginUtilized: xtsPaise(limits?.marginUtilized), netMarginAvailable: xtsPaise(limits?.netMarginAvailable), raw: result };
  }

  /**
   * Places without ever placing twice. A lost answer (timeout, reset, 5xx) may hide an accepted
   * order: the book is searched by orderUniqueIdentifier until the grace ends. A 429 from XTS
   * should mean "not placed", but a doubled position costs more than a look: the order is resent
   * (same identifier) only once the book confirms it absent. Definitive refusals are thrown.
   */
  async placeIdempotent(request: XtsPlaceRequest): Promise<XtsPlaceOutcome> {
    const graceMs = this.options.placeGraceMs ?? 3_000;
    const pollMs = this.options.placePollMs ?? 250;
    for (let resends = 0; ; resends += 1) {
      let failure: DomainErrorType;
      try {
        return { outcome: 'placed', ...(await this.place(request)) };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        failure = error;
      }
      const rateLimited = failure.code === 'BROKER_RATE_LIMITED' && xtsErrorDetails(failure)?.source === 'server';
      if (!rateLimited && !isXtsOutcomeUnknown(failure)) throw failure;
      const deadline = Date.now() + graceMs;
      for (;;) {
        const askedAt = Date.now();
        try {
          const found = (await this.orders()).find((order) => order.clientOrderId === request.clientOrderId);
          if (found) return { outcome: 'found', brokerOrderId: found.brokerOrderId, order: found };
          if (askedAt >= deadline) break;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          if (error.code === 'BROKER_SESSION_EXPIRED' || Date.now() >= deadline) return { outcome: 'unknown', error };
        }
        await delay(Math.min(pollMs, Math.max(0, deadline - Date.now())));
      }
      if (!rateLimited) return { outcome: 'not-found', error: failure };
      if (resends >= RATE_LIMITED_RESENDS) throw failure;
    }
  }

  /** A list endpoint; "Data Not found." (e-response-0004) is an empty book, not an error. */
  private async list<T>(request: Parameters<XtsHttp['result']>[0], row: z.ZodType<T>): Promise<T[]> {
    try {
      return await this.http.result(request, z.array(row).nullish().transform((rows) => rows ?? []));
    } catch (error) {
      if (xtsErrorDetails(error)?.xtsCode === NO_DATA) return [];
      throw error;
    }
  }

  private dealerClient(): string | undefined {
    return this.dealer ? this.options.clientId : undefined;
  }

  private withClient(body: Record<string, unknown>): Record<string, unknown> {
    const clientID = this.dealerClient();
    return clientID ? { ...body, clientID } : body;
  }
}
