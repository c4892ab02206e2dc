import { describe, expect, it } from 'vitest';
import { asInstrumentId, paise, type Instrument } from '@strikedesk/domain';
import { gttOffered, initialAlertOrderForm, readAlertOrderForm } from './price-alert-order-form.ts';

const future = { id: asInstrumentId('NFO:NIFTY26DECFUT'), kind: 'FUTURE', expiry: '2026-12-29', tradable: true, lotSize: 75, tickSize: paise(10) } as Instrument;

describe('a GTT’s order', () => {
  it('is offered to a trader or an admin on a tradable instrument only', () => {
    expect(gttOffered('trader', future)).toBe(true);
    expect(gttOffered('admin', future)).toBe(true);
    expect(gttOffered('viewer', future)).toBe(false);
    // An index, or a contract past its expiry: an alert yes, an order no.
    expect(gttOffered('trader', { tradable: false })).toBe(false);
  });

  it('turns lots into units of the instrument’s lot size', () => {
    expect(readAlertOrderForm({ ...initialAlertOrderForm('26200'), lots: '4' }, future)).toEqual({
      order: { side: 'BUY', product: 'NRML', type: 'LIMIT', quantity: 300, price: 2_620_000 },
    });
    expect(readAlertOrderForm({ ...initialAlertOrderForm('26200'), type: 'MARKET', side: 'SELL', lots: '1' }, future)).toEqual({
      order: { side: 'SELL', product: 'NRML', type: 'MARKET', quantity: 75, price: null },
    });
  });

  it('takes the limit price on the instrument’s tick only', () => {
    expect(readAlertOrderForm(initialAlertOrderForm('26200.05'), future)).toEqual({ error: 'GTT order: Price must be a positive multiple of the tick size ₹0.10.' });
    expect(readAlertOrderForm(initialAlertOrderForm('-5'), future)).toEqual({ error: 'GTT order: enter the limit price in rupees, e.g. 245.50.' });
  });

  it('names the order its errors are about (an OCO pair has two)', () => {
    expect(readAlertOrderForm({ ...initialAlertOrderForm('26200'), lots: '0' }, future, "OCO leg's order")).toEqual({ error: "OCO leg's order: lots must be a whole number of at least 1." });
    expect(readAlertOrderForm(initialAlertOrderForm('26200.05'), future, "OCO leg's order")).toEqual({ error: "OCO leg's order: Price must be a positive multiple of the tick size ₹0.10." });
  });
});
