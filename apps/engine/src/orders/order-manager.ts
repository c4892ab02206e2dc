import {
  DomainError,
  toPositionView,
  type AccountId,
  type CancelOrderCommand,
  type EngineEvent,
  type EngineEventEnvelope,
  type ModifyOrderCommand,
  type Order,
  type OrderId,
  type OrderSpec,
  type OrderStatus,
  type OrderType,
  type PositionView,
  type SubmitOrderCommand,
} from '@strikedesk/domain';
import { DuplicateClientOrderIdError, type Journal } from '@strikedesk/db/client';
import type { Broker } from '../brokers/broker.ts';
import type { Topic } from '../events/topic.ts';
import type { Clock } from '../market/simulator-runner.ts';
import type { BackoffOptions } from '../backoff.ts';
import { BrokerEventJournaler, type BrokerEventLogger } from './broker-event-journaler.ts';
import { toOrderRequest, toWorkingOrder } from './broker-mapping.ts';
import type { JournalWriter } from './journal-writer.ts';
import { KeyedMutex } from './keyed-mutex.ts';
import { generatedClientOrderId, OrderIdAllocator } from './order-ids.ts';
import { assertPreTrade, preTradeCheck, type PreTradeContext } from './pre-trade-check.ts';
import type { TradingState } from './trading-state.ts';

export type OrderManagerLogger = BrokerEventLogger;

export type OrderManagerDeps = {
  state: TradingState;
  writer: JournalWriter;
  journal: Journal;
  broker: Broker;
  market: PreTradeContext;
  clock: Clock;
  published: Topic<EngineEventEnvelope>;
  logger: OrderManagerLogger;
  /** How long a command waits for the broker's answer before returning the in-flight order. */
  acknowledgementTimeoutMs?: number;
  /** How long close() waits for broker events still being journaled (retrying) before giving up. */
  shutdownGraceMs?: number;
  /** Backoff of broker-event journal retries. */
  retry?: BackoffOptions;
};

const MODIFIABLE: ReadonlySet<OrderStatus> = new Set(['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED']);
const CANCELABLE: ReadonlySet<OrderStatus> = new Set(['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED', 'PENDING_MODIFY']);
const AWAITING_BROKER: ReadonlySet<OrderStatus> = new Set(['SUBMITTED', 'PENDING_MODIFY', 'PENDING_CANCEL']);
const JOURNAL_PAGE = 1_000;

const needsPrice = (type: OrderType): boolean => type === 'LIMIT' || type === 'SL';
const needsTrigger = (type: OrderType): boolean => type === 'SL' || type === 'SL_M';

/**
 * The OMS: turns commands into journaled events, hands accepted orders to the broker and folds the
 * broker's answers back in. Every command and broker event of an account runs under that account's
 * mutex; journal order across accounts is kept by the JournalWriter.
 */
export class OrderManager {
  private readonly mutex = new KeyedMutex();
  private ids = new OrderIdAllocator(0);
  private readonly timeoutMs: number;
  private readonly brokerEvents: BrokerEventJournaler;
  private unsubscribeBroker: (() => void) | null = null;

  constructor(private readonly deps: OrderManagerDeps) {
    this.timeoutMs = deps.acknowledgementTimeoutMs ?? 1_500;
    const { state, writer, clock, logger, retry } = deps;
    this.brokerEvents = new BrokerEventJournaler({ state, writer, clock, logger, retry, mutex: this.mutex });
  }

  /** Rebuilds state from the whole journal, then resumes the broker's work on open orders. */
  async recover(): Promise<{ events: number; openOrders: number }> {
    const { state, journal, broker } = this.deps;
    for (let page = await journal.readAfter(state.lastSeq, JOURNAL_PAGE); page.length > 0; page = await journal.readAfter(state.lastSeq, JOURNAL_PAGE)) {
      for (const record of page) state.apply(record);
    }
    this.ids = new OrderIdAllocator(state.highestOrderNumber);
    this.unsubscribeBroker = broker.onEvent((event) => this.brokerEvents.handle(event));
    const open = state.openOrders();
    broker.resume({
      workingOrders: open.filter((order) => order.brokerOrderId !== null).map(toWorkingOrder),
      knownBrokerOrderIds: state.knownBrokerOrderIds(),
      knownTradeIds: state.knownTradeIds(),
    });
    for (const order of open) {
      // Requests that were in flight when the engine stopped are sent again; the paper venue is
      // in-process so it never saw them (a real adapter reconciles against the order book first).
      if (order.status === 'SUBMITTED') broker.placeOrder(toOrderRequest(order));
      if (order.status === 'PENDING_CANCEL' && order.brokerOrderId) {
        broker.cancelOrder({ orderId: order.orderId, accountId: order.accountId, brokerOrderId: order.brokerOrderId });
      }
      const pending = state.pendingModify(order.orderId);
      if (order.status === 'PENDING_MODIFY' && pending && order.brokerOrderId) {
        broker.modifyOrder({ ...pending, type: pending.orderType, brokerOrderId: order.brokerOrderId });
      }
    }
    return { events: state.lastSeq, openOrders: open.length };
  }

