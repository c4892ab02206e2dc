import { describe, expect, it } from 'vitest';
import { paise } from '../money.ts';
import { bufferedLimitPrice } from './buffered-limit-price.ts';

describe('bufferedLimitPrice', () => {
  it('moves the price against us by the buffer and rounds outward to the tick', () => {
    // 24,000.00 + 0.5% = 24,120.00 exactly; − 0.5% = 23,880.00.
    expect(bufferedLimitPrice(paise(2_400_000), 'BUY', 50, paise(5))).toBe(2_412_000);
    expect(bufferedLimitPrice(paise(2_400_000), 'SELL', 50, paise(5))).toBe(2_388_000);
    // 101.05 + 0.5% = 101.55525 → up to 101.60 to buy; 101.05 − 0.5% = 100.54475 → down to 100.50 to sell.
    expect(bufferedLimitPrice(paise(10_105), 'BUY', 50, paise(5))).toBe(10_160);
    expect(bufferedLimitPrice(paise(10_105), 'SELL', 50, paise(5))).toBe(10_050);
    expect(bufferedLimitPrice(paise(10_105), 'BUY', 0, paise(5))).toBe(10_105);
  });

  it('never goes below one tick', () => {
    expect(bufferedLimitPrice(paise(5), 'SELL', 9_000, paise(5))).toBe(5);
  });
});
