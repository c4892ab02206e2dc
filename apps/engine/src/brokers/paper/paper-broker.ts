import type { Tick } from '@strikedesk/domain';
import type {
  Broker,
  BrokerBooks,
  BrokerCancelRequest,
  BrokerEvent,
  BrokerModifyRequest,
  BrokerOrderRequest,
  BrokerResumeState,
} from '../broker.ts';
import { PAPER_CAPABILITIES } from './paper-capabilities.ts';
import { PaperVenue, type PaperFillOptions, type QuoteSource } from './paper-venue.ts';

export type { PaperFillOptions, QuoteSource } from './paper-venue.ts';

/**
 * The paper venue in the engine's own process (the `npm start` default). Its books live in memory
 * and are rebuilt from the journal on restart (`resume`). Events are delivered on a microtask,
 * never inside the caller's stack, like a real venue's update stream.
 */
export class PaperBroker implements Broker {
  readonly name = 'paper' as const;
  readonly capabilities = PAPER_CAPABILITIES;
  private readonly venue: PaperVenue;
  private readonly listeners = new Set<(event: BrokerEvent) => void>();
  private outbox: BrokerEvent[] = [];
  private flushScheduled = false;
  private closed = false;

  constructor(quotes: QuoteSource, now: () => number = Date.now, fills: PaperFillOptions = {}) {
    this.venue = new PaperVenue(quotes, (event) => this.emit(event), now, fills);
  }

  onEvent(listener: (event: BrokerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get workingCount(): number {
    return this.venue.workingCount;
  }

  placeOrder(request: BrokerOrderRequest): void {
    this.venue.place(request);
  }

  modifyOrder(request: BrokerModifyRequest): void {
    this.venue.modify(request);
  }

  cancelOrder(request: BrokerCancelRequest): void {
    this.venue.cancel(request);
  }

  onTicks(ticks: readonly Tick[]): void {
    this.venue.onTicks(ticks);
  }

  /** The market closed: working DAY orders expire. */
  onSessionEnd(): void {
    this.venue.expireWorking();
  }

  async books(): Promise<BrokerBooks> {
    return this.venue.books();
  }

  resume(state: BrokerResumeState): void {
    this.venue.restore(state);
  }

  close(): void {
    this.closed = true;
    this.venue.clear();
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
