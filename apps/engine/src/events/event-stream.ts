import type { EngineEventEnvelope } from '@strikedesk/domain';
import type { Journal } from '@strikedesk/db/client';
import type { TradingState } from '../orders/trading-state.ts';
import type { Topic } from './topic.ts';

const BACKLOG_PAGE = 500;

/**
 * The resumable event stream: journal backlog after a consumer's last seq, then live, with no gap
 * and no duplicate. Order matters: subscribe to live first, then note the last *applied* seq and
 * read the backlog up to it from the journal; anything after it was published after we subscribed,
 * so it is in the live buffer, and we skip live events at or below the last seq yielded.
 */
export class EventStream {
  constructor(
    private readonly published: Topic<EngineEventEnvelope>,
    private readonly journal: Journal,
    private readonly state: TradingState,
  ) {}

  /** `lastEventId` null: live events only, from now. "0": the whole journal, then live. */
  async *stream(lastEventId: string | null, signal?: AbortSignal): AsyncGenerator<EngineEventEnvelope, void, undefined> {
    const live = this.published.subscribe(signal);
    try {
      let last = lastEventId === null ? this.state.lastSeq : Number(lastEventId);
      const upTo = this.state.lastSeq;
      backlog: while (last < upTo) {
        if (signal?.aborted) return;
        const page = await this.journal.readAfter(last, BACKLOG_PAGE);
        if (page.length === 0) break;
        for (const record of page) {
          if (record.seq > upTo) break backlog;
          const order = this.state.orderAfter(record.event.orderId, record.seq);
          if (!order) throw new Error(`journal seq ${record.seq} refers to an order not in memory`);
          yield { seq: record.seq, event: record.event, order };
          last = record.seq;
        }
      }
      for await (const envelope of live) {
        if (envelope.seq <= last) continue;
        yield envelope;
        last = envelope.seq;
      }
    } finally {
      await live.return(undefined);
    }
  }
}
