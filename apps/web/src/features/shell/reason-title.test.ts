import { describe, expect, it } from 'vitest';
import { reasonTitle } from './reason-title.ts';

describe('reason title', () => {
  it('is the whole message with its code, or whichever there is', () => {
    expect(reasonTitle({ reasonCode: 'RISK_PRICE_BAND', reasonMessage: 'The price is too far.' })).toBe('The price is too far. (RISK_PRICE_BAND)');
    expect(reasonTitle({ reasonCode: null, reasonMessage: 'Rejected by the venue.' })).toBe('Rejected by the venue.');
    expect(reasonTitle({ reasonCode: 'X', reasonMessage: null })).toBe('X');
    expect(reasonTitle({ reasonCode: null, reasonMessage: null })).toBeUndefined();
  });
});
