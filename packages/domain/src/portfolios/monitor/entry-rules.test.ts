import { describe, expect, it } from 'vitest';
import type { Paise } from '../../money.ts';
import type { EntryCondition, EntryRule } from '../portfolio-definition.ts';
import { entryDue } from './entry-rules.ts';
import type { Breakout } from './range-breakout.ts';

const at = (hhmm: string, seconds = 0): number => Date.parse(`2026-03-02T${hhmm}:00+05:30`) + seconds * 1_000;
const p = (value: number): Paise => value as Paise;
const NOON = at('12:00');

/** The first step of an underlying path (paise) at which the entry is due. */
function firstDue(rule: EntryRule, conditions: EntryCondition[], path: readonly (number | null)[], breakouts?: readonly (Breakout | null)[]) {
  const step = path.findIndex((underlying, index) =>
    entryDue({ rule, conditions, now: NOON, underlying: underlying === null ? null : p(underlying), breakout: breakouts?.[index] ?? null }).due,
  );
  return step === -1 ? null : step;
}

describe('entryDue', () => {
  it('IMMEDIATE is due at once', () => {
    expect(entryDue({ rule: { kind: 'IMMEDIATE' }, conditions: [], now: NOON, underlying: null, breakout: null })).toEqual({ due: true, waitingFor: '' });
  });
  it('AT_TIME is due from the time on', () => {
    const rule: EntryRule = { kind: 'AT_TIME', time: '10:30' };
    const times = [at('10:29'), at('10:29', 59), at('10:30'), at('14:00')];
    expect(times.map((now) => entryDue({ rule, conditions: [], now, underlying: null, breakout: null }).due)).toEqual([false, false, true, true]);
    expect(entryDue({ rule, conditions: [], now: at('10:00'), underlying: null, breakout: null }).waitingFor).toBe('Waiting for 10:30 IST.');
  });
  it('RANGE_BREAKOUT is due on a breakout', () => {
    const rule: EntryRule = { kind: 'RANGE_BREAKOUT', source: 'UNDERLYING', windowStart: '09:15', windowEnd: '09:30', direction: 'UP' };
    expect(firstDue(rule, [], [1, 1, 1], [null, null, 'UP'])).toBe(2);
    expect(entryDue({ rule, conditions: [], now: NOON, underlying: null, breakout: null }).waitingFor).toBe(
      'Waiting for an upward break of the 09:15–09:30 range.',
    );
  });
  it('needs every condition, strictly', () => {
    const conditions: EntryCondition[] = [
      { kind: 'UNDERLYING_ABOVE', level: p(2_200_000) },
      { kind: 'UNDERLYING_BELOW', level: p(2_250_000) },
    ];
    expect(firstDue({ kind: 'IMMEDIATE' }, conditions, [null, 2_200_000, 2_250_000, 2_260_000, 2_200_005])).toBe(4);
    expect(entryDue({ rule: { kind: 'IMMEDIATE' }, conditions, now: NOON, underlying: p(2_260_000), breakout: null }).waitingFor).toBe(
      'Waiting for the underlying below 22,500.00.',
    );
  });
  it('names everything still missing', () => {
    const conditions: EntryCondition[] = [{ kind: 'UNDERLYING_ABOVE', level: p(2_200_000) }];
    expect(entryDue({ rule: { kind: 'AT_TIME', time: '10:30' }, conditions, now: at('10:00'), underlying: null, breakout: null }).waitingFor).toBe(
      'Waiting for 10:30 IST and the underlying above 22,000.00 (no underlying price yet).',
    );
  });
});
