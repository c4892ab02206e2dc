import {
  applyOrderEventInPlace,
  bookOf,
  clonePosition,
  type AccountId,
  type EngineEvent,
  type EngineEventOf,
  type Order,
  type OrderId,
  type OrderStatus,
  type PositionBook,
  type PositionState,
  type Product,
} from '@strikedesk/domain';
import type { FoldRules, JournalRecord } from '@strikedesk/db/client';
import { EXIT_ORIGINS } from '../risk/exit-origins.ts';
import { AccountBook, bookKey, splitTradeKey, tradeKey, type InstrumentExposure, type WorkingTotals } from './account-book.ts';
import type { DayPnlTerms } from './day-pnl-terms.ts';
import { foldFill } from './fold-fill.ts';
import { OrderActivity, segmentOf, type OrderActivityCounts } from './order-activity.ts';
import { orderNumber } from './order-ids.ts';
import type { TradingStateSnapshot } from './trading-state-snapshot.ts';

export type { InstrumentExposure, WorkingTotals } from './account-book.ts';

export class JournalGapError extends Error {
  constructor(expected: number, got: number) {
    super(`journal out of order: expected seq ${expected}, got ${got}`);
    this.name = 'JournalGapError';
  }
}

export type WorkingOrder = { orderId: OrderId; instrumentId: string; product: Product; side: Order['side']; remainingQuantity: number };

const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();
/** Every rule from the journal's first record: a new journal's, and tests'. */
const ALL_RULES: FoldRules = { booksClosedOutsideFrom: 1 };
const TERMINAL: Readonly<Record<OrderStatus, boolean>> = {
  SUBMITTED: false,
  OPEN: false,
  TRIGGER_PENDING: false,
  PENDING_MODIFY: false,
  PENDING_CANCEL: false,
  PARTIALLY_FILLED: false,
  FILLED: true,
  CANCELED: true,
  REJECTED: true,
  DENIED: true,
  EXPIRED: true,
};

/**
 * The engine's trading state as a pure fold of the journal: orders, positions (the account's net
 * positions and the strategies'/portfolios' virtual books), the order-rate windows and the
 * per-account indexes the OMS and the risk checks read (AccountBook). Only `apply` mutates it, one
 * journal record at a time, in seq order — so replaying the journal after a restart (from a
 * snapshot or from the start) rebuilds exactly what was there.
 *
 * Orders and positions are updated in place — the fold owns them, and copying a 26-field order on
 * every event was most of its cost (docs/benchmarks.md, "Engine core"). Whoever hands one out
 * beyond the current call copies it: the journal writer's envelopes, snapshots, views. Engine order
 * ids carry a global counter, so orders are found by it in an array rather than a hash map.
 */
export class TradingState {
  /** From which journal seq each rule of the fold applies (the journal's `foldRules`; all of them when new). */
  private rules: FoldRules;
  /** Orders by the `n` of their id; ids of another shape (none today) in `otherOrders`. */
  private readonly byNumber: (Order | undefined)[] = [];
  private readonly otherOrders = new Map<string, Order>();
  private readonly accountBooks = new Map<AccountId, AccountBook>();
  private readonly pendingModifies = new Map<OrderId, EngineEventOf<'OrderModifyRequested'>>();
  private appliedSeq = 0;
  private highestNumber = 0;
  private lastEventAt = 0;

  constructor(rules: FoldRules = ALL_RULES) {
    this.rules = rules;
  }

  /**
   * Rules recorded after the state was folded (an engine's first start with them): they may only
   * begin after what was folded, which followed the old ones.
   */
  adoptRules(rules: FoldRules): void {
    if (rules.booksClosedOutsideFrom <= this.appliedSeq && rules.booksClosedOutsideFrom !== this.rules.booksClosedOutsideFrom) {
      throw new Error(`fold rule from seq ${rules.booksClosedOutsideFrom} would reinterpret records already folded (up to ${this.appliedSeq})`);
    }
    this.rules = rules;
  }

