import { describe, expect, it } from 'vitest';
import { asOrderId, paise } from '@strikedesk/domain';
import { modifyFormErrors } from './modify-checks.ts';

const orderId = asOrderId('261207-1');
const order = { type: 'LIMIT', quantity: 195, price: paise(143_635), triggerPrice: null, filledQuantity: 65 } as const;

describe('modify checks', () => {
  it('refuses a quantity not above what already filled, in lots', () => {
    expect(modifyFormErrors(order, { orderId, type: 'LIMIT', quantity: 65, price: paise(143_635), triggerPrice: null }, 65)).toEqual({
      lots: '1 lot (65 units) already filled: the quantity must be more than that.',
    });
    expect(modifyFormErrors(order, { orderId, type: 'LIMIT', quantity: 130, price: paise(143_635), triggerPrice: null }, 65)).toBeNull();
  });

  it('refuses a modify that changes nothing, and lets any one change through', () => {
    const same = { orderId, type: 'LIMIT', quantity: 195, price: paise(143_635), triggerPrice: null } as const;
    expect(modifyFormErrors(order, same, 65)?.form).toMatch(/^Nothing changed/);
    expect(modifyFormErrors(order, { ...same, price: paise(143_640) }, 65)).toBeNull();
    expect(modifyFormErrors(order, { ...same, type: 'SL', triggerPrice: paise(143_000) }, 65)).toBeNull();
    expect(modifyFormErrors(order, { ...same, type: 'MARKET', price: null }, 65)).toBeNull();
  });
});
