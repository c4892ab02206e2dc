import {
  applyFill,
  applyOrderEvent,
  bookOf,
  emptyPosition,
  isTerminalStatus,
  istDayNumber,
  NET_BOOK,
  positionKey,
  type AccountId,
  type EngineEvent,
  type EngineEventOf,
  type Order,
  type OrderId,
  type PositionBook,
  type PositionState,
  type Product,
} from '@strikedesk/domain';
import type { JournalRecord } from '@strikedesk/db/client';
import { OrderActivity, type OrderActivityCounts } from './order-activity.ts';
import type { TradingStateSnapshot } from './trading-state-snapshot.ts';

const ORDER_NUMBER = /^\d{6}-(\d+)$/;
/** `n` of an engine order id `<yymmdd>-<n>`; 0 for an id of another shape (none are journaled today). */
const orderNumber = (orderId: string): number => Number(ORDER_NUMBER.exec(orderId)?.[1] ?? 0);

/** The exchange segment of an instrument id (`NFO:…` → NFO): the unit of SEBI's order-rate limit. */
export const segmentOf = (instrumentId: string): string => instrumentId.slice(0, instrumentId.indexOf(':'));

/**
 * How many journal records of finished orders keep their history in memory for the event-stream
 * backlog; older ones are folded from the journal on demand (EventStream).
 */
export const HISTORY_RETAINED_RECORDS = 50_000;

export class JournalGapError extends Error {
  constructor(expected: number, got: number) {
    super(`journal out of order: expected seq ${expected}, got ${got}`);
    this.name = 'JournalGapError';
  }
}

export type WorkingOrder = { orderId: OrderId; instrumentId: string; product: Product; side: Order['side']; remainingQuantity: number };

/**
 * The engine's trading state as a pure fold of the journal: orders, positions (the account's net
 * positions and the strategies'/portfolios' virtual books), the order-rate windows and the indexes
 * the OMS needs. Only `apply` mutates it, one journal record at a time, in seq order — so replaying
 * the journal after a restart (from a snapshot or from the start) rebuilds exactly what was there.
 */
