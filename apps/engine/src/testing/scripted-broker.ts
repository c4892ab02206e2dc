import { PAPER_CAPABILITIES } from '../brokers/paper/paper-capabilities.ts';
import type { Broker, BrokerBooks, BrokerCancelRequest, BrokerEvent, BrokerModifyRequest, BrokerOrderRequest } from '../brokers/broker.ts';

/**
 * A venue the test scripts: it records requests and emits exactly the events the test tells it to,
 * for cases the paper venue never produces (partial fills, resent fills, late rejects). Its books
 * are whatever the test sets (`books`), for reconciliation scenarios.
 */
export class ScriptedBroker implements Broker {
  readonly name = 'paper' as const;
  readonly capabilities = PAPER_CAPABILITIES;
  readonly placed: BrokerOrderRequest[] = [];
  readonly modified: BrokerModifyRequest[] = [];
  readonly canceled: BrokerCancelRequest[] = [];
  /** What books() answers; a function may throw to play an unreachable venue. */
  booksSource: () => BrokerBooks = () => ({ orders: [], trades: [], positions: [] });
  private readonly listeners = new Set<(event: BrokerEvent) => void>();

  onEvent(listener: (event: BrokerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  placeOrder(request: BrokerOrderRequest): void {
    this.placed.push(request);
  }
  modifyOrder(request: BrokerModifyRequest): void {
    this.modified.push(request);
  }
  cancelOrder(request: BrokerCancelRequest): void {
    this.canceled.push(request);
  }
  async books(): Promise<BrokerBooks> {
    return this.booksSource();
  }
  resume(): void {}
  close(): void {}

  emit(event: BrokerEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