  get lastSeq(): number {
    return this.appliedSeq;
  }

  /**
   * The highest `n` of any journaled order id `<yymmdd>-<n>`. New ids continue after it — never
   * after a count, since a failed write leaves a gap in n and a count would land on a used id.
   */
  get highestOrderNumber(): number {
    return this.highestNumber;
  }

  apply(record: JournalRecord): Order {
    if (record.seq !== this.appliedSeq + 1) throw new JournalGapError(this.appliedSeq + 1, record.seq);
    const { event } = record;
    const previous = this.order(event.orderId);
    const statusBefore = previous?.status;
    const workingBefore = previous ? this.workingQuantity(previous) : 0;
    const order = applyOrderEventInPlace(previous, event);
    const book = previous === undefined ? this.book(order.accountId) : (this.accountBooks.get(order.accountId) as AccountBook);
    if (previous === undefined) this.remember(order);
    this.index(record.seq, event, order, book);
    if (TERMINAL[order.status]) {
      book.open.delete(order.orderId);
      if (this.pendingModifies.size > 0) this.pendingModifies.delete(order.orderId);
    } else if (statusBefore === undefined) book.open.set(order.orderId, order);
    else if (TERMINAL[statusBefore]) this.reopen(book, order);
    const workingAfter = this.workingQuantity(order);
    if (workingAfter !== workingBefore) book.addWorking(order.instrumentId, order.side, order.product, workingAfter - workingBefore);
    this.appliedSeq = record.seq;
    if (event.at > this.lastEventAt) this.lastEventAt = event.at;
    return order;
  }

  /**
   * Back among the open orders (a modify up that reconciliation found working after its first fills
   * had finished it here), in creation order as a snapshot restore lists them. Rare: rebuilds the map.
   */
  private reopen(book: AccountBook, order: Order): void {
    const open = new Map(book.open);
    open.set(order.orderId, order);
    book.open.clear();
    for (const orderId of book.orderIds) {
      const each = open.get(orderId);
      if (each) book.open.set(orderId, each);
    }
  }

  private remember(order: Order): void {
    const n = orderNumber(order.orderId);
    if (n > 0) {
      this.byNumber[n] = order;
      if (n > this.highestNumber) this.highestNumber = n;
    } else this.otherOrders.set(order.orderId, order);
  }

  /**
   * An order's unfilled quantity while it works; a pending modify counts the larger size — also
   * once a cancel was requested after it, since the broker may still apply the modify first.
   */
  private workingQuantity(order: Order): number {
    if (TERMINAL[order.status]) return 0;
    if (order.status !== 'PENDING_MODIFY' && order.status !== 'PENDING_CANCEL') return order.quantity - order.filledQuantity;
    const pending = this.pendingModifies.get(order.orderId);
    const quantity = pending && pending.quantity > order.quantity ? pending.quantity : order.quantity;
    return quantity - order.filledQuantity;
  }

  private index(seq: number, event: EngineEvent, order: Order, book: AccountBook): void {
    switch (event.type) {
      case 'OrderSubmitted':
      case 'OrderDenied':
        book.orderIds.push(order.orderId);
        book.byClientOrderId.set(event.clientOrderId, order);
        if (event.type === 'OrderSubmitted') book.activity.record(segmentOf(order.instrumentId), event.at);
        break;
      case 'OrderModifyRequested':
        this.pendingModifies.set(order.orderId, event);
        book.activity.record(segmentOf(order.instrumentId), event.at);
        break;
      case 'OrderModified':
      case 'OrderModifyRejected':
        this.pendingModifies.delete(order.orderId);
        break;
      case 'OrderFilled':
        foldFill(book, order, event, seq >= this.rules.booksClosedOutsideFrom);
        break;
      default:
        break;
    }
  }

