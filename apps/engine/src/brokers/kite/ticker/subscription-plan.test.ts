import { describe, expect, it } from 'vitest';
import { SubscriptionPlan } from './subscription-plan.ts';
import { KiteTickerError } from './ticker-errors.ts';

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, index) => from + index);

describe('SubscriptionPlan', () => {
  it('fills connection 0 up to 3,000 before using connection 1, then 2', () => {
    const plan = new SubscriptionPlan();
    const { subscribed } = plan.add(range(1, 3_500));
    expect([...subscribed].map(([connection, tokens]) => [connection, tokens.length])).toEqual([[0, 3_000], [1, 500]]);
    plan.add(range(10_001, 5_500), 'full');
    expect([0, 1, 2].map((connection) => plan.tokensOn(connection).size)).toEqual([3_000, 3_000, 3_000]);
    expect(plan.modeOf(1)).toBe('quote'); // Kite's default after subscribe
    expect(plan.modeOf(10_001)).toBe('full');
  });

  it('refuses to pass 9,000 tokens, changing nothing', () => {
    const plan = new SubscriptionPlan();
    plan.add(range(1, 8_999));
    expect(() => plan.add([100_000, 100_001])).toThrow(KiteTickerError);
    expect(() => plan.add([100_000, 100_001])).toThrow(/3,000 instruments per connection and 3 connections/);
    expect(plan.size).toBe(8_999);
    expect(plan.modeOf(100_000)).toBeUndefined();
    plan.add([100_000]);
    expect(plan.size).toBe(9_000);
  });

  it('re-adding a token does not count twice; with a mode it re-modes it where it lives', () => {
    const plan = new SubscriptionPlan();
    plan.add([5, 6]);
    const { subscribed, moded } = plan.add([6, 7], 'ltp');
    expect([...subscribed]).toEqual([[0, [7]]]);
    expect([...moded]).toEqual([[0, [7, 6]]]);
    expect(plan.size).toBe(3);
  });

  it('removing frees room that new tokens fill first', () => {
    const plan = new SubscriptionPlan();
    plan.add(range(1, 3_001));
    expect([...plan.remove([2, 3, 999_999])]).toEqual([[0, [2, 3]]]);
    const { subscribed } = plan.add([50_000]);
    expect([...subscribed]).toEqual([[0, [50_000]]]);
  });

  it('a mode only for subscribed tokens', () => {
    const plan = new SubscriptionPlan();
    plan.add([1]);
    expect(() => plan.setMode([1, 2], 'full')).toThrow(expect.objectContaining({ code: 'KITE_TICKER_NOT_SUBSCRIBED' }));
    expect(plan.modeOf(1)).toBe('quote');
    expect([...plan.setMode([1], 'full')]).toEqual([[0, [1]]]);
  });

  it('rejects tokens that are not positive 32-bit integers', () => {
    const plan = new SubscriptionPlan();
    for (const bad of [0, -1, 1.5, 2 ** 32, Number.NaN]) expect(() => plan.add([bad])).toThrow(expect.objectContaining({ code: 'KITE_TICKER_INVALID_TOKEN' }));
  });
});
