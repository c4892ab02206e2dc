import { describe, expect, it } from 'vitest';
import { expirySettlementPrice } from './expiry-settlement.ts';
import { paise } from './money.ts';

describe('expiry settlement price', () => {
  const spot = paise(2_431_275); // ₹24,312.75
  it('settles an option at its intrinsic value and a future at the underlying', () => {
    expect(expirySettlementPrice({ kind: 'CALL', strike: paise(2_420_000) }, spot)).toBe(11_275);
    expect(expirySettlementPrice({ kind: 'PUT', strike: paise(2_450_000) }, spot)).toBe(18_725);
    expect(expirySettlementPrice({ kind: 'FUTURE', strike: null }, spot)).toBe(2_431_275);
  });

  it('settles an out-of-the-money option (and one exactly at the money) at zero; an index does not expire', () => {
    expect(expirySettlementPrice({ kind: 'CALL', strike: paise(2_450_000) }, spot)).toBe(0);
    expect(expirySettlementPrice({ kind: 'PUT', strike: paise(2_420_000) }, spot)).toBe(0);
    expect(expirySettlementPrice({ kind: 'CALL', strike: spot }, spot)).toBe(0);
    expect(expirySettlementPrice({ kind: 'INDEX', strike: null }, spot)).toBeNull();
  });
});