  private book(accountId: AccountId): AccountBook {
    let book = this.accountBooks.get(accountId);
    if (!book) this.accountBooks.set(accountId, (book = new AccountBook()));
    return book;
  }

  order(orderId: string): Order | undefined {
    const n = orderNumber(orderId);
    const order = n > 0 ? this.byNumber[n] : this.otherOrders.get(orderId);
    // The number alone is not the id (another day's prefix): compare the whole id.
    return order !== undefined && order.orderId === orderId ? order : undefined;
  }

  findByClientOrderId(accountId: AccountId, clientOrderId: string): Order | undefined {
    return this.accountBooks.get(accountId)?.byClientOrderId.get(clientOrderId);
  }

  /**
   * By the broker's order id: a scan of the account's orders, newest first. Only reconciliation
   * asks (for a trade the journal does not have), so no index is kept — it would cost every order
   * a map entry (docs/benchmarks.md, "Engine core").
   */
  findByBrokerOrderId(accountId: AccountId, brokerOrderId: string): Order | undefined {
    const orderIds = this.accountBooks.get(accountId)?.orderIds ?? [];
    for (let index = orderIds.length - 1; index >= 0; index -= 1) {
      const order = this.order(orderIds[index] as OrderId);
      if (order?.brokerOrderId === brokerOrderId) return order;
    }
    return undefined;
  }

  /** An account's orders, newest first: all of them, or those created since `sinceMs` plus every unfinished one. */
  ordersOf(accountId: AccountId, sinceMs?: number): Order[] {
    const book = this.accountBooks.get(accountId);
    if (!book) return [];
    const newestFirst: Order[] = [];
    for (let index = book.orderIds.length - 1; index >= 0; index -= 1) {
      const order = this.order(book.orderIds[index] as OrderId);
      if (!order) continue;
      if (sinceMs === undefined || order.createdAt >= sinceMs || book.open.has(order.orderId)) newestFirst.push(order);
    }
    return newestFirst;
  }

  /** An account's unfinished orders (working, or in flight at the broker). */
  openOrdersOf(accountId: AccountId): Order[] {
    return [...(this.accountBooks.get(accountId)?.open.values() ?? [])];
  }

  openOrderCount(accountId: AccountId): number {
    return this.accountBooks.get(accountId)?.open.size ?? 0;
  }

  /**
   * An account's working and in-flight orders with their unfilled quantity. An order with a modify
   * pending counts the larger of its current and requested quantity: until the broker answers,
   * either may be the one that fills.
   */
  workingOrdersOf(accountId: AccountId): WorkingOrder[] {
    const working: WorkingOrder[] = [];
    for (const order of this.accountBooks.get(accountId)?.open.values() ?? []) {
      working.push({ orderId: order.orderId, instrumentId: order.instrumentId, product: order.product, side: order.side, remainingQuantity: this.workingQuantity(order) });
    }
    return working;
  }

  /** Unfilled quantity of the account's working orders of one product on an instrument, by side (a fresh object). */
  productWorking(accountId: AccountId, instrumentId: string, product: Product): WorkingTotals {
    return this.accountBooks.get(accountId)?.productWorking(instrumentId, product) ?? { buy: 0, sell: 0 };
  }

  /** The signed net quantity of the account's position in one product (what a broker nets an order of that product against). */
  netQuantity(accountId: AccountId, instrumentId: string, product: Product): number {
    return this.accountBooks.get(accountId)?.netPosition(instrumentId, product)?.netQuantity ?? 0;
  }

  /**
   * Working totals and net quantity per instrument the account ever ordered or held (kept by the
   * fold; read-only). Entries can be all zero: readers skip them.
   */
  exposures(accountId: AccountId): ReadonlyMap<string, InstrumentExposure> {
    return this.accountBooks.get(accountId)?.instruments ?? EMPTY;
  }

