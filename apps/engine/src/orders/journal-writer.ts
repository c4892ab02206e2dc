import { applyOrderEvent, type EngineEvent, type EngineEventEnvelope, type Order } from '@strikedesk/domain';
import type { Journal } from '@strikedesk/db/client';
import type { Topic } from '../events/topic.ts';
import type { TradingState } from './trading-state.ts';

/**
 * The single writer of the journal. Commits run one at a time (a global promise chain) so seq is
 * contiguous across accounts: each commit checks legality against current state, appends to
 * Postgres, and only then applies to memory and publishes. A failed append changes nothing.
 */
export class JournalWriter {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly journal: Journal,
    private readonly state: TradingState,
    private readonly published: Topic<EngineEventEnvelope>,
  ) {}

  commit(events: readonly EngineEvent[]): Promise<EngineEventEnvelope[]> {
    const run = async (): Promise<EngineEventEnvelope[]> => {
      // Refuse to journal an illegal transition (throws IllegalTransitionError) before touching the DB.
      const scratch = new Map<string, Order>();
      for (const event of events) {
        scratch.set(event.orderId, applyOrderEvent(scratch.get(event.orderId) ?? this.state.order(event.orderId), event));
      }
      const records = events.map((event, index) => ({ seq: this.state.lastSeq + 1 + index, event }));
      await this.journal.append(records);
      return records.map((record) => {
        const envelope = { seq: record.seq, event: record.event, order: this.state.apply(record) };
        this.published.publish(envelope);
        return envelope;
      });
    };
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }
}
