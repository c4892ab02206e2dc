import {
  DomainError,
  ENGINE_USER_ID,
  expiryInstantMs,
  expirySettlementPrice,
  istDate,
  type AccountId,
  type EngineEvent,
  type EngineEventOf,
  type Instrument,
  type Paise,
  type PositionBook,
  type Product,
  type Tick,
  type TradeId,
} from '@strikedesk/domain';
import type { Clock } from '../market/simulator-runner.ts';
import { isNseSessionOpen } from '../market/market-hours.ts';
import type { OrderManager } from './order-manager.ts';
import { isCancelable } from './order-decider.ts';
import { generatedClientOrderId } from './order-ids.ts';
import type { TradingState } from './trading-state.ts';

export type ExpirySettlementDeps = {
  state: TradingState;
  orders: Pick<OrderManager, 'withAccount' | 'commit' | 'decider' | 'cancel'>;
  instrument(id: string): Instrument | undefined;
  /** The index an underlying's futures and options settle on. */
  indexOf(underlying: string): Instrument | undefined;
  latest(instrumentId: string): Tick | undefined;
  /** NSE trading holidays (YYYY-MM-DD): which session came before a day. */
  holidays: ReadonlySet<string>;
  clock: Clock;
  /**
   * How long after the close an order still working in the contract is cancelled (default: the
   * working-orders grace, by when a broker on NSE's hours has long reported the exchange's
   * cancellation). The always-open sandbox's venue never ends its session, so nothing else ends
   * them there: 0 cancels them at the close, as the exchange does.
   */
  cancelWorkingAfterMs?: number;
  logger: { info(details: object, message: string): void; warn(details: object, message: string): void; error(details: object, message: string): void };
};

const DAY_MS = 86_400_000;
/** How close to 15:30 the index's last print of the expiry day must be to stand for its close. */
const CLOSE_PRINT_WINDOW_MS = 60_000;
/** How long after the close working orders in an expired contract are waited for before settling. */
const WORKING_ORDERS_GRACE_MS = 5 * 60_000;
/** 10:00 IST, inside the session, on a day given as its UTC midnight. */
const MID_SESSION_MS = 4.5 * 3_600_000;

/**
 * Settles positions held to expiry (docs/adr/0010-positions-day-carried-books.md): NSE's index
 * futures and options are cash-settled at 15:30 IST on their expiry day, after which the broker holds
 * nothing. Each position still open in an expired contract — the account's, and each strategy's or
 * portfolio's book — is closed in the journal by orders of origin EXPIRY, filled at the settlement
 * price (expirySettlementPrice) and dated at the expiry's close, so the P&L is realized on the
 * expiry day and reconciliation no longer finds a position the broker dropped. Never sent to the
 * broker. Orders still working in the contract are waited for a few minutes (a fill on the wire).
 *
 * The underlying's settlement price is its index's print at the close (stamped within a minute of
 * 15:30 on the expiry day), or — when the engine was not running then — the index's previous close
 * as the next session reports it, if no session came between. Without either, the position is left
 * open with a warning (and reconciliation raises it).
 */
