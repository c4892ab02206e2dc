import { describe, expect, it } from 'vitest';
import { lotsLabel, unitsText } from '@strikedesk/domain';
import { unitsHint } from './lots-label.ts';

describe('lots and units', () => {
  it('labels lots', () => {
    expect([lotsLabel(1), lotsLabel(3), lotsLabel(-1)]).toEqual(['1 lot', '3 lots', '-1 lot']);
  });

  it('groups units the Indian way', () => {
    expect([unitsText(65), unitsText(1800), unitsText(-32_500), unitsText(12_34_567)]).toEqual(['65', '1,800', '-32,500', '12,34,567']);
  });

  it('says what the lots come to, grouped', () => {
    expect(unitsHint('500', 65)).toBe('= 32,500 units (lot size 65)');
    expect(unitsHint('1.5', 65)).toBe('Lot size 65');
  });
});
