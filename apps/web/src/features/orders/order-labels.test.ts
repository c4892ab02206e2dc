import { describe, expect, it } from 'vitest';
import { asClientOrderId, asOrderId } from '@strikedesk/domain';
import { orderActionLabel, originLabel, riskLimitsLabel, riskLimitsTitle, sliceLabel, sliceTitle } from './order-labels.ts';

describe('order labels', () => {
  it('shows a slice as index/count of its parent order', () => {
    const slice = { parentClientOrderId: asClientOrderId('abc123'), index: 2, count: 3, parentQuantity: 5_400 };
    expect(sliceLabel({ slice })).toBe('2/3');
    expect(sliceTitle({ slice })).toBe('Slice 2 of 3 of order abc123 (5,400 units, split at the exchange freeze quantity)');
    expect(sliceLabel({ slice: null })).toBe('');
    expect(sliceTitle({ slice: null })).toBeUndefined();
  });

  it('names every origin', () => {
    expect(originLabel('KILL_SWITCH')).toBe('Kill switch');
    expect(originLabel('SQUARE_OFF')).toBe('Square-off');
  });

  it('names the risk-limits version an order was checked against, and nothing for an unchecked one', () => {
    expect(riskLimitsLabel({ riskLimitsVersion: 3 })).toBe('v3');
    expect(riskLimitsTitle({ riskLimitsVersion: 3 })).toBe('Checked against risk limits v3');
    expect(riskLimitsTitle({ riskLimitsVersion: 0 })).toMatch(/^Checked against risk limits v0 \(the engine defaults/);
    expect(riskLimitsLabel({ riskLimitsVersion: null })).toBe('');
    expect(riskLimitsTitle({ riskLimitsVersion: null })).toBeUndefined();
  });

  it('names the order a row action acts on, starting with the visible word', () => {
    const order = { side: 'SELL' as const, orderId: asOrderId('261209-7') };
    expect(orderActionLabel('Cancel', order, 'NIFTY 24500 CE')).toBe('Cancel SELL NIFTY 24500 CE, order 261209-7');
    expect(orderActionLabel('Modify', order, 'NIFTY 24500 CE')).not.toBe(orderActionLabel('Modify', { ...order, orderId: asOrderId('261209-8') }, 'NIFTY 24500 CE'));
  });
});
