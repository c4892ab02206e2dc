import type { Broker, BrokerCancelRequest, BrokerEvent, BrokerModifyRequest, BrokerOrderRequest } from '../brokers/broker.ts';

/**
 * A venue the test scripts: it records requests and emits exactly the events the test tells it to,
 * for cases the paper venue never produces (partial fills, resent fills, late rejects).
 */
export class ScriptedBroker implements Broker {
  readonly name = 'paper' as const;
  readonly capabilities = { modifyOrder: true, cancelOrder: true, stopOrders: true };
  readonly placed: BrokerOrderRequest[] = [];
  readonly modified: BrokerModifyRequest[] = [];
  readonly canceled: BrokerCancelRequest[] = [];
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
  resume(): void {}
  close(): void {}

  emit(event: BrokerEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
