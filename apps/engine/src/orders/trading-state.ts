import {
  applyFill,
  applyOrderEvent,
  emptyPosition,
  isTerminalStatus,
  positionKey,
  type AccountId,
  type EngineEventOf,
  type Order,
  type OrderId,
  type PositionState,
} from '@strikedesk/domain';
import type { JournalRecord } from '@strikedesk/db/client';

const ORDER_NUMBER = /^\d{6}-(\d+)$/;
/** `n` of an engine order id `<yymmdd>-<n>`; 0 for an id of another shape (none are journaled today). */
const orderNumber = (orderId: string): number => Number(ORDER_NUMBER.exec(orderId)?.[1] ?? 0);

export class JournalGapError extends Error {
  constructor(expected: number, got: number) {
    super(`journal out of order: expected seq ${expected}, got ${got}`);
    this.name = 'JournalGapError';
  }
}

/**
 * The engine's trading state as a pure fold of the journal: orders, positions and the indexes the
 * OMS needs. Only `apply` mutates it, one journal record at a time, in seq order — so replaying the
 * journal after a restart rebuilds exactly what was there.
 */
export class TradingState {
  private readonly orders = new Map<OrderId, Order>();
  /** Each order's journal records, to rebuild "the order as of seq N" for the event stream backlog. */
  private readonly history = new Map<OrderId, JournalRecord[]>();
  /** Each account's order ids in creation (seq) order, so listing an account never scans all orders. */
  private readonly orderIdsByAccount = new Map<AccountId, OrderId[]>();
  private readonly byClientOrderId = new Map<string, OrderId>();
  private readonly positionsByAccount = new Map<AccountId, Map<string, PositionState>>();
  private readonly tradeIds = new Set<string>();
  private readonly brokerOrderIds = new Set<string>();
  private readonly pendingModifies = new Map<OrderId, EngineEventOf<'OrderModifyRequested'>>();
  private appliedSeq = 0;
  private highestNumber = 0;

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
    const order = applyOrderEvent(this.orders.get(event.orderId), event);
    this.orders.set(order.orderId, order);
    const history = this.history.get(order.orderId) ?? [];
    history.push(record);
    this.history.set(order.orderId, history);
    switch (event.type) {
      case 'OrderSubmitted':
      case 'OrderDenied':
        this.accountOrderIds(order.accountId).push(order.orderId);
        this.highestNumber = Math.max(this.highestNumber, orderNumber(order.orderId));
        this.byClientOrderId.set(`${event.accountId}|${event.clientOrderId}`, order.orderId);
        break;
      case 'OrderAccepted':
        this.brokerOrderIds.add(event.brokerOrderId);
        break;
      case 'OrderModifyRequested':
        this.pendingModifies.set(order.orderId, event);
        break;
      case 'OrderModified':
      case 'OrderModifyRejected':
        this.pendingModifies.delete(order.orderId);
        break;
      case 'OrderFilled': {
        this.tradeIds.add(event.tradeId);
        const key = positionKey(order);
        let positions = this.positionsByAccount.get(order.accountId);
        if (!positions) this.positionsByAccount.set(order.accountId, (positions = new Map()));
        const position = positions.get(key) ?? emptyPosition(order.accountId, order.instrumentId, order.product);
        const { accountId, instrumentId, product, side } = order;
        positions.set(key, applyFill(position, { accountId, instrumentId, product, side, quantity: event.quantity, price: event.price }));
        break;
      }
      default:
        break;
    }
    if (isTerminalStatus(order.status)) this.pendingModifies.delete(order.orderId);
    this.appliedSeq = record.seq;
    return order;
  }

  private accountOrderIds(accountId: AccountId): OrderId[] {
    let ids = this.orderIdsByAccount.get(accountId);
    if (!ids) this.orderIdsByAccount.set(accountId, (ids = []));
    return ids;
  }

  order(orderId: string): Order | undefined {
    return this.orders.get(orderId as OrderId);
  }

  findByClientOrderId(accountId: AccountId, clientOrderId: string): Order | undefined {
    const orderId = this.byClientOrderId.get(`${accountId}|${clientOrderId}`);
    return orderId === undefined ? undefined : this.orders.get(orderId);
  }

  /** An account's orders, newest first. */
  ordersOf(accountId: AccountId): Order[] {
    const ids = this.orderIdsByAccount.get(accountId) ?? [];
    const newestFirst: Order[] = [];
    for (let index = ids.length - 1; index >= 0; index -= 1) {
      const order = this.orders.get(ids[index] as OrderId);
      if (order) newestFirst.push(order);
    }
    return newestFirst;
  }

  /**
   * An account's working and in-flight orders with their unfilled quantity (for the Greek limits).
   * An order with a modify pending counts the larger of its current and requested quantity: until
   * the broker answers, either may be the one that fills.
   */
  workingOrdersOf(accountId: AccountId): { orderId: OrderId; instrumentId: string; side: Order['side']; remainingQuantity: number }[] {
    const working: { orderId: OrderId; instrumentId: string; side: Order['side']; remainingQuantity: number }[] = [];
    for (const orderId of this.orderIdsByAccount.get(accountId) ?? []) {
      const order = this.orders.get(orderId);
      if (!order || isTerminalStatus(order.status)) continue;
      const quantity = Math.max(order.quantity, this.pendingModifies.get(orderId)?.quantity ?? 0);
      working.push({ orderId, instrumentId: order.instrumentId, side: order.side, remainingQuantity: quantity - order.filledQuantity });
    }
    return working;
  }

  positionsOf(accountId: AccountId): PositionState[] {
    return [...(this.positionsByAccount.get(accountId)?.values() ?? [])];
  }

  /** Accounts holding at least one non-flat position (those the Greeks stream reports on). */
  accountsWithOpenPositions(): AccountId[] {
    const accounts: AccountId[] = [];
    for (const [accountId, positions] of this.positionsByAccount) {
      for (const position of positions.values()) {
        if (position.netQuantity !== 0) {
          accounts.push(accountId);
          break;
        }
      }
    }
    return accounts;
  }

  /** Orders not yet finished (including in-flight ones the broker may not have answered). */
  openOrders(): Order[] {
    return [...this.orders.values()].filter((order) => !isTerminalStatus(order.status));
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
    return [...this.brokerOrderIds];
  }

  /** The order as it stood right after journal record `seq` (which must be one of its records). */
  orderAfter(orderId: OrderId, seq: number): Order | undefined {
    let order: Order | undefined;
    for (const record of this.history.get(orderId) ?? []) {
      if (record.seq > seq) break;
      order = applyOrderEvent(order, record.event);
    }
    return order;
  }
}
