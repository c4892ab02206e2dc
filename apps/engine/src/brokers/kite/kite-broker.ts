import { DomainError, type AccountId, type ClientOrderId } from '@strikedesk/domain';
import type { Broker, BrokerBooks, BrokerCancelRequest, BrokerCapabilities, BrokerEvent, BrokerModifyRequest, BrokerOrderRequest } from '../broker.ts';
import { CANCEL_REFUSAL_CODES } from '../broker.ts';
import { DEFAULT_FILLS_WAIT_MS, readFinal, type FillProgress } from '../fills-before-final.ts';
import { InFlightRequests } from '../in-flight-requests.ts';
import { letGoOfUnlistedAdopted, type AdoptableOrder } from '../accounts/adoptable-orders.ts';
import type { KiteClient } from './rest/kite-client.ts';
import type { KiteBookRead } from './rest/kite-book-rows.ts';
import type { KiteOrderView } from './rest/kite-order-mapping.ts';
import { isOutcomeUnknown } from './rest/kite-errors.ts';

export const KITE_CAPABILITIES: BrokerCapabilities = {
  modifyOrder: 'NATIVE',
  cancelOrder: 'NATIVE',
  stopLossLimit: 'NATIVE',
  stopLossMarket: 'NATIVE',
  afterMarketOrders: 'NATIVE',
  basketMargins: 'NATIVE',
  orderUpdateStream: 'NATIVE',
};

export type KiteBrokerOptions = {
  client: KiteClient;
  /** Our account the Kite login trades for (Kite's books carry no account of ours). */
  accountId: AccountId;
  logger: { warn(details: object, message: string): void };
  /** How often working orders are read back from Kite (postbacks and ticker updates only hurry it). */
  pollMs?: number;
  /** How long an order read as final waits for its trades to be listed (fills-before-final.ts). */
  fillsWaitMs?: number;
};

/** What the adapter last told the OMS about one order, to emit each change once. */
type Tracked = FillProgress & {
  clientOrderId: ClientOrderId;
  status: KiteOrderView['status'] | 'SENT';
  triggered: boolean;
  tradeIds: Set<string>;
  /** Handed over (adopt) rather than placed here: reads of the book that did not find it, so far. */
  adoptedMisses?: number;
};
/**
 * Zerodha Kite Connect behind our Broker interface. Requests go through the KiteClient (rate
 * limited; a placement whose answer is lost is found by its tag, never sent twice). Outcomes come
 * from reading the order book back: each working order is followed until it is final, and every
 * change becomes one BrokerEvent — fills per Kite trade id, so a partial fill is exact. Kite field
 * names never leave kite/rest; only the venue's own word rejects an order (ADR 0013): a lost or
 * unreadable answer leaves it in flight for reconciliation.
 */
export class KiteBroker implements Broker {
  readonly name = 'kite' as const;
  readonly capabilities = KITE_CAPABILITIES;
  private readonly listeners = new Set<(event: BrokerEvent) => void>();
  private readonly tracked = new Map<string, Tracked>();
  private readonly inFlight = new InFlightRequests();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | null = null;
  private closed = false;
  private readonly fillsWaitMs: number;

  constructor(private readonly options: KiteBrokerOptions) {
    this.fillsWaitMs = options.fillsWaitMs ?? DEFAULT_FILLS_WAIT_MS;
    this.timer = setInterval(() => void this.poll(), options.pollMs ?? 1_000);
    this.timer.unref();
  }

