import type { Broker, BrokerCancelRequest, BrokerEvent, BrokerModifyRequest, BrokerOrderRequest, BrokerResumeState } from '../brokers/broker.ts';
import type { Tick } from '@strikedesk/domain';

/**
 * A real broker (the paper venue) with faults on demand: the next `count` orders for an instrument
 * are rejected by "the exchange", exactly as a venue rejects — an asynchronous `rejected` event for
 * an order it never books; an instrument's orders can be held (accepted, left working, never
 * filled); and cancels of an instrument's orders can be refused (`cancelRejected`, the order working
 * on). Everything else passes through untouched.
 */
export class RejectingBroker implements Broker {
  readonly name: Broker['name'];
  readonly capabilities: Broker['capabilities'];
  private readonly rejections = new Map<string, number>();
  private readonly refusingCancels = new Set<string>();
  /** Orders accepted and left working here (never at the venue): `account|clientOrderId` → broker order id. */
  private readonly held = new Map<string, string>();
  private holding = new Set<string>();
  private heldNumber = 0;
  private readonly instrumentOf = new Map<string, string>();
  private readonly listeners = new Set<(event: BrokerEvent) => void>();

  constructor(private readonly inner: Broker) {
    this.name = inner.name;
    this.capabilities = inner.capabilities;
    inner.onEvent((event) => this.emit(event));
  }

  /** The next `count` orders for `instrumentId` are rejected (count Infinity: all of them). */
  rejectNext(instrumentId: string, count: number): void {
    this.rejections.set(instrumentId, count);
  }

  /** `instrumentId`'s next orders are accepted and left working — no fill — until `hold` is false. */
  holdOrders(instrumentId: string, hold = true): void {
    if (hold) this.holding.add(instrumentId);
    else this.holding.delete(instrumentId);
  }

  /** Cancels of `instrumentId`'s orders are refused until `refuse` is false again. */
  refuseCancels(instrumentId: string, refuse = true): void {
    if (refuse) this.refusingCancels.add(instrumentId);
    else this.refusingCancels.delete(instrumentId);
  }

  onEvent(listener: (event: BrokerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  placeOrder(request: BrokerOrderRequest): void {
    this.instrumentOf.set(`${request.accountId}|${request.clientOrderId}`, request.instrumentId);
    if (this.holding.has(request.instrumentId)) {
      const brokerOrderId = `HELD-${(this.heldNumber += 1)}`;
      this.held.set(`${request.accountId}|${request.clientOrderId}`, brokerOrderId);
      setTimeout(() => this.emit({ kind: 'accepted', accountId: request.accountId, clientOrderId: request.clientOrderId, brokerOrderId }), 1);
      return;
    }
    const left = this.rejections.get(request.instrumentId) ?? 0;
    if (left <= 0) {
      this.inner.placeOrder(request);
      return;
    }
    this.rejections.set(request.instrumentId, left - 1);
    const rejected: BrokerEvent = {
      kind: 'rejected',
      accountId: request.accountId,
      clientOrderId: request.clientOrderId,
      reasonCode: 'BROKER_REJECTED',
      reasonMessage: 'RMS: margin exceeds available funds (test fault).',
    };
    setTimeout(() => this.emit(rejected), 1);
  }
  modifyOrder(request: BrokerModifyRequest): void {
    this.inner.modifyOrder(request);
  }
  cancelOrder(request: BrokerCancelRequest): void {
    const key = `${request.accountId}|${request.clientOrderId}`;
    const heldId = this.held.get(key);
    if (heldId !== undefined) {
      this.held.delete(key);
      setTimeout(() => this.emit({ kind: 'canceled', accountId: request.accountId, clientOrderId: request.clientOrderId, brokerOrderId: heldId }), 1);
      return;
    }
    const instrumentId = this.instrumentOf.get(key);
    if (instrumentId === undefined || !this.refusingCancels.has(instrumentId)) {
      this.inner.cancelOrder(request);
      return;
    }
    const refused: BrokerEvent = { kind: 'cancelRejected', accountId: request.accountId, clientOrderId: request.clientOrderId, reasonCode: 'BROKER_REJECTED', reasonMessage: 'Cancel refused by the exchange (test fault).' };
    setTimeout(() => this.emit(refused), 1);
  }
  books(): ReturnType<Broker['books']> {
    return this.inner.books();
  }
  resume(state: BrokerResumeState): void {
    this.inner.resume(state);
  }
  onTicks(ticks: readonly Tick[]): void {
    this.inner.onTicks?.(ticks);
  }
  onSessionEnd(): void {
    this.inner.onSessionEnd?.();
  }
  close(): void {
    this.inner.close();
  }

  private emit(event: BrokerEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
