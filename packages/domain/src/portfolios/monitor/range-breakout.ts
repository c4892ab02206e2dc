import { formatRupees, type Paise } from '../../money.ts';
import type { PortfolioRuntime } from '../portfolio.ts';
import type { EntryRule } from '../portfolio-definition.ts';
import { istDayOf, istMinuteOfDay, parseIstTime } from './ist-clock.ts';

/**
 * Range-breakout entry: record the high and low of the watched value (underlying or combined
 * premium, paise) over [windowStart, windowEnd) IST of the current day, then report the first value
 * strictly outside that range. The range belongs to one IST day: a new day starts a new range, and
 * a day whose window went by unseen (engine started after it) has no range and so no breakout —
 * entering on a range nobody saw would be a guess. The engine feeds every value it sees (not only
 * on the monitoring cadence), or the range misses highs and lows.
 */

export type RangeBreakoutRule = Extract<EntryRule, { kind: 'RANGE_BREAKOUT' }>;
export type TrackedRange = PortfolioRuntime['range'];
export type Breakout = 'UP' | 'DOWN';

type Phase = 'BEFORE' | 'DURING' | 'AFTER';

function phaseOf(rule: RangeBreakoutRule, now: number): Phase {
  const minute = istMinuteOfDay(now);
  if (minute < parseIstTime(rule.windowStart)) return 'BEFORE';
  return minute < parseIstTime(rule.windowEnd) ? 'DURING' : 'AFTER';
}

/** The range if it was recorded today; an older day's range no longer counts. */
const rangeOfToday = (range: TrackedRange, now: number): TrackedRange => (range !== null && range.day === istDayOf(now) ? range : null);

export interface RangeUpdate {
  /** The range to persist; the same object when nothing changed, so the engine can skip the write. */
  range: TrackedRange;
  breakout: Breakout | null;
}

export function trackRange(input: { rule: RangeBreakoutRule; range: TrackedRange; value: number; now: number }): RangeUpdate {
  const { rule, value, now } = input;
  const today = rangeOfToday(input.range, now);
  const phase = phaseOf(rule, now);
  if (phase === 'BEFORE') return { range: today, breakout: null };
  if (phase === 'DURING') {
    if (today === null) return { range: { day: istDayOf(now), high: value, low: value }, breakout: null };
    if (value <= today.high && value >= today.low) return { range: today, breakout: null };
    return { range: { day: today.day, high: Math.max(today.high, value), low: Math.min(today.low, value) }, breakout: null };
  }
  if (today === null) return { range: null, breakout: null };
  if (value > today.high && rule.direction !== 'DOWN') return { range: today, breakout: 'UP' };
  if (value < today.low && rule.direction !== 'UP') return { range: today, breakout: 'DOWN' };
  return { range: today, breakout: null };
}

export type RangeState = 'WAITING' | 'BUILDING' | 'WATCHING' | 'MISSED';

/** Where a range-breakout entry stands, for the trader. */
export function rangeStatus(input: { rule: RangeBreakoutRule; range: TrackedRange; now: number }): { state: RangeState; message: string } {
  const { rule, now } = input;
  const today = rangeOfToday(input.range, now);
  const window = `${rule.windowStart}–${rule.windowEnd}`;
  const what = rule.source === 'UNDERLYING' ? "the underlying's" : 'the combined premium';
  const level = (value: number): string => formatRupees(value as Paise);
  switch (phaseOf(rule, now)) {
    case 'BEFORE':
      return { state: 'WAITING', message: `Waiting for the ${window} window to record ${what} range.` };
    case 'DURING':
      return {
        state: 'BUILDING',
        message: `Building ${what} ${window} range: ${today === null ? 'no price yet' : `high ${level(today.high)}, low ${level(today.low)}`}.`,
      };
    case 'AFTER': {
      if (today === null) {
        return { state: 'MISSED', message: `The ${window} window was missed today (no prices seen in it): no breakout entry until the next trading day.` };
      }
      const up = `above ${level(today.high)}`;
      const down = `below ${level(today.low)}`;
      const watch = rule.direction === 'UP' ? up : rule.direction === 'DOWN' ? down : `${up} or ${down}`;
      return { state: 'WATCHING', message: `Watching for a break ${watch} (${what} ${window} range).` };
    }
  }
}
