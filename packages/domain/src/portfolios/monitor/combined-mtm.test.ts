import { describe, expect, it } from 'vitest';
import { MoneyOverflowError, type Paise } from '../../money.ts';
import { entryPremium, legMtm } from './combined-mtm.ts';

const p = (value: number): Paise => value as Paise;

describe('legMtm', () => {
  it('BUY gains as the price rises, SELL as it falls, exactly in paise', () => {
    expect(legMtm('BUY', 75, p(10_005), p(10_120))).toBe(115 * 75);
    expect(legMtm('SELL', 75, p(10_005), p(10_120))).toBe(-115 * 75);
    expect(legMtm('SELL', 1_800, p(4_535), p(5))).toBe(4_530 * 1_800);
  });
  it('tracks a scripted path step by step', () => {
    const path = [10_000, 9_950, 10_040, 9_800].map(p);
    expect(path.map((last) => legMtm('SELL', 50, p(10_000), last))).toEqual([0, 2_500, -2_000, 10_000]);
  });
  it('refuses to lose precision', () => {
    expect(() => legMtm('BUY', 2 ** 40, p(0), p(2 ** 20))).toThrow(MoneyOverflowError);
  });
});

describe('entryPremium', () => {
  it('is + for a net credit (short strangle)', () => {
    expect(entryPremium([{ side: 'SELL', quantity: 75, entryPrice: p(12_000) }, { side: 'SELL', quantity: 75, entryPrice: p(11_050) }])).toBe(
      23_050 * 75,
    );
  });
  it('is − for a net debit (long call spread)', () => {
    expect(entryPremium([{ side: 'BUY', quantity: 50, entryPrice: p(20_000) }, { side: 'SELL', quantity: 50, entryPrice: p(8_000) }])).toBe(
      -12_000 * 50,
    );
  });
  it('is zero for no legs', () => {
    expect(entryPremium([])).toBe(0);
  });
});
