import { describe, expect, it } from 'vitest';
import { paise, type OrderId, type PriceAlert, type PriceAlertId, type PriceAlertOrder, type PriceAlertOrderOutcome } from '@strikedesk/domain';
import { alertChangedText, alertListStatusText, alertOrderCell, alertPairText, alertSetText, alertStatusText, gttOrderFailed } from './price-alert-text.ts';

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

describe('a leg of an OCO pair in the list', () => {
  const target = { ...base, id: 'a' as PriceAlertId, condition: 'ABOVE', price: paise(13_000), order: limitBuy, ocoWith: 'b' as PriceAlertId } as PriceAlert;
  const stop = { ...target, id: 'b' as PriceAlertId, condition: 'BELOW', price: paise(12_000), ocoWith: 'a' as PriceAlertId } as PriceAlert;

  it('names the other leg’s level under its order; "OCO pair" alone when that is not listed; nothing for any other alert', () => {
    expect(alertPairText(target, stop)).toBe('OCO pair: at or below ₹120');
    expect(alertPairText(stop, target)).toBe('OCO pair: at or above ₹130');
    expect(alertPairText(target, undefined)).toBe('OCO pair');
    expect(alertPairText({ ocoWith: null }, undefined)).toBeNull();
  });

  it('reads "Cancelled: its OCO pair fired" when the other leg fired — plain "Cancelled" when the trader cancelled both', () => {
    const fired = { ...stop, status: 'TRIGGERED', triggeredAt: at, triggeredPrice: paise(11_995) } as PriceAlert;
    const cancelled = { ...target, status: 'CANCELLED' } as PriceAlert;
    expect(alertListStatusText(cancelled, fired, at)).toBe('Cancelled: its OCO pair fired');
    expect(alertListStatusText(cancelled, { ...stop, status: 'CANCELLED' }, at)).toBe('Cancelled');
    expect(alertListStatusText(cancelled, undefined, at)).toBe('Cancelled');
    // Every other status reads as alertStatusText's.
    expect(alertListStatusText(fired, cancelled, at)).toBe('Fired 10:12:31 at ₹119.95');
    expect(alertListStatusText(target, stop, at)).toBe('Watching');
  });
});

describe('the toast once an OCO pair is set', () => {
  it('says OCO and both legs, the second as sent', () => {
    const sellTarget: PriceAlertOrder = { side: 'SELL', product: 'NRML', type: 'LIMIT', quantity: 65, price: paise(2_650_000) };
    const sellStop: PriceAlertOrder = { side: 'SELL', product: 'NRML', type: 'MARKET', quantity: 65, price: null };
    expect(alertSetText({ condition: 'ABOVE', price: paise(2_650_000), order: sellTarget }, 'NIFTY DEC FUT', { price: paise(2_550_000), order: sellStop })).toBe(
      'OCO set: NIFTY DEC FUT at or above ₹26,500: SELL 65 NRML at ₹26,500 limit; at or below ₹25,500: SELL 65 NRML at market.',
    );
    expect(alertSetText({ condition: 'BELOW', price: paise(2_550_000), order: sellStop }, 'NIFTY DEC FUT', { price: paise(2_650_000), order: sellTarget })).toBe(
      'OCO set: NIFTY DEC FUT at or below ₹25,500: SELL 65 NRML at market; at or above ₹26,500: SELL 65 NRML at ₹26,500 limit.',
    );
  });
});

describe('the toast once an alert is changed', () => {
  it('says what it now watches, from the alert the server returned — and a GTT’s order', () => {
    expect(alertChangedText({ condition: 'ABOVE', price: paise(2_630_000), order: null }, 'NIFTY DEC FUT')).toBe('Alert changed: NIFTY DEC FUT at or above ₹26,300.');
    const sellStop: PriceAlertOrder = { side: 'SELL', product: 'NRML', type: 'MARKET', quantity: 75, price: null };
    expect(alertChangedText({ condition: 'BELOW', price: paise(2_540_000), order: sellStop }, 'NIFTY DEC FUT')).toBe('GTT changed: NIFTY DEC FUT at or below ₹25,400: SELL 75 NRML at market.');
  });
});
