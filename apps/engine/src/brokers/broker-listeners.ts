import type { BrokerEvent } from './broker.ts';

/**
 * The listener lists a Broker with a connection of its own keeps the same way (paper venue, XTS,
 * the router): subclasses call them from their own handlers.
 */
export abstract class BrokerListeners {
  protected readonly listeners = new Set<(event: BrokerEvent) => void>();
  protected readonly connectionListeners = new Set<(connected: boolean) => void>();

  onEvent(listener: (event: BrokerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }
}
