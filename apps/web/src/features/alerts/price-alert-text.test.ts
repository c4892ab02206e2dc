import { describe, expect, it } from 'vitest';
import { paise, type OrderId, type PriceAlert, type PriceAlertOrder, type PriceAlertOrderOutcome } from '@strikedesk/domain';
import { alertOrderCell, alertSetText, alertStatusText, gttOrderFailed } from './price-alert-text.ts';

const base = { status: 'ACTIVE', triggeredAt: null, triggeredPrice: null, order: null, orderOutcome: null } as PriceAlert;
const at = Date.UTC(2026, 11, 7, 4, 42, 31); // 10:12:31 IST

const limitBuy: PriceAlertOrder = { side: 'BUY', product: 'NRML', type: 'LIMIT', quantity: 50, price: paise(12_050) };
const placed = (status: 'OPEN' | 'FILLED' | 'DENIED' | 'REJECTED', reasonMessage: string | null = null) =>
  ({ kind: 'ORDER', orderId: 'ord-7' as OrderId, clientOrderId: 'gtt0123456789abcdef0', status, reasonCode: null, reasonMessage }) as PriceAlertOrderOutcome;
const notPlaced: PriceAlertOrderOutcome = { kind: 'NOT_PLACED', code: 'GTT_ORDER_TOO_LATE', message: 'the engine was down' };

describe('a price alert status', () => {
  it('reads as a trader says it', () => {
    expect(alertStatusText(base)).toBe('Watching');
    expect(alertStatusText({ ...base, status: 'CANCELLED' })).toBe('Cancelled');
    expect(alertStatusText({ ...base, status: 'EXPIRED' })).toBe('Expired with its contract');
    expect(alertStatusText({ ...base, status: 'TRIGGERED', triggeredAt: at, triggeredPrice: paise(12_345) }, at)).toBe('Fired 10:12:31 at ₹123.45');
    expect(alertStatusText({ ...base, status: 'TRIGGERED', triggeredAt: at, triggeredPrice: paise(12_300) }, at + 3 * 86_400_000)).toBe('Fired 7 Dec 10:12:31 at ₹123');
  });
});

describe('a GTT’s order in the list', () => {
  it('is nothing for a plain alert', () => {
    expect(alertOrderCell(base)).toBeNull();
    expect(alertOrderCell({ ...base, status: 'TRIGGERED' })).toBeNull();
  });

  it('shows the order while watched, "placing…" between the fire and the outcome, then the outcome', () => {
    const gtt = { ...base, order: limitBuy };
    expect(alertOrderCell(gtt)).toEqual({ order: 'BUY 50 NRML at ₹120.50 limit', outcome: null, failed: false });
    expect(alertOrderCell({ ...gtt, status: 'CANCELLED' })).toEqual({ order: 'BUY 50 NRML at ₹120.50 limit', outcome: null, failed: false });
    expect(alertOrderCell({ ...gtt, status: 'TRIGGERED' })).toEqual({ order: 'BUY 50 NRML at ₹120.50 limit', outcome: 'placing…', failed: false });
    expect(alertOrderCell({ ...gtt, status: 'TRIGGERED', orderOutcome: placed('OPEN') })).toEqual({ order: 'BUY 50 NRML at ₹120.50 limit', outcome: 'order ord-7 placed (OPEN)', failed: false });
    expect(alertOrderCell({ ...gtt, status: 'TRIGGERED', orderOutcome: placed('DENIED', 'Order value above the limit') })).toEqual({
      order: 'BUY 50 NRML at ₹120.50 limit',
      outcome: 'order ord-7 denied: Order value above the limit',
      failed: true,
    });
    expect(alertOrderCell({ ...gtt, status: 'TRIGGERED', orderOutcome: notPlaced })).toMatchObject({ outcome: 'order not placed: the engine was down', failed: true });
  });

  it('counts as failed when not placed, denied or rejected — not when working or filled', () => {
    expect([null, placed('OPEN'), placed('FILLED'), placed('DENIED'), placed('REJECTED'), notPlaced].map(gttOrderFailed)).toEqual([false, false, false, true, true, true]);
  });
});

describe('the toast once set', () => {
  it('says GTT when it is one', () => {
    expect(alertSetText({ condition: 'ABOVE', price: paise(2_620_000), order: null }, 'NIFTY DEC FUT')).toBe('Alert set: NIFTY DEC FUT at or above ₹26,200.');
    expect(alertSetText({ condition: 'BELOW', price: paise(2_620_000), order: { side: 'SELL', product: 'MIS', type: 'MARKET', quantity: 75, price: null } }, 'NIFTY DEC FUT')).toBe(
      'GTT set: NIFTY DEC FUT at or below ₹26,200: SELL 75 MIS at market.',
    );
  });
});
