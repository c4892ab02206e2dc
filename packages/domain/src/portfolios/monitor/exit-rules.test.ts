import { describe, expect, it } from 'vitest';
import type { Paise } from '../../money.ts';
import { ExitSettingsSchema, type ExitSettings } from '../portfolio-definition.ts';
import { evaluatePortfolioExit, exitTimeReached, resolveMtmThreshold, type PortfolioExitReason } from './exit-rules.ts';

const at = (hhmm: string, seconds = 0): number => Date.parse(`2026-03-02T${hhmm}:00+05:30`) + seconds * 1_000;
const NOON = at('12:00');
const exitOf = (input: Partial<Record<keyof ExitSettings, unknown>>): ExitSettings => ExitSettingsSchema.parse(input);
const RS = (rupees: number): Paise => Math.round(rupees * 100) as Paise;

/** Feeds an MTM path (rupees) through the rule as the engine would, carrying the peak; the first firing step. */
function firstExit(exit: ExitSettings, path: readonly number[], entryPremium = 0, times?: readonly number[]) {
  let peakMtm: number | null = null;
  for (const [step, rupees] of path.entries()) {
    const result = evaluatePortfolioExit({ exit, mtm: RS(rupees), entryPremium, peakMtm, now: times?.[step] ?? NOON });
    peakMtm = result.peakMtm;
    if (result.trigger) return { step, reason: result.trigger.reason, message: result.trigger.message, peakMtm };
  }
  return { step: null, reason: null, message: null, peakMtm };
}

describe('stop loss and target', () => {
  it('fires the rupee stop on the first MTM at or below −stop', () => {
    const exit = exitOf({ stopLoss: { unit: 'RUPEES', amount: RS(5_000) } });
    const result = firstExit(exit, [0, -1_000, -4_999.99, -5_000, -6_000]);
    expect(result.step).toBe(3);
    expect(result.reason).toBe<PortfolioExitReason>('STOP_LOSS');
    expect(result.message).toBe('Stop loss hit: MTM −₹5,000 reached the −₹5,000 stop.');
  });
  it('fires a percent-of-premium target at the exact step', () => {
    // ₹20,000 credit received; 40 % of it is ₹8,000.
    const exit = exitOf({ target: { unit: 'PERCENT_OF_PREMIUM', percent: 40 } });
    const result = firstExit(exit, [500, 4_000, 7_999.99, 8_000.5], RS(20_000));
    expect(result.step).toBe(3);
    expect(result.reason).toBe('TARGET');
    expect(result.message).toBe('Target hit: MTM ₹8,000.50 reached the ₹8,000 target (40% of the ₹20,000 premium).');
  });
  it('takes the percent of a debit by its size', () => {
    const exit = exitOf({ stopLoss: { unit: 'PERCENT_OF_PREMIUM', percent: 50 } });
    expect(firstExit(exit, [-100, -2_499, -2_500], -RS(5_000)).step).toBe(2);
  });
});

describe('resolveMtmThreshold', () => {
  it('rounds a percent half up to whole paise', () => {
    expect(resolveMtmThreshold({ unit: 'PERCENT_OF_PREMIUM', percent: 10 }, 333)).toBe(33);
    expect(resolveMtmThreshold({ unit: 'PERCENT_OF_PREMIUM', percent: 10 }, -335)).toBe(34);
  });
  it('is inactive for a zero premium instead of firing at ₹0', () => {
    expect(resolveMtmThreshold({ unit: 'PERCENT_OF_PREMIUM', percent: 10 }, 0)).toBeNull();
    const exit = exitOf({ target: { unit: 'PERCENT_OF_PREMIUM', percent: 10 }, stopLoss: { unit: 'PERCENT_OF_PREMIUM', percent: 10 } });
    expect(firstExit(exit, [0, 1_000, -1_000]).step).toBeNull();
  });
});

describe('trailing stop: lock profit at ₹3,000, trail by ₹1,000', () => {
  const exit = exitOf({ trailing: { lockProfitAt: RS(3_000), trailBy: RS(1_000) } });

  it('does nothing before MTM reaches the lock level, however far it falls', () => {
    expect(firstExit(exit, [1_000, 2_999, -10_000]).step).toBeNull();
  });
  it('arms at the lock level with the floor at lock − trail', () => {
    expect(firstExit(exit, [1_000, 3_000, 2_001, 2_000]).step).toBe(3);
  });
  it('raises the floor with the peak and exits on the fall back to it', () => {
    // Peaks at 4,500 (floor 3,500): 3,600 holds, 3,500 exits.
    const result = firstExit(exit, [1_000, 3_100, 2_200, 4_500, 3_600, 3_500, 9_000]);
    expect(result.step).toBe(5);
    expect(result.reason).toBe('TRAILING_STOP');
    expect(result.peakMtm).toBe(RS(4_500));
    expect(result.message).toBe('Trailing stop hit: MTM ₹3,500 fell to the ₹3,500 floor (peak ₹4,500 less the ₹1,000 trail).');
  });
  it('remembers the peak across evaluations (the engine persists it)', () => {
    const first = evaluatePortfolioExit({ exit, mtm: RS(5_000), entryPremium: 0, peakMtm: null, now: NOON });
    expect(first).toEqual({ peakMtm: RS(5_000), trigger: null });
    const restarted = evaluatePortfolioExit({ exit, mtm: RS(4_000), entryPremium: 0, peakMtm: first.peakMtm, now: NOON });
    expect(restarted.trigger?.reason).toBe('TRAILING_STOP');
  });
  it('tracks the peak even with no trailing rule (for the live view)', () => {
    expect(firstExit(exitOf({}), [-500, 200, 100]).peakMtm).toBe(RS(200));
  });
});

describe('time exit', () => {
  const exit = exitOf({ exitAt: '15:15' });
  it('fires on the first evaluation at or after the exit time', () => {
    const times = [at('15:14'), at('15:14', 59), at('15:15'), at('15:16')];
    const result = firstExit(exit, [100, 100, 100, 100], 0, times);
    expect(result.step).toBe(2);
    expect(result.message).toBe('Exit time 15:15 IST reached with MTM ₹100.');
  });
  it('is a daily clock: not due after IST midnight', () => {
    expect(exitTimeReached(exit, at('23:59'))).toBe(true);
    expect(exitTimeReached(exit, Date.parse('2026-03-03T00:01:00+05:30'))).toBe(false);
    expect(exitTimeReached(exitOf({}), at('23:59'))).toBe(false);
  });
});

describe('priority when several rules meet in one evaluation', () => {
  const all = exitOf({
    target: { unit: 'RUPEES', amount: RS(4_000) },
    stopLoss: { unit: 'RUPEES', amount: RS(2_000) },
    trailing: { lockProfitAt: RS(3_000), trailBy: RS(500) },
    exitAt: '15:15',
  });
  const reason = (mtm: number, peakMtm: number | null, now: number) =>
    evaluatePortfolioExit({ exit: all, mtm: RS(mtm), entryPremium: 0, peakMtm: peakMtm === null ? null : RS(peakMtm), now }).trigger?.reason;

  it('stop loss beats the time exit', () => {
    expect(reason(-2_500, null, at('15:20'))).toBe('STOP_LOSS');
  });
  it('trailing stop beats the target', () => {
    expect(reason(4_200, 6_000, NOON)).toBe('TRAILING_STOP');
  });
  it('target beats the time exit', () => {
    expect(reason(4_200, null, at('15:20'))).toBe('TARGET');
  });
  it('time alone', () => {
    expect(reason(0, null, at('15:20'))).toBe('TIME');
  });
});
