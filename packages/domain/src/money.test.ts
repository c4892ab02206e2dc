import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addPaise,
  divRoundPaise,
  formatRupees,
  isOnTick,
  MoneyOverflowError,
  mulPaise,
  paise,
  parseRupees,
  roundToTick,
  rupeesLabel,
} from './money.ts';

describe('money in integer paise', () => {
  it('parses rupee text exactly, without float parsing', () => {
    expect(parseRupees('245.35')).toBe(24_535);
    expect(parseRupees('0.1')).toBe(10);
    expect(parseRupees('1,23,456.05')).toBe(12_345_605);
    expect(parseRupees('-3')).toBe(-300);
    expect(parseRupees(' 7.5 ')).toBe(750);
    for (const bad of ['', 'abc', '1.234', '1e3', '12.', '.5', '--1', '0x10']) expect(parseRupees(bad)).toBeNull();
  });

  it('formats with Indian grouping and two decimals', () => {
    expect(formatRupees(paise(123_456_750))).toBe('12,34,567.50');
    expect(formatRupees(paise(-5))).toBe('-0.05');
    expect(formatRupees(paise(99_900), { grouping: false })).toBe('999.00');
    expect(formatRupees(paise(100), { sign: true })).toBe('+1.00');
  });

  it('round-trips every amount through format and parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (amount) => {
        expect(parseRupees(formatRupees(paise(amount)))).toBe(amount);
      }),
    );
  });

  it('refuses results outside the safe integer range instead of rounding silently', () => {
    expect(() => mulPaise(paise(2 ** 50), 16)).toThrow(MoneyOverflowError);
    expect(() => addPaise(paise(Number.MAX_SAFE_INTEGER), paise(1))).toThrow(MoneyOverflowError);
    expect(() => mulPaise(paise(5), 1.5)).toThrow(MoneyOverflowError);
  });

  it('rounds division half away from zero', () => {
    expect(divRoundPaise(paise(5), 2)).toBe(3);
    expect(divRoundPaise(paise(-5), 2)).toBe(-3);
    expect(divRoundPaise(paise(7), 3)).toBe(2);
    expect(() => divRoundPaise(paise(1), 0)).toThrow(RangeError);
  });

  it('checks and rounds to the tick size', () => {
    expect(isOnTick(paise(24_535), paise(5))).toBe(true);
    expect(isOnTick(paise(24_533), paise(5))).toBe(false);
    expect(isOnTick(paise(0), paise(5))).toBe(false);
    expect(roundToTick(24_532.6, paise(5))).toBe(24_535);
    expect(roundToTick(0.4, paise(5))).toBe(5);
  });
});

describe('rupeesLabel', () => {
  it('writes money for a sentence: grouped, signed, whole rupees without decimals', () => {
    expect(rupeesLabel(paise(2_600_000))).toBe('₹26,000');
    expect(rupeesLabel(paise(-1_000_000_050))).toBe('−₹1,00,00,000.50');
    expect(rupeesLabel(paise(5))).toBe('₹0.05');
  });
});
