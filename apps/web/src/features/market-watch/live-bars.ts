import { foldTick, foldTrade, type Bar, type BarInterval, type BarTick } from '@strikedesk/domain';

/** A chart's loaded history with the live ticks since folded in. */
export type LiveBars = {
  /** Which instrument and interval these bars are (the chart's series key). */
  key: string;
  /** The history as loaded: another array means it was (re)loaded and the ticks fold onto it afresh. */
  history: readonly Bar[];
  bars: readonly Bar[];
  /** The last tick folded in: the next one's traded volume is the rise of the cumulative count since it. */
  lastTick: BarTick | undefined;
};

/**
 * The bars after the latest render's history and tick. The tick already in hand when a history
 * arrives — and the first tick at all — has no tick before it to measure volume from, and most
 * likely is already recorded in the history: it draws its price but adds no volume. Counting it
 * whole would add the day's entire volume to one bar; what is missed instead is at most one tick's.
 */
export function nextLiveBars(
  current: LiveBars | null,
  key: string,
  history: readonly Bar[] | undefined,
  tick: BarTick | undefined,
  interval: BarInterval,
): LiveBars | null {
  if (!history) return null;
  if (!current || current.key !== key || current.history !== history) {
    return { key, history, bars: tick ? foldUncounted(history, tick, interval) : history, lastTick: tick };
  }
  if (!tick || tick === current.lastTick) return current;
  // The store never goes back in time, but a quote reloaded with an older time must not either.
  if (current.lastTick && tick.timestamp < current.lastTick.timestamp) return current;
  const bars = current.lastTick ? foldTick(current.bars, tick, current.lastTick, interval) : foldUncounted(current.bars, tick, interval);
  return { ...current, bars, lastTick: tick };
}

const foldUncounted = (bars: readonly Bar[], tick: BarTick, interval: BarInterval): readonly Bar[] =>
  foldTrade(bars, { timestamp: tick.timestamp, price: tick.lastPrice, volume: 0 }, interval);
