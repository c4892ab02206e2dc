import { applyOrderEvent, DomainError, type EngineEventEnvelope, type Order } from '@strikedesk/domain';
import type { Journal, JournalRecord } from '@strikedesk/db/client';
import type { TradingState } from '../orders/trading-state.ts';
import { whileCongested, type Congestion } from './socket-pacing.ts';
import { SubscriberOverflowError, type Topic } from './topic.ts';

const BACKLOG_PAGE = 500;
/** Live envelopes held for one subscriber that is not keeping up (paused on its socket). */
export const DEFAULT_MAX_LIVE_BUFFER = 10_000;

/**
 * The subscriber fell too far behind. Nothing is lost: the consumer resubscribes with its last
 * seq and gets the rest from the journal (read page by page, only as fast as it is consumed).
 */
export class EventStreamOverflowError extends DomainError {
  constructor(cause: SubscriberOverflowError) {
    super('RATE_LIMITED', `The event stream consumer fell more than ${cause.limit} events behind; resubscribe from your last event id.`);
    this.name = 'EventStreamOverflowError';
    this.cause = cause;
  }
}

export type EventStreamOptions = { maxLiveBuffer?: number };

/**
 * The resumable event stream: journal backlog after a consumer's last seq, then live, with no gap
 * and no duplicate. Order matters: subscribe to live first, then note the last *applied* seq and
 * read the backlog up to it from the journal; anything after it was published after we subscribed,
 * so it is in the live buffer, and we skip live events at or below the last seq yielded.
 */
export class EventStream {
  private readonly maxLiveBuffer: number;

  constructor(
    private readonly published: Topic<EngineEventEnvelope>,
    private readonly journal: Journal,
    private readonly state: TradingState,
    options: EventStreamOptions = {},
  ) {
    this.maxLiveBuffer = options.maxLiveBuffer ?? DEFAULT_MAX_LIVE_BUFFER;
  }

  /**
   * Refuses a resume point past the journal's end: the consumer saw seqs from another journal
   * (e.g. the engine restarted on a reset database). Resuming would skip the backlog and drop live
   * events up to that number without a word, so it must resubscribe from the live end instead.
   */
  assertResumable(lastEventId: string | null): void {
    if (lastEventId !== null && Number(lastEventId) > this.state.lastSeq) {
      throw new DomainError('EVENT_STREAM_AHEAD', `Resume point ${lastEventId} is past the engine journal's last seq ${this.state.lastSeq}; resubscribe from the live end.`);
    }
  }

  /**
   * `lastEventId` null: live events only, from now. "0": the whole journal, then live.
   * `congested` pauses the stream while the consumer's socket is backed up; the live buffer then
   * fills, and past its cap the stream fails with EventStreamOverflowError.
   */
  async *stream(lastEventId: string | null, signal?: AbortSignal, congested?: Congestion): AsyncGenerator<EngineEventEnvelope, void, undefined> {
    this.assertResumable(lastEventId);
    const live = this.published.subscribe(signal, { maxBuffered: this.maxLiveBuffer });
    const overflowed = (): Error | null => (live.failed instanceof SubscriberOverflowError ? new EventStreamOverflowError(live.failed) : live.failed);
    const paced = () => whileCongested(congested, signal, overflowed);
    try {
      let last = lastEventId === null ? this.state.lastSeq : Number(lastEventId);
      const upTo = this.state.lastSeq;
      backlog: while (last < upTo) {
        if (signal?.aborted) return;
        const page = await this.journal.readAfter(last, BACKLOG_PAGE);
        if (page.length === 0) break;
        const orders = await this.ordersThrough(page);
        for (const record of page) {
          if (record.seq > upTo) break backlog;
          // The order as it stood right after this record: fold it forward through the page.
          const order = applyOrderEvent(orders.get(record.event.orderId), record.event);
          orders.set(order.orderId, order);
          await paced();
          yield { seq: record.seq, event: record.event, order };
          last = record.seq;
        }
      }
      for (;;) {
        const next = await live.next().catch((error: unknown) => {
          throw error instanceof SubscriberOverflowError ? new EventStreamOverflowError(error) : error;
        });
        if (next.done) return;
        const envelope = next.value;
        if (envelope.seq <= last) continue;
        await paced();
        yield envelope;
        last = envelope.seq;
      }
    } finally {
      await live.return();
    }
  }

  /**
   * Each order of a backlog page as it stood just before the page: its journal records before the
   * page's first seq, folded (one query per page, so a resume far back costs pages, not orders).
   */
  private async ordersThrough(page: readonly JournalRecord[]): Promise<Map<string, Order>> {
    const first = page[0];
    const orders = new Map<string, Order>();
    if (!first) return orders;
    const ids = [...new Set(page.map((record) => record.event.orderId))];
    for (const record of await this.journal.readOrders(ids, first.seq - 1)) {
      orders.set(record.event.orderId, applyOrderEvent(orders.get(record.event.orderId), record.event));
    }
    return orders;
  }
}
