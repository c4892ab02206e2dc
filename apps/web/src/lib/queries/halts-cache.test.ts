import { describe, expect, it } from 'vitest';
import { asAccountId, type TradingHalt } from '@strikedesk/domain';
import { activeHaltsOf, applyActiveHalts, applyHaltChange } from './halts-cache.ts';

const halt = (id: number, overrides: Partial<TradingHalt> = {}): TradingHalt => ({
  id,
  scope: 'ACCOUNT',
  accountId: asAccountId('00000000-0000-4000-8000-000000000001'),
  kind: 'KILL_SWITCH',
  reason: `halt ${id}`,
  flatten: false,
  engagedBy: null,
  engagedAt: 1_000 + id,
  releasedBy: null,
  releasedAt: null,
  releaseNote: null,
  details: {},
  ...overrides,
});
const releasedCopy = (base: TradingHalt): TradingHalt => ({ ...base, releasedAt: 9_000, releaseNote: 'ok' });

describe('halts cache', () => {
  it('adds, completes and releases a halt from pushes', () => {
    let known = applyHaltChange([], halt(1));
    known = applyHaltChange(known, halt(1, { details: { canceledOrderIds: ['a'] } }));
    expect(activeHaltsOf(known)).toEqual([halt(1, { details: { canceledOrderIds: ['a'] } })]);
    known = applyHaltChange(known, releasedCopy(halt(1)));
    expect(activeHaltsOf(known)).toEqual([]);
  });

  it('never revives a released halt from an older copy, pushed or fetched', () => {
    const known = applyHaltChange([halt(1)], releasedCopy(halt(1)));
    expect(activeHaltsOf(applyHaltChange(known, halt(1)))).toEqual([]);
    expect(activeHaltsOf(applyActiveHalts(known, [halt(1), halt(2)]))).toEqual([halt(2)]);
  });

  it('takes a fetched list as the truth about what is active', () => {
    const known = [halt(1), halt(2)];
    expect(activeHaltsOf(applyActiveHalts(known, [halt(2), halt(3)]))).toEqual([halt(2), halt(3)]);
  });

  it('keeps what was pushed while the fetch was on its way: the answer may be older', () => {
    // Halt 4 was engaged (pushed) after the server answered; halt 1's details arrived likewise.
    const known = [halt(1, { details: { exitOrderIds: ['x'] } }), halt(4)];
    const result = activeHaltsOf(applyActiveHalts(known, [halt(1)], new Set([1, 4])));
    expect(result).toEqual([halt(1, { details: { exitOrderIds: ['x'] } }), halt(4)]);
  });

  it('lists active halts in the order they were engaged', () => {
    const known = [halt(3, { engagedAt: 5 }), halt(1, { engagedAt: 9 }), halt(2, { engagedAt: 5 })];
    expect(activeHaltsOf(known).map((item) => item.id)).toEqual([2, 3, 1]);
  });
});
