import { describe, expect, it } from 'vitest';
import type { PortfolioRuntime } from '../portfolio.ts';
import { istDayOf } from './ist-clock.ts';
import { rangeStatus, trackRange, type Breakout, type RangeBreakoutRule } from './range-breakout.ts';

const at = (hhmm: string, date = '2026-03-02'): number => Date.parse(`${date}T${hhmm}:00+05:30`);
const ruleOf = (direction: RangeBreakoutRule['direction']): RangeBreakoutRule => ({
  kind: 'RANGE_BREAKOUT',
  source: 'UNDERLYING',
  windowStart: '09:15',
  windowEnd: '09:30',
  direction,
});

/** Feeds [time, value] ticks as the engine would; the range after each, and the first breakout step. */
function run(rule: RangeBreakoutRule, ticks: readonly (readonly [string, number])[], range: PortfolioRuntime['range'] = null) {
  for (const [step, [time, value]] of ticks.entries()) {
    const result = trackRange({ rule, range, value, now: at(time) });
    range = result.range;
    if (result.breakout) return { step, breakout: result.breakout as Breakout | null, range };
  }
  return { step: null, breakout: null, range };
}

const WINDOW = [
  ['09:10', 2_500_000], // before the window: not recorded
  ['09:15', 2_210_000],
  ['09:20', 2_215_000],
  ['09:29', 2_205_000],
  ['09:30', 2_230_000], // the window has ended: a break, not an extension
] as const;

describe('trackRange', () => {
  it('records the window high and low and breaks up on the first value strictly above the high', () => {
    const result = run(ruleOf('EITHER'), [...WINDOW.slice(0, 4), ['09:31', 2_215_000], ['09:32', 2_215_005]]);
    expect(result).toEqual({ step: 5, breakout: 'UP', range: { day: istDayOf(at('09:15')), high: 2_215_000, low: 2_205_000 } });
  });
  it('treats a value at windowEnd as after the window', () => {
    expect(run(ruleOf('EITHER'), WINDOW)).toMatchObject({ step: 4, breakout: 'UP' });
  });
  it('breaks down on the first value strictly below the low', () => {
    expect(run(ruleOf('EITHER'), [...WINDOW.slice(0, 4), ['09:35', 2_205_000], ['09:40', 2_204_995]])).toMatchObject({ step: 5, breakout: 'DOWN' });
  });
  it('honours the direction', () => {
    const path = [...WINDOW.slice(0, 4), ['09:35', 2_300_000], ['09:40', 2_100_000]] as const;
    expect(run(ruleOf('DOWN'), path)).toMatchObject({ step: 5, breakout: 'DOWN' });
    expect(run(ruleOf('UP'), [...WINDOW.slice(0, 4), ['09:35', 2_100_000], ['09:40', 2_300_000]])).toMatchObject({ step: 5, breakout: 'UP' });
  });
  it('never breaks out on a day whose window it did not see', () => {
    expect(run(ruleOf('EITHER'), [['09:31', 2_200_000], ['10:00', 9_999_999], ['11:00', 1]])).toEqual({ step: null, breakout: null, range: null });
  });
  it("does not use yesterday's range, and starts afresh in today's window", () => {
    const yesterday = { day: istDayOf(at('09:20', '2026-03-01')), high: 2_000_000, low: 1_990_000 };
    expect(run(ruleOf('EITHER'), [['10:00', 3_000_000]], yesterday).step).toBeNull();
    const today = trackRange({ rule: ruleOf('EITHER'), range: yesterday, value: 2_100_000, now: at('09:16') });
    expect(today.range).toEqual({ day: istDayOf(at('09:16')), high: 2_100_000, low: 2_100_000 });
  });
  it('returns the same range object when a value changes nothing', () => {
    const range = { day: istDayOf(at('09:20')), high: 10, low: 5 };
    expect(trackRange({ rule: ruleOf('EITHER'), range, value: 7, now: at('09:20') }).range).toBe(range);
  });
});

describe('rangeStatus', () => {
  const rule = ruleOf('EITHER');
  const range = { day: istDayOf(at('09:20')), high: 2_215_000, low: 2_205_000 };
  it('says what the entry waits for at each stage', () => {
    expect(rangeStatus({ rule, range: null, now: at('09:00') })).toEqual({
      state: 'WAITING',
      message: "Waiting for the 09:15–09:30 window to record the underlying's range.",
    });
    expect(rangeStatus({ rule, range: null, now: at('09:15') }).message).toBe("Building the underlying's 09:15–09:30 range: no price yet.");
    expect(rangeStatus({ rule, range, now: at('09:20') }).message).toBe("Building the underlying's 09:15–09:30 range: high 22,150.00, low 22,050.00.");
    expect(rangeStatus({ rule, range, now: at('09:30') })).toEqual({
      state: 'WATCHING',
      message: "Watching for a break above 22,150.00 or below 22,050.00 (the underlying's 09:15–09:30 range).",
    });
    expect(rangeStatus({ rule: ruleOf('UP'), range, now: at('10:00') }).message).toBe("Watching for a break above 22,150.00 (the underlying's 09:15–09:30 range).");
    expect(rangeStatus({ rule, range: null, now: at('09:45') }).state).toBe('MISSED');
    expect(rangeStatus({ rule, range, now: at('09:45', '2026-03-03') }).state).toBe('MISSED');
  });
});
