import { describe, expect, it } from 'vitest';
import { paise, type OrderId, type PriceAlert, type PriceAlertOrderOutcome } from '@strikedesk/domain';
import { FIRED_NOTICE_MS, firedNotice, gttPlacedAnOrder } from './price-alert-notice.ts';

const fired = { condition: 'ABOVE', price: paise(12_000), note: '', status: 'TRIGGERED', triggeredAt: 1, triggeredPrice: paise(12_005), order: null, orderOutcome: null } as PriceAlert;
const gtt = { ...fired, order: { side: 'BUY', product: 'NRML', type: 'MARKET', quantity: 50, price: null } } as PriceAlert;
const placed = (status: 'OPEN' | 'DENIED' | 'REJECTED') =>
  ({ kind: 'ORDER', orderId: 'ord-7' as OrderId, clientOrderId: 'gtt0123456789abcdef0', status, reasonCode: 'RISK', reasonMessage: 'too big' }) as PriceAlertOrderOutcome;
const notPlaced: PriceAlertOrderOutcome = { kind: 'NOT_PLACED', code: 'GTT_OWNER_CANNOT_TRADE', message: 'view-only' };

describe('the pop-up of a fired alert', () => {
  it('is a warning for a plain alert, as before', () => {
    expect(firedNotice(fired, 'NIFTY')).toEqual({ kind: 'warning', message: 'Price alert: NIFTY traded at ₹120.05: your alert at or above ₹120.', durationMs: FIRED_NOTICE_MS });
  });

  it('is a warning for a GTT whose order went to work, naming the order', () => {
    expect(firedNotice({ ...gtt, orderOutcome: placed('OPEN') }, 'NIFTY')).toEqual({
      kind: 'warning',
      message: 'Price alert: NIFTY traded at ₹120.05: your alert at or above ₹120. GTT BUY 50 NRML at market: order ord-7 placed (OPEN).',
      durationMs: FIRED_NOTICE_MS,
    });
  });

  it('is an error, kept until dismissed, for a GTT whose order was not placed, denied or rejected', () => {
    for (const outcome of [notPlaced, placed('DENIED'), placed('REJECTED')]) {
      const notice = firedNotice({ ...gtt, orderOutcome: outcome }, 'NIFTY');
      expect(notice.kind).toBe('error');
      expect(notice.durationMs).toBeUndefined();
    }
    expect(firedNotice({ ...gtt, orderOutcome: notPlaced }, 'NIFTY').message).toBe('Price alert: NIFTY traded at ₹120.05: your alert at or above ₹120. GTT BUY 50 NRML at market: order not placed: view-only.');
  });

  it('says a fired leg of an OCO pair cancelled the other', () => {
    expect(firedNotice({ ...gtt, orderOutcome: placed('OPEN'), ocoWith: 'b0c1d2e3-0000-4000-8000-000000000000' } as PriceAlert, 'NIFTY').message).toBe(
      'Price alert: NIFTY traded at ₹120.05: your alert at or above ₹120. GTT BUY 50 NRML at market: order ord-7 placed (OPEN). Its OCO pair is cancelled.',
    );
  });

  it('refreshes the orders only when an order was made', () => {
    expect([fired, gtt, { ...gtt, orderOutcome: notPlaced }, { ...gtt, orderOutcome: placed('OPEN') }, { ...gtt, orderOutcome: placed('DENIED') }].map(gttPlacedAnOrder)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });
});
