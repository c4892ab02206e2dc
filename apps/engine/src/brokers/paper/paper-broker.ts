import { asTradeId, type OrderId, type Tick } from '@strikedesk/domain';
import type {
  Broker,
  BrokerCancelRequest,
  BrokerEvent,
  BrokerModifyRequest,
  BrokerOrderRequest,
  BrokerWorkingOrder,
} from '../broker.ts';
import { isStopTriggered, limitFillPrice, marketFillPrice } from './paper-fill-rules.ts';

export type QuoteSource = { latest(instrumentId: string): Tick | undefined };

type PaperOrder = BrokerOrderRequest & { brokerOrderId: string; triggered: boolean };

/**
 * The next free number after `<prefix>-<n>` ids already used. A loop, not `Math.max(...ids)`:
 * spreading a journal's worth of ids (100k+) into call arguments overflows the stack.
 */
function nextAfter(current: number, ids: readonly string[], prefix: string): number {
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  let next = current;
  for (const id of ids) {
    const match = pattern.exec(id);
    if (match) next = Math.max(next, Number(match[1]) + 1);
  }
  return next;
}

/**
 * The paper venue: an in-process exchange matching our orders against the simulated quotes.
 * Deterministic ids (`PB-<n>` orders, `P-<n>` trades) keep replays and tests reproducible. Events are
 * delivered on a microtask, never inside the caller's stack, like a real venue's update stream.
 */
export class PaperBroker implements Broker {
  readonly name = 'paper' as const;
  readonly capabilities = { modifyOrder: true, cancelOrder: true, stopOrders: true };
  private readonly working = new Map<OrderId, PaperOrder>();
  private readonly byInstrument = new Map<string, Set<OrderId>>();
  private readonly listeners = new Set<(event: BrokerEvent) => void>();
  private outbox: BrokerEvent[] = [];
  private flushScheduled = false;
  private closed = false;
  private nextOrderNumber = 1;
  private nextTradeNumber = 1;

  constructor(private readonly quotes: QuoteSource) {}

  onEvent(listener: (event: BrokerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get workingCount(): number {
    return this.working.size;
  }

  placeOrder(request: BrokerOrderRequest): void {
    if (this.working.has(request.orderId)) return; // a resent request for an order already working
    const order: PaperOrder = { ...request, brokerOrderId: `PB-${this.nextOrderNumber++}`, triggered: false };
    const { orderId, accountId, brokerOrderId } = order;
    const tick = this.quotes.latest(order.instrumentId);
    if (order.type === 'MARKET' && (tick === undefined || marketFillPrice(order.side, tick) === null)) {
      this.emit({ kind: 'rejected', orderId, accountId, reasonCode: 'NO_MARKET_PRICE', reasonMessage: 'No quote to fill a market order against.' });
      return;
    }
    this.emit({ kind: 'accepted', orderId, accountId, brokerOrderId });
    this.register(order);
    if (tick) this.evaluate(order, tick);
  }

  modifyOrder(request: BrokerModifyRequest): void {
    const order = this.working.get(request.orderId);
    const { orderId, accountId } = request;
    if (!order) {
      this.emit({ kind: 'modifyRejected', orderId, accountId, reasonCode: 'ORDER_NOT_MODIFIABLE', reasonMessage: 'The order is no longer working.' });
      return;
    }
    Object.assign(order, { type: request.type, quantity: request.quantity, price: request.price, triggerPrice: request.triggerPrice });
    this.emit({ kind: 'modified', orderId, accountId, brokerOrderId: order.brokerOrderId, type: order.type, quantity: order.quantity, price: order.price, triggerPrice: order.triggerPrice });
    const tick = this.quotes.latest(order.instrumentId);
    if (tick) this.evaluate(order, tick); // a new price can make it marketable at once
  }

  cancelOrder(request: BrokerCancelRequest): void {
    const order = this.working.get(request.orderId);
    // Unknown means it already finished: its fill event settles the order, nothing to answer here.
    if (!order) return;
    this.unregister(order);
    this.emit({ kind: 'canceled', orderId: order.orderId, accountId: order.accountId, brokerOrderId: order.brokerOrderId });
  }

  /** Matches every working order on the instruments that ticked. */
  onTicks(ticks: readonly Tick[]): void {
    for (const tick of ticks) {
      const ids = this.byInstrument.get(tick.instrumentId);
      if (!ids) continue;
      for (const orderId of [...ids]) {
        const order = this.working.get(orderId);
        if (order) this.evaluate(order, tick);
      }
    }
  }

  resume(state: { workingOrders: readonly BrokerWorkingOrder[]; knownBrokerOrderIds: readonly string[]; knownTradeIds: readonly string[] }): void {
    this.nextOrderNumber = nextAfter(this.nextOrderNumber, state.knownBrokerOrderIds, 'PB');
    this.nextTradeNumber = nextAfter(this.nextTradeNumber, state.knownTradeIds, 'P');
    for (const working of state.workingOrders) {
      const { filledQuantity, ...rest } = working;
      // Paper fills are all-or-nothing, so a working order never has a partial fill to carry over.
      const order: PaperOrder = { ...rest, quantity: working.quantity - filledQuantity };
      this.register(order);
      const tick = this.quotes.latest(order.instrumentId);
      if (tick) this.evaluate(order, tick);
    }
  }

  close(): void {
    this.closed = true;
    this.working.clear();
    this.byInstrument.clear();
  }

  private evaluate(order: PaperOrder, tick: Tick): void {
    const { orderId, accountId, brokerOrderId } = order;
    const isStop = order.type === 'SL' || order.type === 'SL_M';
    if (isStop && !order.triggered) {
      if (order.triggerPrice === null || !isStopTriggered(order.side, order.triggerPrice, tick)) return;
      order.triggered = true;
      this.emit({ kind: 'triggered', orderId, accountId, brokerOrderId });
    }
    // Once triggered, SL works as LIMIT and SL-M as MARKET.
    const asMarket = order.type === 'MARKET' || order.type === 'SL_M';
    const price = asMarket ? marketFillPrice(order.side, tick) : order.price === null ? null : limitFillPrice(order.side, order.price, tick);
    if (price === null) return;
    this.unregister(order);
    const tradeId = asTradeId(`P-${this.nextTradeNumber++}`);
    this.emit({ kind: 'filled', orderId, accountId, brokerOrderId, tradeId, quantity: order.quantity, price });
  }

  private register(order: PaperOrder): void {
    this.working.set(order.orderId, order);
    let ids = this.byInstrument.get(order.instrumentId);
    if (!ids) this.byInstrument.set(order.instrumentId, (ids = new Set()));
    ids.add(order.orderId);
  }

  private unregister(order: PaperOrder): void {
    this.working.delete(order.orderId);
    this.byInstrument.get(order.instrumentId)?.delete(order.orderId);
  }

  private emit(event: BrokerEvent): void {
    if (this.closed) return;
    this.outbox.push(event);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      const batch = this.outbox;
      this.outbox = [];
      for (const pending of batch) for (const listener of this.listeners) listener(pending);
    });
  }
}
