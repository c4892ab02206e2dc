import type { BrokerEvent } from '../brokers/broker.ts';
import type { Clock } from '../market/simulator-runner.ts';
import { Backoff, sleep, type BackoffOptions } from '../backoff.ts';
import type { JournalWriter } from './journal-writer.ts';
import type { KeyedMutex } from './keyed-mutex.ts';
import { ROUTINE_REPEAT, type OrderDecider } from './order-decider.ts';

export type BrokerEventLogger = { warn(details: object, message: string): void; error(details: object, message: string): void };

/**
 * Journals what the broker says, per account in arrival order. A broker event cannot be asked for
 * again (the paper venue has already forgotten a filled order), so a failed write is retried with
 * backoff until it lands rather than dropped; retrying is safe because a fill already journaled is
 * recognised by its trade id and any other repeat is no longer applicable. The retry holds the
 * account's lock, so later events and commands of that account wait behind it, in order.
 */
export class BrokerEventJournaler {
  private readonly unjournaled = new Set<BrokerEvent>();
  private readonly giveUp = new AbortController();

  constructor(
    private readonly deps: {
      decider: OrderDecider;
      writer: JournalWriter;
      mutex: KeyedMutex;
      clock: Clock;
      logger: BrokerEventLogger;
      retry?: BackoffOptions;
    },
  ) {}

  /** Broker events received but not yet journaled (queued or retrying). */
  get pendingCount(): number {
    return this.unjournaled.size;
  }

  handle(event: BrokerEvent): void {
    this.unjournaled.add(event);
    void this.deps.mutex.run(event.accountId, () => this.journalUntilWritten(event));
  }

  /**
   * Shutdown could not wait any longer: stop retrying and report every broker event that was not
   * journaled. They are lost to this journal; the venue's order book has to be reconciled.
   */
  abandon(): void {
    if (this.unjournaled.size > 0) {
      this.deps.logger.error({ brokerEvents: [...this.unjournaled] }, `shutting down with ${this.unjournaled.size} broker event(s) not journaled`);
    }
    this.giveUp.abort();
  }

  private async journalUntilWritten(event: BrokerEvent): Promise<void> {
    const backoff = new Backoff(this.deps.retry);
    try {
      for (let attempt = 1; !this.giveUp.signal.aborted; attempt += 1) {
        try {
          await this.journal(event);
          return;
        } catch (error) {
          if (this.giveUp.signal.aborted) return;
          const retryInMs = backoff.next();
          this.deps.logger.error({ err: error, brokerEvent: event, attempt, retryInMs }, 'failed to journal a broker event; retrying');
          await sleep(retryInMs, this.giveUp.signal);
        }
      }
    } finally {
      this.unjournaled.delete(event);
    }
  }

  private async journal(brokerEvent: BrokerEvent): Promise<void> {
    const decision = this.deps.decider.brokerEvent(brokerEvent, this.deps.clock.now());
    if (decision.kind === 'ignore') {
      // A resent fill is routine; anything else is worth a look (reconciliation settles it).
      if (decision.reason !== ROUTINE_REPEAT) this.deps.logger.warn({ brokerEvent, reason: decision.reason }, 'broker event ignored');
      return;
    }
    await this.deps.writer.commit([decision.event]);
  }
}