  /** The account's net positions (what the broker holds), one per instrument and product. Read-only. */
  positionsOf(accountId: AccountId): PositionState[] {
    return [...(this.accountBooks.get(accountId)?.netList ?? [])];
  }

  /** The same without a copy of the list, for per-order checks. Read-only. */
  netPositions(accountId: AccountId): readonly PositionState[] {
    return this.accountBooks.get(accountId)?.netList ?? [];
  }

  /**
   * The account's day P&L terms for IST day `day` (built from the net positions when they describe
   * another day or none yet), or undefined for an account without orders. Read-only.
   */
  dayPnlTerms(accountId: AccountId, day: number): DayPnlTerms | undefined {
    const book = this.accountBooks.get(accountId);
    if (!book) return undefined;
    if (book.dayPnl.day !== day) book.dayPnl.rebuild(book.netList, day);
    return book.dayPnl;
  }

  /** The signed net quantity one virtual book (a strategy's, a portfolio's) holds in one instrument and product. */
  bookQuantity(accountId: AccountId, instrumentId: string, product: Product, book: PositionBook): number {
    return this.accountBooks.get(accountId)?.books.get(bookKey(instrumentId, product, book.strategyId, book.portfolioId))?.netQuantity ?? 0;
  }

  /**
   * The signed net quantity the account's virtual books (strategies, portfolios) hold in one
   * instrument and product, leaving out the book `except` (null: none).
   */
  bookedQuantity(accountId: AccountId, instrumentId: string, product: Product, except: PositionBook | null): number {
    let total = 0;
    for (const position of this.accountBooks.get(accountId)?.booksOn(instrumentId) ?? []) {
      if (position.product !== product) continue;
      if (except !== null && position.strategyId === except.strategyId && position.portfolioId === except.portfolioId) continue;
      total += position.netQuantity;
    }
    return total;
  }

  /**
   * What the account's working exits (orders of an exit origin: square-off, kill switch, risk,
   * intraday square-off) on `side` would still close in one instrument and product — with `ofBook`,
   * only that book's and (`alsoUnattributed`) the unattributed ones (exitLimit). One whose cancel is pending is left
   * out: a flatten sends its exits while the cancels it asked for are unconfirmed. Rare (exits):
   * scans the account's open orders.
   */
  workingExitQuantity(accountId: AccountId, instrumentId: string, product: Product, side: Order['side'], ofBook?: PositionBook | null, alsoUnattributed = true): number {
    let total = 0;
    for (const order of this.accountBooks.get(accountId)?.open.values() ?? []) {
      if (order.instrumentId !== instrumentId || order.product !== product || order.side !== side || order.status === 'PENDING_CANCEL' || !EXIT_ORIGINS.has(order.origin)) continue;
      if (ofBook !== undefined) {
        const own = bookOf(order);
        if (own === null ? !alsoUnattributed : ofBook === null || own.strategyId !== ofBook.strategyId || own.portfolioId !== ofBook.portfolioId) continue;
      }
      total += this.workingQuantity(order);
    }
    return total;
  }

  /** The virtual books: positions attributed to strategies and multi-leg portfolios. Read-only. */
  bookPositionsOf(accountId: AccountId): PositionState[] {
    return [...(this.accountBooks.get(accountId)?.books.values() ?? [])];
  }

  /** Accounts holding at least one non-flat net position, in any product (the Greeks stream, the daily-loss and keep-flat passes). */
  accountsWithOpenPositions(): AccountId[] {
    const accounts: AccountId[] = [];
    for (const [accountId, book] of this.accountBooks) if (book.openPositions > 0) accounts.push(accountId);
    return accounts;
  }

  /** Every account that ever had an order. */
  accounts(): AccountId[] {
    return [...this.accountBooks.keys()];
  }

  /** Orders not yet finished (including in-flight ones the broker may not have answered). */
  openOrders(): Order[] {
    const open: Order[] = [];
    for (const book of this.accountBooks.values()) for (const order of book.open.values()) open.push(order);
    return open;
  }

