import { describe, expect, it } from 'vitest';
import { lotsLabel, quantityLabel, unitsText } from './quantity-text.ts';

describe('quantity text', () => {
  it('says lots with the units beside them, grouped the Indian way; units alone when not whole lots', () => {
    expect(quantityLabel(1_755, 65)).toBe('27 lots (1,755 units)');
    expect(quantityLabel(65, 65)).toBe('1 lot (65 units)');
    expect(quantityLabel(100, 65)).toBe('100 units');
    expect(quantityLabel(1_00_000, 25)).toBe('4000 lots (1,00,000 units)');
    expect([lotsLabel(-1), unitsText(-32_500)]).toEqual(['-1 lot', '-32,500']);
  });
});
