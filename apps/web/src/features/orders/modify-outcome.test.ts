import { describe, expect, it } from 'vitest';
import { asOrderId, paise, type ModifyOrderInput } from '@strikedesk/domain';
import { modifyOutcome } from './modify-outcome.ts';

const asked: ModifyOrderInput = { orderId: asOrderId('261207-1'), type: 'LIMIT', quantity: 130, price: paise(143_635), triggerPrice: null };
const applied = { type: 'LIMIT', quantity: 130, price: paise(143_635), triggerPrice: null, reasonCode: null, reasonMessage: null } as const;

describe('modify outcome', () => {
  it('reads a modify the broker rejected as a failure with its reason, not as "modified"', () => {
    const rejected = { ...applied, price: paise(140_000), status: 'OPEN', reasonCode: 'BROKER_MODIFY_REJECTED', reasonMessage: 'Quantity cannot be less than the filled quantity.' } as const;
    expect(modifyOutcome(rejected, asked)).toEqual({
      kind: 'error',
      message: 'The broker refused the modify; the order still works as before. Quantity cannot be less than the filled quantity.',
    });
    expect(modifyOutcome({ ...rejected, status: 'PARTIALLY_FILLED' }, asked).kind).toBe('error');
  });

  it('says a modify applied, pending, or overtaken by a fill or a cancel for what it is', () => {
    expect(modifyOutcome({ ...applied, status: 'OPEN' }, asked)).toEqual({ kind: 'success', message: 'Order modified.' });
    expect(modifyOutcome({ ...applied, status: 'PENDING_MODIFY' }, asked).kind).toBe('info');
    expect(modifyOutcome({ ...applied, status: 'FILLED' }, asked)).toEqual({ kind: 'success', message: 'Order modified and filled.' });
    expect(modifyOutcome({ ...applied, price: paise(140_000), status: 'FILLED' }, asked)).toEqual({
      kind: 'warning',
      message: 'The order filled before the modify reached it.',
    });
    expect(modifyOutcome({ ...applied, status: 'CANCELED' }, asked).message).toBe('The order is canceled: the modify did not apply.');
    expect(modifyOutcome({ ...applied, status: 'PENDING_CANCEL' }, asked).kind).toBe('warning');
  });
});