export class TradingState {
  private readonly orders = new Map<OrderId, Order>();
  /** Each order's journal records, to rebuild "the order as of seq N" for the event stream backlog. */
  private readonly history = new Map<OrderId, JournalRecord[]>();
  /** Finished orders in the order they finished, for pruning their history. */
  private readonly finished: { seq: number; orderId: OrderId }[] = [];
  private finishedHead = 0;
  /** Each account's order ids in creation (seq) order, so listing an account never scans all orders. */
  private readonly orderIdsByAccount = new Map<AccountId, OrderId[]>();
  /** Each account's unfinished orders (working or in flight): risk checks iterate only these. */
  private readonly openOrderIds = new Map<AccountId, Set<OrderId>>();
  private readonly byClientOrderId = new Map<string, OrderId>();
  private readonly byBrokerOrderId = new Map<string, OrderId>();
  private readonly netPositions = new Map<AccountId, Map<string, PositionState>>();
  private readonly bookPositions = new Map<AccountId, Map<string, PositionState>>();
  private readonly tradeIds = new Set<string>();
  private readonly pendingModifies = new Map<OrderId, EngineEventOf<'OrderModifyRequested'>>();
  private activity = new OrderActivity();
  private appliedSeq = 0;
  private highestNumber = 0;
  private lastEventAt = 0;

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
    const previous = this.orders.get(event.orderId);
    const order = applyOrderEvent(previous, event);
    this.orders.set(order.orderId, order);
    this.remember(order.orderId, record, previous === undefined);
    this.index(event, order);
    const open = this.accountOpenOrders(order.accountId);
    if (isTerminalStatus(order.status)) {
      if (open.delete(order.orderId) || previous === undefined) this.finished.push({ seq: record.seq, orderId: order.orderId });
      this.pendingModifies.delete(order.orderId);
    } else open.add(order.orderId);
    this.appliedSeq = record.seq;
    this.lastEventAt = Math.max(this.lastEventAt, event.at);
    this.pruneHistory();
    return order;
  }

  private index(event: EngineEvent, order: Order): void {
    switch (event.type) {
      case 'OrderSubmitted':
      case 'OrderDenied':
        this.accountOrderIds(order.accountId).push(order.orderId);
        this.highestNumber = Math.max(this.highestNumber, orderNumber(order.orderId));
        this.byClientOrderId.set(`${event.accountId}|${event.clientOrderId}`, order.orderId);
        if (event.type === 'OrderSubmitted') this.activity.record(order.accountId, segmentOf(order.instrumentId), event.at);
        break;
      case 'OrderAccepted':
        this.byBrokerOrderId.set(event.brokerOrderId, order.orderId);
        break;
      case 'OrderModifyRequested':
        this.pendingModifies.set(order.orderId, event);
        this.activity.record(order.accountId, segmentOf(order.instrumentId), event.at);
        break;
      case 'OrderModified':
      case 'OrderModifyRejected':
        this.pendingModifies.delete(order.orderId);
        break;
      case 'OrderFilled': {
        this.tradeIds.add(event.tradeId);
        // Dated by the broker's execution time when it differs (a fill reconciled after a restart).
        const at = event.executedAt ?? event.at;
        const fill = { accountId: order.accountId, instrumentId: order.instrumentId, product: order.product, side: order.side, quantity: event.quantity, price: event.price, at };
        this.applyToBook(this.netPositions, NET_BOOK, fill);
        const book = bookOf(order);
        if (book) this.applyToBook(this.bookPositions, book, fill);
        break;
      }
      default:
        break;
    }
  }

  private applyToBook(books: Map<AccountId, Map<string, PositionState>>, book: PositionBook, fill: Parameters<typeof applyFill>[1]): void {
    let positions = books.get(fill.accountId);
    if (!positions) books.set(fill.accountId, (positions = new Map()));
    const key = positionKey({ ...fill, ...book });
    const position = positions.get(key) ?? emptyPosition(fill.accountId, fill.instrumentId, fill.product, book);
    positions.set(key, applyFill(position, fill));
  }

  /**
   * History is kept from an order's creation on; an order whose history was pruned (or that came
   * from a snapshot) keeps none, and the event stream folds it from the journal instead.
   */
  private remember(orderId: OrderId, record: JournalRecord, created: boolean): void {
    const history = this.history.get(orderId);
    if (history) history.push(record);
    else if (created) this.history.set(orderId, [record]);
  }

  private pruneHistory(): void {
    const horizon = this.appliedSeq - HISTORY_RETAINED_RECORDS;
    while (this.finishedHead < this.finished.length) {
      const entry = this.finished[this.finishedHead] as { seq: number; orderId: OrderId };
      if (entry.seq > horizon) break;
      this.history.delete(entry.orderId);
      this.finishedHead += 1;
    }
    if (this.finishedHead > 4_096 && this.finishedHead * 2 > this.finished.length) {
      this.finished.splice(0, this.finishedHead);
      this.finishedHead = 0;
    }
  }

  private accountOrderIds(accountId: AccountId): OrderId[] {
    let ids = this.orderIdsByAccount.get(accountId);
    if (!ids) this.orderIdsByAccount.set(accountId, (ids = []));
    return ids;
  }

  private accountOpenOrders(accountId: AccountId): Set<OrderId> {
    let ids = this.openOrderIds.get(accountId);
    if (!ids) this.openOrderIds.set(accountId, (ids = new Set()));
    return ids;
  }

  order(orderId: string): Order | undefined {
    return this.orders.get(orderId as OrderId);
  }

  findByClientOrderId(accountId: AccountId, clientOrderId: string): Order | undefined {
    const orderId = this.byClientOrderId.get(`${accountId}|${clientOrderId}`);
    return orderId === undefined ? undefined : this.orders.get(orderId);
  }

  findByBrokerOrderId(brokerOrderId: string): Order | undefined {
    const orderId = this.byBrokerOrderId.get(brokerOrderId);
    return orderId === undefined ? undefined : this.orders.get(orderId);
  }

  /** An account's orders, newest first: all of them, or those created since `sinceMs` plus every unfinished one. */
  ordersOf(accountId: AccountId, sinceMs?: number): Order[] {
    const ids = this.orderIdsByAccount.get(accountId) ?? [];
    const open = this.openOrderIds.get(accountId);
    const newestFirst: Order[] = [];
    for (let index = ids.length - 1; index >= 0; index -= 1) {
      const order = this.orders.get(ids[index] as OrderId);
      if (!order) continue;
      if (sinceMs === undefined || order.createdAt >= sinceMs || open?.has(order.orderId)) newestFirst.push(order);
    }
    return newestFirst;
  }

  /** An account's unfinished orders (working, or in flight at the broker). */
  openOrdersOf(accountId: AccountId): Order[] {
    const open: Order[] = [];
    for (const orderId of this.openOrderIds.get(accountId) ?? []) {
      const order = this.orders.get(orderId);
      if (order) open.push(order);
    }
    return open;
  }

  openOrderCount(accountId: AccountId): number {
    return this.openOrderIds.get(accountId)?.size ?? 0;
  }

  /**
   * An account's working and in-flight orders with their unfilled quantity (for the exposure
   * limits). An order with a modify pending counts the larger of its current and requested
   * quantity: until the broker answers, either may be the one that fills.
   */
  workingOrdersOf(accountId: AccountId): WorkingOrder[] {
    const working: WorkingOrder[] = [];
    for (const orderId of this.openOrderIds.get(accountId) ?? []) {
      const order = this.orders.get(orderId);
      if (!order) continue;
      const quantity = Math.max(order.quantity, this.pendingModifies.get(orderId)?.quantity ?? 0);
      working.push({ orderId, instrumentId: order.instrumentId, product: order.product, side: order.side, remainingQuantity: quantity - order.filledQuantity });
    }
    return working;
  }

  /** The account's net positions (what the broker holds), one per instrument and product. */
  positionsOf(accountId: AccountId): PositionState[] {
    return [...(this.netPositions.get(accountId)?.values() ?? [])];
  }

  /** The virtual books: positions attributed to strategies and multi-leg portfolios. */
  bookPositionsOf(accountId: AccountId): PositionState[] {
    return [...(this.bookPositions.get(accountId)?.values() ?? [])];
  }

  position(accountId: AccountId, instrumentId: string, product: Product): PositionState | undefined {
    return this.netPositions.get(accountId)?.get(positionKey({ accountId, instrumentId, product }));
  }

  /** Accounts holding at least one non-flat position (those the Greeks stream reports on). */
  accountsWithOpenPositions(): AccountId[] {
    const accounts: AccountId[] = [];
    for (const [accountId, positions] of this.netPositions) {
      for (const position of positions.values()) {
        if (position.netQuantity !== 0) {
          accounts.push(accountId);
          break;
        }
      }
    }
    return accounts;
  }

  /** Every account that ever had an order. */
  accounts(): AccountId[] {
    return [...this.orderIdsByAccount.keys()];
  }

  /** Orders not yet finished (including in-flight ones the broker may not have answered). */
  openOrders(): Order[] {
    const open: Order[] = [];
    for (const accountId of this.openOrderIds.keys()) open.push(...this.openOrdersOf(accountId));
    return open;
  }

  pendingModify(orderId: OrderId): EngineEventOf<'OrderModifyRequested'> | undefined {
    return this.pendingModifies.get(orderId);
  }

  hasTrade(tradeId: string): boolean {
    return this.tradeIds.has(tradeId);
  }

  knownTradeIds(): string[] {
    return [...this.tradeIds];
  }

  knownBrokerOrderIds(): string[] {
    return [...this.byBrokerOrderId.keys()];
  }

  orderActivity(accountId: AccountId, segment: string, now: number): OrderActivityCounts {
    return this.activity.counts(accountId, segment, now);
  }

  /**
   * The order as it stood right after journal record `seq` (which must be one of its records), or
   * undefined when its history is no longer in memory (then fold it from the journal).
   */
  orderAfter(orderId: OrderId, seq: number): Order | undefined {
    const history = this.history.get(orderId);
    if (!history) return undefined;
    let order: Order | undefined;
    for (const record of history) {
      if (record.seq > seq) break;
      order = applyOrderEvent(order, record.event);
    }
    return order;
  }

  /** Everything needed to continue the fold after `lastSeq` (history excepted). */
  toSnapshot(): TradingStateSnapshot {
    const positions = (books: Map<AccountId, Map<string, PositionState>>) => [...books.values()].flatMap((byKey) => [...byKey.values()]);
    return {
      lastSeq: this.appliedSeq,
      highestOrderNumber: this.highestNumber,
      lastEventAt: this.lastEventAt,
      orders: [...this.orderIdsByAccount.values()].flatMap((ids) => ids.map((id) => this.orders.get(id)).filter((order) => order !== undefined)),
      pendingModifies: [...this.pendingModifies.values()],
      netPositions: positions(this.netPositions),
      bookPositions: positions(this.bookPositions),
      tradeIds: [...this.tradeIds],
      activity: this.activity.snapshot(this.lastEventAt),
    };
  }

  static fromSnapshot(snapshot: TradingStateSnapshot): TradingState {
    const state = new TradingState();
    state.appliedSeq = snapshot.lastSeq;
    state.highestNumber = snapshot.highestOrderNumber;
    state.lastEventAt = snapshot.lastEventAt;
    for (const order of snapshot.orders) {
      state.orders.set(order.orderId, order);
      state.accountOrderIds(order.accountId).push(order.orderId);
      state.byClientOrderId.set(`${order.accountId}|${order.clientOrderId}`, order.orderId);
      if (order.brokerOrderId !== null) state.byBrokerOrderId.set(order.brokerOrderId, order.orderId);
      if (!isTerminalStatus(order.status)) state.accountOpenOrders(order.accountId).add(order.orderId);
    }
    for (const pending of snapshot.pendingModifies) state.pendingModifies.set(pending.orderId, pending);
    const load = (books: Map<AccountId, Map<string, PositionState>>, positions: readonly PositionState[]) => {
      for (const position of positions) {
        let byKey = books.get(position.accountId);
        if (!byKey) books.set(position.accountId, (byKey = new Map()));
        byKey.set(positionKey(position), position);
      }
    };
    load(state.netPositions, snapshot.netPositions);
    load(state.bookPositions, snapshot.bookPositions);
    for (const tradeId of snapshot.tradeIds) state.tradeIds.add(tradeId);
    state.activity = OrderActivity.restore(snapshot.activity);
    return state;
  }

  /** IST day of the latest event folded in (the engine's notion of "today" when replaying). */
  get lastEventDay(): number {
    return istDayNumber(this.lastEventAt);
  }
}
