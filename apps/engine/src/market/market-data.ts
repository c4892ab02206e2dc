import type { Tick } from '@strikedesk/domain';
import { Topic } from '../events/topic.ts';

/**
 * Where the latest quotes come from: the simulator's books (`MarketSimulator` satisfies this), or
 * the last ticks of an external feed (`FeedQuotes`).
 */
export type QuoteSource = {
  latest(instrumentId: string): Tick | undefined;
  previousOpenInterest(instrumentId: string): number | undefined;
};

/**
 * Latest quotes plus the live tick feed, whatever the source. Callers see the same interface
 * whether the simulator or a broker's feed is live; whoever drives the source publishes each batch
 * here once the source holds it (so a subscriber reading `latest` sees at least that batch).
 */
export class MarketData {
  readonly ticks = new Topic<Tick[]>();

  constructor(private readonly source: QuoteSource) {}

  latest(instrumentId: string): Tick | undefined {
    return this.source.latest(instrumentId);
  }

  /** Open interest at the previous session's close, for "OI change" (undefined for indices, and when the source does not know). */
  previousOpenInterest(instrumentId: string): number | undefined {
    return this.source.previousOpenInterest(instrumentId);
  }

  quotes(instrumentIds: readonly string[]): Tick[] {
    return instrumentIds.flatMap((id) => {
      const tick = this.source.latest(id);
      return tick ? [tick] : [];
    });
  }

  /** A simulator step or a feed batch: the ticks go to every subscriber of `ticks`. */
  publish(batch: { ticks: Tick[] }): void {
    this.ticks.publish(batch.ticks);
  }
}