  onEvent(listener: (event: BrokerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  placeOrder(request: BrokerOrderRequest): void {
    void this.place(request);
  }

  sending(accountId: AccountId, clientOrderId: string): boolean {
    return this.inFlight.has(accountId, clientOrderId);
  }

  adopt(orders: readonly AdoptableOrder[]): void {
    // From no trade seen: the first read-back repeats fills the journal has (no news to the OMS) and
    // brings what happened while no adapter was following (fills, a cancel at the exchange).
    for (const { clientOrderId, brokerOrderId, triggered } of orders) {
      if (!this.tracked.has(brokerOrderId)) this.tracked.set(brokerOrderId, { clientOrderId, status: 'SENT', triggered, tradeIds: new Set(), filled: 0, adoptedMisses: 0 });
    }
  }

  modifyOrder(request: BrokerModifyRequest): void {
    const ref = { accountId: request.accountId, clientOrderId: request.clientOrderId };
    this.inFlight
      .track(request.accountId, request.clientOrderId, this.options.client.modifyOrder({ brokerOrderId: request.brokerOrderId, type: request.type, quantity: request.quantity, price: request.price, triggerPrice: request.triggerPrice }))
      .then(() => this.emit({ kind: 'modified', ...ref, brokerOrderId: request.brokerOrderId, type: request.type, quantity: request.quantity, price: request.price, triggerPrice: request.triggerPrice }))
      .catch((error: unknown) => {
        if (isOutcomeUnknown(error)) return; // the book read-back tells what happened
        const { code, message } = describe(error);
        this.emit({ kind: 'modifyRejected', ...ref, reasonCode: code, reasonMessage: message });
      });
  }

  cancelOrder(request: BrokerCancelRequest): void {
    // The cancellation is reported when the book shows it (an order may fill first). A refusal
    // ("being processed", "already complete") is reported at once: the order works on.
    this.options.client.cancelOrder({ brokerOrderId: request.brokerOrderId }).catch((error: unknown) => {
      const { code, message } = describe(error);
      if (isOutcomeUnknown(error) || !CANCEL_REFUSAL_CODES.has(code)) {
        this.options.logger.warn({ err: error, brokerOrderId: request.brokerOrderId }, 'kite cancel not answered; the order book read-back and reconciliation settle it');
        return;
      }
      this.emit({ kind: 'cancelRejected', accountId: request.accountId, clientOrderId: request.clientOrderId, reasonCode: code, reasonMessage: message });
    });
  }

  async books(): Promise<BrokerBooks> {
    const { orders, trades, positions } = await this.options.client.books(this.options.accountId);
    return { orders, trades, positions };
  }

  /** Kite keeps its own books across our restarts: nothing to hand back. */
  resume(): void {}

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  /** Reads the book now (tests, and a postback or ticker order update hurrying the next poll). */
  async poll(): Promise<void> {
    if (this.closed || this.tracked.size === 0) return;
    this.polling ??= this.readBack().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async place(request: BrokerOrderRequest): Promise<void> {
    const ref = { accountId: request.accountId, clientOrderId: request.clientOrderId };
    try {
      const outcome = await this.inFlight.track(request.accountId, request.clientOrderId, this.options.client.placeOrderIdempotent(request));
      if (outcome.outcome === 'placed' || outcome.outcome === 'found') {
        this.tracked.set(outcome.brokerOrderId, { clientOrderId: request.clientOrderId, status: 'SENT', triggered: false, tradeIds: new Set(), filled: 0 });
        this.emit({ kind: 'accepted', ...ref, brokerOrderId: outcome.brokerOrderId });
        await this.poll();
        return;
      }
      // Not found after the grace, or the book unreadable: in flight; reconciliation settles it.
      this.options.logger.warn({ clientOrderId: request.clientOrderId, outcome: outcome.outcome, err: outcome.error }, 'kite placement unconfirmed; left to reconciliation');
    } catch (error) {
      if (isOutcomeUnknown(error)) return;
      const { code, message } = describe(error);
      this.emit({ kind: 'rejected', ...ref, reasonCode: code, reasonMessage: message });
    }
  }

  private async readBack(): Promise<void> {
    let book: KiteBookRead<KiteOrderView>;
    try {
      book = await this.options.client.orderBook();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'kite order book could not be read; retrying at the next poll');
      return;
    }
    const byId = new Map(book.rows.map((view) => [view.brokerOrderId, view]));
    // A row that could not be read is still in the book: an adopted order is not let go for it
    // (the client logged the row; reconciliation refuses books with it rather than guess).
    const unreadable = new Set(book.unreadable.flatMap((row) => row.orderId ?? []));
    letGoOfUnlistedAdopted(this.tracked, (brokerOrderId) => byId.has(brokerOrderId) || unreadable.has(brokerOrderId));
    for (const [brokerOrderId, tracked] of this.tracked) {
      const view = byId.get(brokerOrderId);
      if (view) await this.follow(brokerOrderId, tracked, view);
    }
  }

  /** Emits what changed on one order since the last read, in the order it happened. */
  private async follow(brokerOrderId: string, tracked: Tracked, view: KiteOrderView): Promise<void> {
    const ref = { accountId: this.options.accountId, clientOrderId: tracked.clientOrderId, brokerOrderId };
    if (!tracked.triggered && view.triggered) {
      tracked.triggered = true;
      this.emit({ kind: 'triggered', ...ref });
    }
    if (view.filledQuantity > tracked.filled) {
      // Unreadable now, or listing fewer trades than filled_quantity: the rest comes at a later read.
      const trades = (await this.options.client.orderTrades(brokerOrderId).catch(() => null)) ?? [];
      for (const trade of trades.sort((a, b) => (a.executedAt ?? 0) - (b.executedAt ?? 0))) {
        if (tracked.tradeIds.has(trade.tradeId)) continue;
        tracked.tradeIds.add(trade.tradeId);
        tracked.filled += trade.quantity;
        this.emit({ kind: 'filled', ...ref, tradeId: trade.tradeId, quantity: trade.quantity, price: trade.price, executedAt: trade.executedAt ?? Date.now() });
      }
    }
    const final = view.status === 'CANCELED' || view.status === 'REJECTED' || view.status === 'EXPIRED' || view.status === 'FILLED';
    if (!final) {
      tracked.status = view.status;
      return;
    }
    // Followed until its fills are all reported too: the OMS hears them before what ends the order.
    const brokerFilled = view.status === 'FILLED' ? Math.max(view.filledQuantity, view.quantity) : view.filledQuantity;
    const reading = readFinal(tracked, brokerFilled, Date.now(), this.fillsWaitMs);
    if (reading === 'awaiting-fills') return;
    if (reading === 'fills-overdue') {
      this.options.logger.warn({ brokerOrderId, clientOrderId: tracked.clientOrderId, reported: tracked.filled, filledQuantity: brokerFilled }, 'kite order is final but not all its trades were listed; reconciliation brings the rest');
    }
    if (view.status !== tracked.status) {
      tracked.status = view.status;
      if (view.status === 'CANCELED') this.emit({ kind: 'canceled', ...ref });
      else if (view.status === 'REJECTED') this.emit({ kind: 'rejected', accountId: ref.accountId, clientOrderId: ref.clientOrderId, reasonCode: view.reasonCode ?? 'BROKER_ORDER_REJECTED', reasonMessage: view.reasonMessage ?? 'The broker rejected the order.' });
      else if (view.status === 'EXPIRED') this.emit({ kind: 'expired', ...ref });
    }
    this.tracked.delete(brokerOrderId);
  }

  private emit(event: BrokerEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  return { code: 'BROKER_UNAVAILABLE', message: error instanceof Error ? error.message : 'The broker could not be reached.' };
}
