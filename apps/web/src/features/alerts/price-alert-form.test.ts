import { describe, expect, it } from 'vitest';
import { asInstrumentId, type Instrument } from '@strikedesk/domain';
import { initialAlertForm, readAlertForm, withAlertLevel, type PriceAlertForm } from './price-alert-form.ts';
import { testOption } from './alert-test-instruments.ts';

const option = testOption;
const index = { ...option, id: asInstrumentId('NSE:NIFTY'), kind: 'INDEX', expiry: null, tradable: false, displayName: 'NIFTY 50' } as Instrument;

const plain = (condition: PriceAlertForm['condition'], price: string, note = ''): PriceAlertForm => ({ ...initialAlertForm(undefined), condition, price, note });
/** A GTT at ₹130 above, with the order as opened (BUY 1 lot NRML, limit at the level) changed by `order`. */
const gtt = (order: Partial<PriceAlertForm['order']> = {}): PriceAlertForm => {
  const form = withAlertLevel(initialAlertForm(undefined), '130');
  return { ...form, gtt: true, order: { ...form.order, ...order } };
};

describe('the price alert form', () => {
  it('opens at the last price, above, without an order — one at the level ready if ticked', () => {
    expect(initialAlertForm(12_345)).toEqual({
      condition: 'ABOVE',
      price: '123.45',
      note: '',
      gtt: false,
      order: { side: 'BUY', product: 'NRML', type: 'LIMIT', lots: '1', price: '123.45' },
      oco: false,
      ocoLeg: { price: '123.45', order: { side: 'BUY', product: 'NRML', type: 'LIMIT', lots: '1', price: '123.45' }, own: [] },
    });
    expect(initialAlertForm(undefined)).toMatchObject({ condition: 'ABOVE', price: '', note: '', gtt: false, order: { price: '' } });
  });

  it('moves the limit price with the level until the trader types one of their own', () => {
    const moved = withAlertLevel(initialAlertForm(12_345), '130');
    expect([moved.price, moved.order.price]).toEqual(['130', '130']);
    const own = withAlertLevel({ ...moved, order: { ...moved.order, price: '131' } }, '135');
    expect([own.price, own.order.price]).toEqual(['135', '131']);
  });

  it('reads a level on the tick, on the side the price has not reached', () => {
    expect(readAlertForm(plain('ABOVE', '130.05', ' breakout '), option, 12_345)).toEqual({
      input: { instrumentId: option.id, condition: 'ABOVE', price: 13_005, note: 'breakout' },
    });
    expect(readAlertForm(plain('BELOW', '120'), option, 12_345)).toEqual({ input: { instrumentId: option.id, condition: 'BELOW', price: 12_000, note: '' } });
    // No price known yet: nothing to compare with.
    expect(readAlertForm(plain('BELOW', '120'), option, undefined)).toHaveProperty('input');
  });

  it('says what is wrong: not rupees, already reached, a long note', () => {
    expect(readAlertForm(plain('ABOVE', 'abc'), option, 12_345)).toEqual({ error: 'Enter the price in rupees, e.g. 245.50.' });
    expect(readAlertForm(plain('ABOVE', '0'), option, 12_345)).toEqual({ error: 'Enter the price in rupees, e.g. 245.50.' });
    // A level between ticks is a threshold like any other.
    expect(readAlertForm(plain('ABOVE', '130.03'), option, 12_345)).toEqual({ input: { instrumentId: option.id, condition: 'ABOVE', price: 13_003, note: '' } });
    expect(readAlertForm(plain('ABOVE', '123.45'), option, 12_345)).toEqual({ error: 'The last price ₹123.45 is already at or above ₹123.45: the alert would fire at once.' });
    expect(readAlertForm(plain('BELOW', '125'), option, 12_345)).toEqual({ error: 'The last price ₹123.45 is already at or below ₹125: the alert would fire at once.' });
    expect(readAlertForm(plain('ABOVE', '130', 'x'.repeat(201)), option, 12_345)).toEqual({ error: 'note: at most 200 characters' });
  });

  it('sends no order for a plain alert, whatever the hidden order fields hold', () => {
    const read = readAlertForm({ ...gtt({ lots: 'x' }), gtt: false }, option, 12_345);
    expect(read).toEqual({ input: { instrumentId: option.id, condition: 'ABOVE', price: 13_000, note: '' } });
    expect('input' in read && 'order' in read.input).toBe(false);
  });
});

describe('a GTT in the price alert form', () => {
  it('sends the order with its lots in units and the limit price in paise', () => {
    expect(readAlertForm(gtt({ lots: ' 3 ' }), option, 12_345)).toEqual({
      input: { instrumentId: option.id, condition: 'ABOVE', price: 13_000, note: '', order: { side: 'BUY', product: 'NRML', type: 'LIMIT', quantity: 195, price: 13_000 } },
    });
    expect(readAlertForm(gtt({ side: 'SELL', product: 'MIS', price: '129.95' }), option, 12_345)).toMatchObject({
      input: { order: { side: 'SELL', product: 'MIS', type: 'LIMIT', quantity: 65, price: 12_995 } },
    });
  });

  it('sends a market order with price null, whatever the hidden limit field holds', () => {
    expect(readAlertForm(gtt({ type: 'MARKET', lots: '2', price: 'abc' }), option, 12_345)).toMatchObject({
      input: { order: { side: 'BUY', product: 'NRML', type: 'MARKET', quantity: 130, price: null } },
    });
  });

  it('refuses a bad order, saying why in the order ticket’s words', () => {
    expect(readAlertForm(gtt({ lots: '0' }), option, 12_345)).toEqual({ error: 'GTT order: lots must be a whole number of at least 1.' });
    expect(readAlertForm(gtt({ lots: '1.5' }), option, 12_345)).toEqual({ error: 'GTT order: lots must be a whole number of at least 1.' });
    expect(readAlertForm(gtt({ price: '' }), option, 12_345)).toEqual({ error: 'GTT order: enter the limit price in rupees, e.g. 245.50.' });
    // validatePriceAlertOrder's own message: the alert's level may be off the tick, the order's price may not.
    expect(readAlertForm(gtt({ price: '130.03' }), option, 12_345)).toEqual({ error: 'GTT order: Price must be a positive multiple of the tick size ₹0.05.' });
    expect(readAlertForm(gtt(), index, 12_345)).toEqual({ error: 'GTT order: This instrument cannot be traded (indices are not tradable).' });
    // More units than an order may have (the schema's bound, past what the lots field checks).
    expect(readAlertForm(gtt({ lots: '9999999' }), option, 12_345)).toEqual({ error: expect.stringMatching(/^GTT order: quantity: /) });
  });

  it('checks the level before the order: the first thing wrong is said', () => {
    expect(readAlertForm({ ...gtt({ lots: '0' }), price: '120' }, option, 12_345)).toEqual({ error: 'The last price ₹123.45 is already at or above ₹120: the alert would fire at once.' });
  });
});
