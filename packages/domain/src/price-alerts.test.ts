import { describe, expect, it } from 'vitest';
import { paise } from './money.ts';
import { priceAlertMet, priceAlertRefusal, type PriceAlertCondition } from './price-alerts.ts';

const future = { displayName: 'NIFTY DEC FUT', expiry: '2026-12-29', tradable: true };
const index = { displayName: 'NIFTY 50', expiry: null, tradable: false };
const above = { condition: 'ABOVE' as PriceAlertCondition, price: paise(2_620_000) };
const below = { condition: 'BELOW' as PriceAlertCondition, price: paise(2_580_000) };

describe('a price alert level', () => {
  it('is met at the level itself, past it, and never by a 0 (no trade yet)', () => {
    expect([2_619_995, 2_620_000, 2_620_005].map((price) => priceAlertMet(above, price))).toEqual([false, true, true]);
    expect([2_579_995, 2_580_000, 2_580_005].map((price) => priceAlertMet(below, price))).toEqual([true, true, false]);
    expect(priceAlertMet(below, 0)).toBe(false);
  });
});

describe('a new price alert', () => {
  it('is taken on a tradable contract or an index, priced or not yet', () => {
    expect(priceAlertRefusal(future, 2_600_000, above)).toBeNull();
    expect(priceAlertRefusal(index, 2_600_000, below)).toBeNull();
    expect(priceAlertRefusal(index, undefined, above)).toBeNull();
    expect(priceAlertRefusal(future, 0, below)).toBeNull();
  });

  it('is refused on an expired contract: it would never fire', () => {
    const refusal = priceAlertRefusal({ ...future, tradable: false }, 2_600_000, above);
    expect(refusal).toMatchObject({ code: 'CONTRACT_EXPIRED', message: 'NIFTY DEC FUT has expired: an alert on it would never fire.' });
  });

  it('is refused at a level already reached, naming the last price', () => {
    expect(priceAlertRefusal(future, 2_620_000, above)).toMatchObject({
      code: 'PRICE_ALERT_ALREADY_MET',
      message: 'NIFTY DEC FUT is already at or above ₹26,200 (last price ₹26,200): the alert would fire at once.',
    });
    expect(priceAlertRefusal(index, 2_579_950, below)).toMatchObject({ code: 'PRICE_ALERT_ALREADY_MET' });
  });
});
