import { describe, expect, it } from 'vitest';
import { paise } from '@strikedesk/domain';
import { directionOf, formatInteger, formatMoney, formatPercent } from './format.ts';

describe('format', () => {
  it('renders paise as rupees with Indian grouping', () => {
    expect(formatMoney(paise(123_456_750))).toBe('12,34,567.50');
    expect(formatMoney(paise(-5))).toBe('-0.05');
    expect(formatMoney(paise(2_500), { sign: true })).toBe('+25.00');
    expect(formatMoney(null)).toBe('—');
  });

  it('groups whole numbers the Indian way', () => {
    expect(formatInteger(1_234_567)).toBe('12,34,567');
    expect(formatInteger(undefined)).toBe('—');
  });

  it('signs percentages and classifies direction', () => {
    expect(formatPercent(1.5)).toBe('+1.50%');
    expect(formatPercent(-0.08)).toBe('-0.08%');
    expect(directionOf(0)).toBe('flat');
    expect(directionOf(-3)).toBe('down');
  });
});
