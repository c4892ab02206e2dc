import type { Broker, BrokerCancelRequest, BrokerEvent, BrokerModifyRequest, BrokerOrderRequest, BrokerResumeState } from '../brokers/broker.ts';
import type { Tick } from '@strikedesk/domain';

/**
 * A real broker (the paper venue) with one fault on demand: the next `count` orders for an
 * instrument are rejected by "the exchange", exactly as a venue rejects — an asynchronous
 * `rejected` event for an order it never books. Everything else passes through untouched.
 */
export class RejectingBroker implements Broker {
  readonly name: Broker['name'];
  readonly capabilities: Broker['capabilities'];
  private readonly rejections = new Map<string, number>();
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

  onEvent(listener: (event: BrokerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  placeOrder(request: BrokerOrderRequest): void {
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
    this.inner.cancelOrder(request);
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
