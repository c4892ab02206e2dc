import type { Tick } from '@strikedesk/domain';
import type { QuoteSource } from './market-data.ts';

/**
 * The latest quotes as an external feed reports them: the last tick of each instrument. The
 * simulator keeps its own books; a feed has none, so this is its book.
 */
export class FeedQuotes implements QuoteSource {
  private readonly last = new Map<string, Tick>();

  latest(instrumentId: string): Tick | undefined {
    return this.last.get(instrumentId);
  }

  /**
   * A feed does not say what open interest was at the previous session's close (Kite's full packet
   * carries today's OI and its day high/low only), so "OI change" is unknown rather than made up.
   */
  previousOpenInterest(_instrumentId: string): number | undefined {
    return undefined;
  }

  /**
   * Takes a batch as the latest quotes and returns the ticks that traded — last price or volume moved
   * (an index: its value moved), or the instrument's first tick — which is what the tick recorder
   * keeps, as it keeps the simulator's trades. Quote-only updates (depth changed) are not returned.
   */
  apply(ticks: readonly Tick[]): Tick[] {
    const trades: Tick[] = [];
    for (const tick of ticks) {
      const previous = this.last.get(tick.instrumentId);
      if (previous === undefined || previous.lastPrice !== tick.lastPrice || previous.volume !== tick.volume) trades.push(tick);
      this.last.set(tick.instrumentId, tick);
    }
    return trades;
  }
}
