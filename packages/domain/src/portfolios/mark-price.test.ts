import { describe, expect, it } from 'vitest';
import { paise } from '../money.ts';
import { markPrice } from './mark-price.ts';

const tick = (lastPrice: number, bid: number | null, ask: number | null) => ({ lastPrice: paise(lastPrice), bid: bid === null ? null : paise(bid), ask: ask === null ? null : paise(ask) });

describe('markPrice', () => {
  it('is the LTP while it lies inside the touch', () => {
    expect(markPrice(tick(10_050, 10_000, 10_100))).toBe(10_050);
  });
  it('clamps a stale LTP into the touch: to the ask when quotes fell below it, to the bid when they rose above it', () => {
    expect(markPrice(tick(10_500, 9_000, 9_100))).toBe(9_100);
    expect(markPrice(tick(8_000, 9_000, 9_100))).toBe(9_000);
  });
  it('keeps the LTP without a two-sided quote (or a crossed one)', () => {
    expect(markPrice(tick(10_500, null, 9_100))).toBe(10_500);
    expect(markPrice(tick(10_500, 9_200, 9_100))).toBe(10_500);
  });
});