  /**
   * Stops listening to the broker after journaling what it already said: events still queued
   * (fills included) are written before the pool closes, so a shutdown never loses a fill. If the
   * journal stays unwritable past the grace period, the unwritten events are reported and dropped
   * (the process is going away either way).
   */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve)); // let the broker's microtask outbox flush
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => (graceTimer = setTimeout(() => resolve('timeout'), this.deps.shutdownGraceMs ?? 10_000)));
    const outcome = await Promise.race([this.mutex.idle(), graceOver]);
    clearTimeout(graceTimer);
    if (outcome === 'timeout') this.brokerEvents.abandon();
    this.deps.writer.close(); // also wakes a commit stuck re-reading an unreachable journal
    await this.mutex.idle();
    this.unsubscribeBroker?.();
    this.unsubscribeBroker = null;
  }

  /** Broker events received but not yet journaled (queued behind their account, or retrying). */
  get pendingBrokerEvents(): number {
    return this.brokerEvents.pendingCount;
  }

  async submit(command: SubmitOrderCommand): Promise<Order> {
    const { accountId, userId } = command;
    const order = await this.mutex.run(accountId, async () => {
      const { clientOrderId: requested, ...spec } = command.order;
      if (requested !== undefined) {
        const existing = this.deps.state.findByClientOrderId(accountId, requested);
        if (existing) return { order: existing, created: false };
      }
      const now = this.deps.clock.now();
      let orderId = this.ids.allocate(now);
      let clientOrderId = requested ?? generatedClientOrderId(orderId);
      while (requested === undefined && this.deps.state.findByClientOrderId(accountId, clientOrderId)) {
        orderId = this.ids.allocate(now);
        clientOrderId = generatedClientOrderId(orderId);
      }
      const orderSpec: OrderSpec = spec;
      const denial = preTradeCheck(orderSpec, this.deps.market, { accountId });
      const event: EngineEvent = denial
        ? { type: 'OrderDenied', accountId, orderId, at: now, clientOrderId, userId, spec: orderSpec, reasonCode: denial.code, reasonMessage: denial.message }
        : { type: 'OrderSubmitted', accountId, orderId, at: now, clientOrderId, userId, spec: orderSpec };
      const [envelope] = await this.commitCommand([event]);
      if (!envelope) throw new Error('journal commit returned nothing');
      if (!denial) this.deps.broker.placeOrder(toOrderRequest(envelope.order));
      return { order: envelope.order, created: true };
    });
    return order.created ? this.settle(order.order) : order.order;
  }

  async modify(command: ModifyOrderCommand): Promise<Order> {
    const { accountId, modify } = command;
    const order = await this.mutex.run(accountId, async () => {
      const current = this.ownOrder(accountId, modify.orderId);
      if (!MODIFIABLE.has(current.status)) {
        throw new DomainError('ORDER_NOT_MODIFIABLE', `Order ${current.orderId} is ${current.status} and can no longer be modified.`);
      }
      const type = modify.type ?? current.type;
      // A field left out keeps its value when the (new) type still uses it, else it is cleared.
      const price = modify.price !== undefined ? modify.price : needsPrice(type) ? current.price : null;
      const triggerPrice = modify.triggerPrice !== undefined ? modify.triggerPrice : needsTrigger(type) ? current.triggerPrice : null;
      const quantity = modify.quantity ?? current.quantity;
      if (quantity <= current.filledQuantity) {
        throw new DomainError('MODIFY_BELOW_FILLED', `Quantity must be above the ${current.filledQuantity} already filled.`);
      }
      // The very check a new order gets (validation, market open, freeze-quantity cap).
      assertPreTrade({ instrumentId: current.instrumentId, side: current.side, product: current.product, type, quantity, price, triggerPrice }, this.deps.market, {
        accountId,
        orderId: current.orderId,
        workingQuantity: current.quantity - current.filledQuantity,
        filledQuantity: current.filledQuantity,
      });
      const at = this.deps.clock.now();
      const [envelope] = await this.commitCommand([
        { type: 'OrderModifyRequested', accountId, orderId: current.orderId, at, quantity, orderType: type, price, triggerPrice },
      ]);
      if (!envelope || current.brokerOrderId === null) throw new Error('modify of an order without a broker id');
      this.deps.broker.modifyOrder({ orderId: current.orderId, accountId, brokerOrderId: current.brokerOrderId, type, quantity, price, triggerPrice });
      return envelope.order;
    });
    return this.settle(order);
  }

  async cancel(command: CancelOrderCommand): Promise<Order> {
    const { accountId, cancel } = command;
    const order = await this.mutex.run(accountId, async () => {
      const current = this.ownOrder(accountId, cancel.orderId);
      if (!CANCELABLE.has(current.status) || current.brokerOrderId === null) {
        throw new DomainError('ORDER_NOT_CANCELABLE', `Order ${current.orderId} is ${current.status} and can no longer be cancelled.`);
      }
      const [envelope] = await this.commitCommand([
        { type: 'OrderCancelRequested', accountId, orderId: current.orderId, at: this.deps.clock.now() },
      ]);
      if (!envelope) throw new Error('journal commit returned nothing');
      this.deps.broker.cancelOrder({ orderId: current.orderId, accountId, brokerOrderId: current.brokerOrderId });
      return envelope.order;
    });
    return this.settle(order);
  }

  listOrders(accountId: AccountId): Order[] {
    return this.deps.state.ordersOf(accountId);
  }

  listPositions(accountId: AccountId): PositionView[] {
    return this.deps.state
      .positionsOf(accountId)
      .map((position) => toPositionView(position, this.deps.market.latest(position.instrumentId)?.lastPrice ?? null));
  }

  /** Another account's order is reported as not found: a trader must not learn it exists. */
  private ownOrder(accountId: AccountId, orderId: OrderId): Order {
    const order = this.deps.state.order(orderId);
    if (!order || order.accountId !== accountId) throw new DomainError('ORDER_NOT_FOUND');
    return order;
  }

  private async commitCommand(events: EngineEvent[]): Promise<EngineEventEnvelope[]> {
    try {
      return await this.deps.writer.commit(events);
    } catch (error) {
      // The unique index caught a clientOrderId memory did not know (e.g. a second engine on this DB).
      if (error instanceof DuplicateClientOrderIdError) throw new DomainError('DUPLICATE_CLIENT_ORDER_ID');
      throw error;
    }
  }

  /**
   * Waits briefly for the broker's answer so a command usually returns the settled order. Once the
   * broker has answered, the events it sent right behind that answer (a paper MARKET order is
   * accepted and filled at once) are journaled before returning, so the caller sees FILLED, not a
   * transient OPEN. A broker that stays silent leaves the order in flight (returned as is).
   */
  private settle(order: Order): Promise<Order> {
    if (!AWAITING_BROKER.has(order.status)) return Promise.resolve(order);
    const { state, published } = this.deps;
    return new Promise((resolve) => {
      let done = false;
      const finish = (answered: boolean): void => {
        if (done) return;
        done = true;
        unlisten();
        clearTimeout(timer);
        const current = () => state.order(order.orderId) ?? order;
        if (!answered) return resolve(current());
        void this.drainBrokerEvents(order.accountId).then(() => resolve(current()));
      };
      const unlisten = published.listen((envelope) => {
        if (envelope.order.orderId === order.orderId && !AWAITING_BROKER.has(envelope.order.status)) finish(true);
      });
      const timer = setTimeout(() => finish(false), this.timeoutMs);
      const latest = state.order(order.orderId);
      if (latest && !AWAITING_BROKER.has(latest.status)) finish(true);
    });
  }

  /** Lets the broker's outbox flush (it emits on a microtask), then journals what it queued. */
  private async drainBrokerEvents(accountId: AccountId): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await this.mutex.drained(accountId);
  }
}
