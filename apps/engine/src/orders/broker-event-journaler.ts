import { applyOrderEvent, type AccountId, type EngineEvent, type Order } from '@strikedesk/domain';
import type { BrokerEvent } from '../brokers/broker.ts';
import type { Clock } from '../market/simulator-runner.ts';
import { Backoff, sleep, type BackoffOptions } from '../backoff.ts';
import { JournalUnavailableError, type JournalWriter } from './journal-writer.ts';
import type { KeyedMutex } from './keyed-mutex.ts';
import { NO_NEWS, type OrderDecider } from './order-decider.ts';
import { tradeKey } from './account-book.ts';

export type BrokerEventLogger = { warn(details: object, message: string): void; error(details: object, message: string): void };

/**
 * Journals what the broker says, per account in arrival order. Events of an account that arrive
 * together (a paper MARKET order is accepted and filled at once) are journaled as one commit, so an
 * order's acknowledgement costs one journal round trip rather than one per event.
 *
 * A broker event cannot be asked for again (the paper venue has already forgotten a filled order),
 * so a failed write is retried with backoff until it lands rather than dropped; retrying is safe
 * because each attempt decides again from the state as it is then — a fill already journaled is
 * recognised by its trade id and any other repeat is no longer applicable. The retry holds the
 * account's lock, so later events and commands of that account wait behind it, in order.
 *
 * Only a journal that could not record is retried. Any other failure decides the same way every
 * time (a message our code cannot fold), so retrying it would hold the account's lock for good:
 * the batch is journaled event by event instead, and an event that fails alone is set aside with
 * an error log — the order's truth stays at the broker, and reconciliation reads it from there.
 */
export class BrokerEventJournaler {
  private readonly queued = new Map<AccountId, BrokerEvent[]>();
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
    let count = 0;
    for (const events of this.queued.values()) count += events.length;
    return count;
  }

  handle(event: BrokerEvent): void {
    const queue = this.queued.get(event.accountId);
    if (queue) {
      queue.push(event); // a drain for this account is already scheduled; it takes this one too
      return;
    }
    this.queued.set(event.accountId, [event]);
    void this.deps.mutex.run(event.accountId, () => this.drain(event.accountId));
  }

  /**
   * Shutdown could not wait any longer: stop retrying and report every broker event that was not
   * journaled. They are lost to this journal; reconciliation recovers them from the broker's books
   * at the next start.
   */
  abandon(): void {
    const pending = [...this.queued.values()].flat();
    if (pending.length > 0) this.deps.logger.error({ brokerEvents: pending }, `shutting down with ${pending.length} broker event(s) not journaled`);
    this.giveUp.abort();
  }

  /** Journals everything queued for the account (what arrives while a commit runs joins the next). */
  private async drain(accountId: AccountId): Promise<void> {
    const backoff = new Backoff(this.deps.retry);
    /** Events at the head of the queue to journal one by one (a batch of them failed for another reason than the journal). */
    const alone = { left: 0 };
    try {
      for (let attempt = 1; !this.giveUp.signal.aborted; ) {
        const batch = this.queued.get(accountId) ?? [];
        if (batch.length === 0) return;
        const taken = batch.length;
        try {
          if (alone.left > 0) {
            await this.journalOneByOne(batch, alone);
          } else {
            await this.journal(batch.slice(0, taken));
            batch.splice(0, taken);
          }
          attempt = 1;
        } catch (error) {
          if (this.giveUp.signal.aborted) return;
          if (!(error instanceof JournalUnavailableError)) {
            this.deps.logger.warn({ err: error, brokerEvents: batch.slice(0, taken) }, 'broker events could not be journaled together; journaling them one by one');
            alone.left = taken;
            continue;
          }
          const retryInMs = backoff.next();
          this.deps.logger.error({ err: error, brokerEvents: batch.slice(0, taken), attempt, retryInMs }, 'failed to journal broker events; retrying');
          attempt += 1;
          await sleep(retryInMs, this.giveUp.signal);
        }
      }
    } finally {
      if (!this.giveUp.signal.aborted || (this.queued.get(accountId)?.length ?? 0) === 0) this.queued.delete(accountId);
    }
  }

  /**
   * Journals the first `alone.left` queued events each alone, taking each off the queue once
   * journaled or set aside (logged: it fails for a reason other than the journal). A journal that
   * cannot record stops the pass with the rest still queued and counted: the caller retries them,
   * still one by one.
   */
  private async journalOneByOne(queue: BrokerEvent[], alone: { left: number }): Promise<void> {
    while (alone.left > 0 && !this.giveUp.signal.aborted) {
      const brokerEvent = queue[0] as BrokerEvent;
      try {
        await this.journal([brokerEvent]);
      } catch (error) {
        if (error instanceof JournalUnavailableError) throw error;
        this.deps.logger.error({ err: error, brokerEvent }, 'broker event set aside: it cannot be journaled (reconciliation settles its order from the broker)');
      }
      queue.shift();
      alone.left -= 1;
    }
  }

  /** Decides each event against the state plus the batch's earlier events, and commits them together. */
  private async journal(brokerEvents: readonly BrokerEvent[]): Promise<void> {
    const now = this.deps.clock.now();
    const scratch = new Map<string, Order>();
    const trades = new Set<string>();
    /** Orders whose pending modify an earlier event of this batch answered (the state still has it pending). */
    const modifyAnswered = new Set<string>();
    const events: EngineEvent[] = [];
    for (const brokerEvent of brokerEvents) {
      // Decided against the order as this batch's earlier events leave it (e.g. accepted, then
      // triggered, then filled — all arriving together): they are not in the state until committed.
      const decision = this.deps.decider.brokerEvent(brokerEvent, now, (order) => scratch.get(order.orderId) ?? order);
      if (decision.kind === 'ignore') {
        // A repeat is routine; anything else is worth a look (reconciliation settles it).
        if (decision.reason !== NO_NEWS) this.deps.logger.warn({ brokerEvent, reason: decision.reason }, 'broker event ignored');
        continue;
      }
      let { event } = decision;
      // A fill resent within the batch (the state's trade ids do not have it yet).
      if (event.type === 'OrderFilled' && trades.has(tradeKey(event.orderId, event.tradeId))) continue;
      if (event.type === 'OrderCancelRejected' && event.modifyPending && modifyAnswered.has(event.orderId)) event = { ...event, modifyPending: false };
      if (event.type === 'OrderModified' || event.type === 'OrderModifyRejected') modifyAnswered.add(event.orderId);
      scratch.set(event.orderId, applyOrderEvent(decision.order, event));
      if (event.type === 'OrderFilled') trades.add(tradeKey(event.orderId, event.tradeId));
      events.push(event);
    }
    if (events.length > 0) await this.deps.writer.commit(events);
  }
}