export class ExpirySettlement {
  /** `underlying|expiry` → the settlement price found for it (the first one seen stands). */
  private readonly references = new Map<string, Paise>();
  private readonly warned = new Set<string>();
  /** Orders in expired contracts whose cancel was asked: once each (a broker that refuses it has ended them itself; reconciliation settles that). */
  private readonly cancelAsked = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly deps: ExpirySettlementDeps) {}

  start(intervalMs = 30_000): void {
    this.timer = setInterval(() => {
      this.settleDue().catch((error: unknown) => this.deps.logger.error({ err: error }, 'expiry settlement failed; the next pass retries'));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass: settles every open position in a contract past its expiry; returns how many (per instrument and product). */
  async settleDue(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      let settled = 0;
      const { state } = this.deps;
      await this.cancelExpiredOrders();
      for (const accountId of state.accounts()) {
        // The account's net positions and its virtual books: strategies' and portfolios' positions
        // may be open while the account is flat (a strategy long, a portfolio short).
        const open = new Map<string, { instrumentId: string; product: Product }>();
        for (const position of [...state.netPositions(accountId), ...state.bookPositionsOf(accountId)]) {
          if (position.netQuantity !== 0) open.set(`${position.instrumentId}|${position.product}`, { instrumentId: position.instrumentId, product: position.product });
        }
        for (const { instrumentId, product } of open.values()) {
          try {
            if (await this.settle(accountId, instrumentId, product)) settled += 1;
          } catch (error) {
            // One position's failure (its journal write) must not leave the others open.
            this.deps.logger.error({ err: error, accountId, instrumentId, product }, 'could not settle an expired position; the next pass retries');
          }
        }
      }
      return settled;
    } finally {
      this.running = false;
    }
  }

  private async settle(accountId: AccountId, instrumentId: string, product: Product): Promise<boolean> {
    const instrument = this.deps.instrument(instrumentId);
    if (!instrument) {
      // Neither listed today nor remembered from an earlier listing (instruments/held-contracts.ts):
      // a position from before the engine remembered its listings, or a contract it never listed.
      this.warnOnce(`${accountId}|${instrumentId}`, { accountId, instrumentId }, 'a position is open in an instrument the engine does not know (not listed today, no remembered definition): it cannot be settled here; settle it from the broker\'s books');
      return false;
    }
    if (!instrument.expiry) return false;
    const closeAt = expiryInstantMs(instrument.expiry);
    const now = this.deps.clock.now();
    if (now < closeAt) return false;
    const { state, orders, logger } = this.deps;
    // An order still working in it may yet fill (its fill on the wire at the close): settled first,
    // that fill would open the position again. Waited for, a while: the exchange expires them.
    const working = state.openOrdersOf(accountId).some((order) => order.instrumentId === instrumentId && order.product === product);
    if (working && now < closeAt + WORKING_ORDERS_GRACE_MS) return false;
    const underlying = this.settlementReference(instrument.underlying, instrument.expiry, closeAt);
    const price = underlying === null ? null : expirySettlementPrice(instrument, underlying);
    if (price === null) {
      this.warnOnce(`${accountId}|${instrument.id}`, { accountId, instrumentId: instrument.id, expiry: instrument.expiry }, 'an expired position cannot be settled: no settlement price for its underlying (no index price at the expiry close); reconciliation will raise it');
      return false;
    }
    return orders.withAccount(accountId, async () => {
      const events = this.settlementEvents(accountId, instrument, product, price, closeAt, now);
      if (events.length === 0) return false;
      await orders.commit(events);
      logger.info({ accountId, instrumentId: instrument.id, product, price, underlying, orders: events.length / 2 }, 'settled a position held to expiry');
      return true;
    });
  }

  /**
   * Cancels the orders still working in contracts past their expiry close (a while after it: the
   * exchange cancels them itself at the close, and its word normally arrives first). Left working
   * where the venue keeps the contract (the always-open sandbox), one would fill at the expired
   * contract's prices after the settlement — a trade after expiry, settled a second time.
   */
  private async cancelExpiredOrders(): Promise<void> {
    const { state, orders, clock } = this.deps;
    const after = this.deps.cancelWorkingAfterMs ?? WORKING_ORDERS_GRACE_MS;
    const now = clock.now();
    for (const order of state.openOrders()) {
      const expiry = this.deps.instrument(order.instrumentId)?.expiry ?? null;
      if (expiry === null || now < expiryInstantMs(expiry) + after || !isCancelable(order) || this.cancelAsked.has(order.orderId)) continue;
      try {
        await orders.cancel({ accountId: order.accountId, userId: ENGINE_USER_ID, cancel: { orderId: order.orderId } });
        this.cancelAsked.add(order.orderId);
      } catch (error) {
        // Finished meanwhile, or its venue unreachable (not asked): the next pass looks again.
        if (!(error instanceof DomainError)) throw error;
        this.warnOnce(`${order.orderId}|cancel|${error.code}`, { accountId: order.accountId, orderId: order.orderId, instrumentId: order.instrumentId, code: error.code }, 'an order still working in an expired contract could not be cancelled; the next pass retries');
      }
    }
  }

  /**
   * One settlement order per virtual book holding the contract (attributed to it, so the book
   * closes as itself) and one for what the account holds beyond them; together they take the
   * account's net position to flat. Books first: the last, unattributed one then finds them flat
   * and closes none of them again.
   */
  private settlementEvents(accountId: AccountId, instrument: Instrument, product: Product, price: Paise, closeAt: number, now: number): EngineEvent[] {
    const { state, orders } = this.deps;
    const books = state.bookPositionsOf(accountId).filter((position) => position.instrumentId === instrument.id && position.product === product && position.netQuantity !== 0);
    const unattributed = state.netQuantity(accountId, instrument.id, product) - books.reduce((total, position) => total + position.netQuantity, 0);
    const parts: { quantity: number; book: PositionBook | null }[] = books.map((position) => ({ quantity: position.netQuantity, book: { strategyId: position.strategyId, portfolioId: position.portfolioId } }));
    if (unattributed !== 0) parts.push({ quantity: unattributed, book: null });
    return parts.flatMap(({ quantity, book }): EngineEvent[] => {
      const orderId = orders.decider.allocateOrderId(now);
      const base = { accountId, orderId, at: now };
      const submitted: EngineEventOf<'OrderSubmitted'> = {
        type: 'OrderSubmitted',
        ...base,
        clientOrderId: generatedClientOrderId(orderId),
        userId: ENGINE_USER_ID,
        spec: { instrumentId: instrument.id, side: quantity > 0 ? 'SELL' : 'BUY', type: 'MARKET', product, quantity: Math.abs(quantity), price: null, triggerPrice: null },
        origin: 'EXPIRY',
      };
      if (book?.strategyId) submitted.strategyId = book.strategyId;
      if (book?.portfolioId) submitted.portfolioId = book.portfolioId;
      // Dated at the expiry's close, whenever it is recorded: the P&L belongs to the expiry day.
      return [submitted, { type: 'OrderFilled', ...base, tradeId: `EXPIRY-${instrument.expiry}-${orderId}` as TradeId, quantity: Math.abs(quantity), price, executedAt: closeAt }];
    });
  }

  /** The underlying's settlement price for an expiry day, or null when no price seen is that day's. */
  private settlementReference(underlying: string, expiry: string, closeAt: number): Paise | null {
    const key = `${underlying}|${expiry}`;
    const known = this.references.get(key);
    if (known !== undefined) return known;
    const index = this.deps.indexOf(underlying);
    const tick = index ? this.deps.latest(index.id) : undefined;
    if (!tick || tick.lastPrice <= 0) return null;
    const tickDay = istDate(tick.timestamp);
    let reference: Paise | null = null;
    // A print of the expiry day at its close (not one of a feed that stopped hours before): the
    // day's close, as NSE settles on (its official figure is the closing value; this is the last print).
    if (tickDay === expiry && tick.timestamp >= closeAt - CLOSE_PRINT_WINDOW_MS) reference = tick.lastPrice;
    // A later session: its previous close is the expiry day's only if no session came between.
    else if (tickDay > expiry && this.previousSession(tickDay) === expiry && tick.previousClose > 0) reference = tick.previousClose;
    if (reference !== null) this.references.set(key, reference);
    return reference;
  }

  /** The NSE session day before `day` (YYYY-MM-DD): weekends and holidays skipped. */
  private previousSession(day: string): string | null {
    let at = Date.parse(`${day}T00:00:00Z`);
    for (let step = 0; step < 15; step += 1) {
      at -= DAY_MS;
      if (isNseSessionOpen(at + MID_SESSION_MS, this.deps.holidays)) return new Date(at).toISOString().slice(0, 10);
    }
    return null;
  }

  private warnOnce(key: string, details: object, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.deps.logger.warn(details, message);
  }
}
