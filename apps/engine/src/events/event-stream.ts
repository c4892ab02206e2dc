import { applyOrderEvent, DomainError, type EngineEventEnvelope } from '@strikedesk/domain';
import type { Journal } from '@strikedesk/db/client';
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
        for (const record of page) {
          if (record.seq > upTo) break backlog;
          const order = this.state.orderAfter(record.event.orderId, record.seq) ?? (await this.foldFromJournal(record.event.orderId, record.seq));
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

  /** An order whose history memory no longer keeps (older than a snapshot, or long finished). */
  private async foldFromJournal(orderId: string, seq: number): Promise<EngineEventEnvelope['order']> {
    let order: EngineEventEnvelope['order'] | undefined;
    for (const record of await this.journal.readOrder(orderId, seq)) order = applyOrderEvent(order, record.event);
    if (!order) throw new Error(`journal seq ${seq} refers to order ${orderId}, which the journal does not hold`);
    return order;
  }
}