  pendingModify(orderId: OrderId): EngineEventOf<'OrderModifyRequested'> | undefined {
    return this.pendingModifies.get(orderId);
  }

  /** Whether the order's fill with this broker trade id is folded already. */
  hasTrade(order: Pick<Order, 'accountId' | 'orderId'>, tradeId: string): boolean {
    return this.accountBooks.get(order.accountId)?.trades.has(order.orderId, tradeId) ?? false;
  }

  /** The broker trade ids of every fill folded (a venue resuming continues its numbering after them). */
  knownTradeIds(): string[] {
    return [...this.accountBooks.values()].flatMap((book) => [...book.trades.entries()].map(([, tradeId]) => tradeId));
  }

  knownBrokerOrderIds(): string[] {
    const ids: string[] = [];
    for (const book of this.accountBooks.values()) {
      for (const orderId of book.orderIds) {
        const brokerOrderId = this.order(orderId)?.brokerOrderId;
        if (brokerOrderId) ids.push(brokerOrderId);
      }
    }
    return ids;
  }

  orderActivity(accountId: AccountId, segment: string, now: number): OrderActivityCounts {
    return (this.accountBooks.get(accountId)?.activity ?? new OrderActivity()).counts(segment, now);
  }

  /** Everything needed to continue the fold after `lastSeq`. Copies, never live objects. */
  toSnapshot(): TradingStateSnapshot {
    const books = [...this.accountBooks];
    return {
      lastSeq: this.appliedSeq,
      highestOrderNumber: this.highestNumber,
      lastEventAt: this.lastEventAt,
      orders: books.flatMap(([, book]) => book.orderIds.map((id) => this.order(id)).filter((order) => order !== undefined).map((order) => ({ ...order }))),
      pendingModifies: [...this.pendingModifies.values()],
      netPositions: books.flatMap(([, book]) => book.netList.map(clonePosition)),
      bookPositions: books.flatMap(([, book]) => [...book.books.values()].map(clonePosition)),
      tradeIds: books.flatMap(([accountId, book]) => [...book.trades.entries()].map(([orderId, tradeId]) => [accountId, tradeKey(orderId, tradeId)] as [AccountId, string])),
      activity: books.map(([accountId, book]) => [accountId, book.activity.snapshot(this.lastEventAt)]),
    };
  }

  /** `rules`: the journal's, as for a replay (the snapshot holds state, not the rules it was folded under). */
  static fromSnapshot(snapshot: TradingStateSnapshot, rules: FoldRules = ALL_RULES): TradingState {
    const state = new TradingState(rules);
    state.appliedSeq = snapshot.lastSeq;
    state.highestNumber = snapshot.highestOrderNumber;
    state.lastEventAt = snapshot.lastEventAt;
    for (const pending of snapshot.pendingModifies) state.pendingModifies.set(pending.orderId, pending);
    for (const order of snapshot.orders) {
      const book = state.book(order.accountId);
      state.remember(order);
      book.orderIds.push(order.orderId);
      book.byClientOrderId.set(order.clientOrderId, order);
      if (!TERMINAL[order.status]) {
        book.open.set(order.orderId, order);
        book.addWorking(order.instrumentId, order.side, order.product, state.workingQuantity(order));
      }
    }
    state.highestNumber = snapshot.highestOrderNumber;
    for (const position of snapshot.netPositions) {
      const book = state.book(position.accountId);
      book.addNetPosition(clonePosition(position));
      book.addNet(position.instrumentId, position.netQuantity);
    }
    for (const position of snapshot.bookPositions) state.book(position.accountId).addBookPosition(clonePosition(position));
    for (const [accountId, key] of snapshot.tradeIds) state.book(accountId).trades.add(...splitTradeKey(key));
    for (const [accountId, activity] of snapshot.activity) state.book(accountId).activity = OrderActivity.restore(activity);
    return state;
  }
}
