import { describe, expect, it } from 'vitest';
import { ModifyPriceAlertInputSchema, paise, type PriceAlert, type PriceAlertId, type PriceAlertOrder } from '@strikedesk/domain';
import { initialAlertEditForm, readAlertEdit, withEditedLevel, withEditedOrder, type AlertEditForm } from './price-alert-edit-form.ts';
import { testOption } from './alert-test-instruments.ts';

const option = testOption; // lot 65, tick ₹0.05
const LAST = 12_345; // ₹123.45
const ID = '11111111-1111-4111-8111-111111111111' as PriceAlertId;
const PAIR_ID = '22222222-2222-4222-8222-222222222222' as PriceAlertId;

/** A plain alert at or above ₹130, noted "breakout". */
const plain = { id: ID, condition: 'ABOVE', price: paise(13_000), note: 'breakout', status: 'ACTIVE', order: null, ocoWith: null } as PriceAlert;
/** A stop-loss GTT: at or below ₹120, SELL 2 lots (130 units) NRML at ₹120 limit. */
const stopOrder: PriceAlertOrder = { side: 'SELL', product: 'NRML', type: 'LIMIT', quantity: 130, price: paise(12_000) };
const stop = { ...plain, condition: 'BELOW', price: paise(12_000), note: '', order: stopOrder } as PriceAlert;
/** The OCO pair of a long position: this target at or above ₹130, the stop-loss leg at or below ₹120. */
const target = { ...plain, note: '', order: { ...stopOrder, price: paise(13_000) }, ocoWith: PAIR_ID } as PriceAlert;
const targetPair = { ...stop, id: PAIR_ID, ocoWith: ID } as PriceAlert;
const stopLeg = { ...stop, ocoWith: PAIR_ID } as PriceAlert;
const stopPair = { ...target, id: PAIR_ID, ocoWith: ID } as PriceAlert;

const opened = (alert: PriceAlert): AlertEditForm => initialAlertEditForm(alert, option);
/** Read at the last price ₹123.45 unless told; `null`: no price known yet. */
const read = (form: AlertEditForm, alert: PriceAlert, pair?: PriceAlert, lastPrice: number | null = LAST) => readAlertEdit(form, alert, option, lastPrice ?? undefined, pair);

describe('the edit form as it opens', () => {
  it('shows a plain alert’s level and note, and no order', () => {
    expect(opened(plain)).toEqual({ price: '130.00', note: 'breakout', order: null });
  });

  it('shows a GTT’s order in lots (units ÷ lot size) with its limit price in rupees', () => {
    expect(opened(stop)).toEqual({ price: '120.00', note: '', order: { side: 'SELL', product: 'NRML', type: 'LIMIT', lots: '2', price: '120.00' } });
    // A market order's hidden limit field opens at the level, should the trader switch it to LIMIT.
    expect(opened({ ...stop, order: { ...stopOrder, type: 'MARKET', price: null, quantity: 65 } }).order).toEqual({ side: 'SELL', product: 'NRML', type: 'MARKET', lots: '1', price: '120.00' });
    // The lot size revised since it was set: the quantity shows as the fraction of a lot it now is.
    expect(opened({ ...stop, order: { ...stopOrder, quantity: 100 } }).order?.lots).toBe('1.54');
  });
});

describe('reading an edited alert', () => {
  it('says nothing changed rather than sending a modify that changes nothing', () => {
    expect(read(opened(plain), plain)).toEqual({ error: 'Nothing changed: edit the level or the note to save.' });
    expect(read(opened(stop), stop)).toEqual({ error: 'Nothing changed: edit the level, the note or the order to save.' });
    // The same values typed differently are no change: compared in paise, units and a trimmed note.
    expect(read({ ...opened(plain), price: '130', note: ' breakout ' }, plain)).toEqual({ error: 'Nothing changed: edit the level or the note to save.' });
    expect(read({ ...opened(stop), order: { side: 'SELL', product: 'NRML', type: 'LIMIT', lots: '02', price: '120' } }, stop)).toEqual({
      error: 'Nothing changed: edit the level, the note or the order to save.',
    });
  });

  it('sends the id and only the changed level', () => {
    expect(read(withEditedLevel(opened(plain), '131.50'), plain)).toEqual({ input: { id: ID, price: 13_150 } });
  });

  it('sends only the changed note, trimmed — an emptied one too', () => {
    expect(read({ ...opened(plain), note: ' retest ' }, plain)).toEqual({ input: { id: ID, note: 'retest' } });
    expect(read({ ...opened(plain), note: '' }, plain)).toEqual({ input: { id: ID, note: '' } });
    expect(read({ ...opened(plain), note: 'x'.repeat(201) }, plain)).toEqual({ error: 'note: at most 200 characters' });
  });

  it('sends only the changed order, its lots in units of the lot size', () => {
    expect(read(withEditedOrder(opened(stop), { lots: '3' }), stop)).toEqual({ input: { id: ID, order: { ...stopOrder, quantity: 195 } } });
    expect(read(withEditedOrder(opened(stop), { type: 'MARKET' }), stop)).toEqual({ input: { id: ID, order: { ...stopOrder, type: 'MARKET', price: null } } });
    expect(read(withEditedOrder(opened(stop), { price: '119.50' }), stop)).toEqual({ input: { id: ID, order: { ...stopOrder, price: 11_950 } } });
  });

  it('trails a stop-loss: a limit at the level moves with it and both are sent; a limit typed apart stays', () => {
    expect(read(withEditedLevel(opened(stop), '121'), stop)).toEqual({ input: { id: ID, price: 12_100, order: { ...stopOrder, price: 12_100 } } });
    const apart = withEditedLevel(withEditedOrder(opened(stop), { price: '119' }), '121');
    expect(apart.order?.price).toBe('119');
    expect(read(apart, stop)).toEqual({ input: { id: ID, price: 12_100, order: { ...stopOrder, price: 11_900 } } });
    // A market order's hidden limit follows too, but a market order sends no price: only the level changed.
    const market = { ...stop, order: { ...stopOrder, type: 'MARKET', price: null } } as PriceAlert;
    expect(read(withEditedLevel(opened(market), '121'), market)).toEqual({ input: { id: ID, price: 12_100 } });
  });

  it('every input it sends is one the server takes', () => {
    const inputs = [read(withEditedLevel(opened(stop), '121'), stop), read({ ...opened(plain), note: 'x' }, plain), read(withEditedOrder(opened(stop), { lots: '3' }), stop)];
    for (const each of inputs) expect('input' in each && ModifyPriceAlertInputSchema.safeParse(each.input).success).toBe(true);
  });

  it('never sends an order for a plain alert, whatever the form holds', () => {
    const smuggled: AlertEditForm = { ...opened(plain), note: 'x', order: { side: 'BUY', product: 'NRML', type: 'MARKET', lots: '1', price: '' } };
    const result = read(smuggled, plain);
    expect(result).toEqual({ input: { id: ID, note: 'x' } });
    expect('input' in result && 'order' in result.input).toBe(false);
    // Nor does a change to its (absent) order do anything.
    expect(withEditedOrder(opened(plain), { lots: '5' })).toEqual(opened(plain));
  });

  it('does not read an order left as it was: one on a revised lot size is not refused, nor sent', () => {
    const revised = { ...stop, order: { ...stopOrder, quantity: 100 } } as PriceAlert;
    expect(read({ ...opened(revised), note: 'x' }, revised)).toEqual({ input: { id: ID, note: 'x' } });
    expect(read(withEditedOrder({ ...opened(revised), note: 'x' }, { side: 'BUY' }), revised)).toEqual({ error: 'GTT order: lots must be a whole number of at least 1.' });
  });

  it('refuses a bad order in the order ticket’s words', () => {
    expect(read(withEditedOrder(opened(stop), { lots: '0' }), stop)).toEqual({ error: 'GTT order: lots must be a whole number of at least 1.' });
    expect(read(withEditedOrder(opened(stop), { price: '119.03' }), stop)).toEqual({ error: 'GTT order: Price must be a positive multiple of the tick size ₹0.05.' });
  });

  it('refuses a new level the last price is already at or past, or not in rupees', () => {
    expect(read(withEditedLevel(opened(plain), '123.45'), plain)).toEqual({ error: 'The last price ₹123.45 is already at or above ₹123.45: the alert would fire at once.' });
    expect(read(withEditedLevel(opened(stop), '125'), stop)).toEqual({ error: 'The last price ₹123.45 is already at or below ₹125: the alert would fire at once.' });
    expect(read(withEditedLevel(opened(plain), 'abc'), plain)).toEqual({ error: 'Enter the price in rupees, e.g. 245.50.' });
    // No price known yet: nothing to compare with.
    expect(read(withEditedLevel(opened(plain), '123'), plain, undefined, null)).toEqual({ input: { id: ID, price: 12_300 } });
  });

  it('does not check a level left as it was against the last price: it is not sent', () => {
    expect(read({ ...opened(plain), note: 'x' }, plain, undefined, 13_500)).toEqual({ input: { id: ID, note: 'x' } });
  });
});

describe('editing a leg of an OCO pair', () => {
  it('keeps the "at or above" leg above the "at or below" one', () => {
    // No last price known: only the pair's rule stands between the two levels.
    expect(read(withEditedLevel(opened(target), '120'), target, targetPair, null)).toEqual({
      error: 'OCO pair: the "at or above" level (₹120) must be above the "at or below" one (₹120), or both could fire at once.',
    });
    expect(read(withEditedLevel(opened(stopLeg), '131'), stopLeg, stopPair, null)).toEqual({
      error: 'OCO pair: the "at or above" level (₹130) must be above the "at or below" one (₹131), or both could fire at once.',
    });
    expect(read(withEditedLevel(opened(target), '120.05'), target, targetPair, null)).toEqual({ input: { id: ID, price: 12_005, order: { ...target.order, price: 12_005 } } });
    expect(read(withEditedLevel(opened(stopLeg), '129.95'), stopLeg, stopPair, null)).toMatchObject({ input: { id: ID, price: 12_995 } });
  });

  it('leaves the rule to the server when the other leg is not listed or no longer active', () => {
    expect(read(withEditedLevel(opened(target), '110'), target, undefined, null)).toMatchObject({ input: { price: 11_000 } });
    expect(read(withEditedLevel(opened(target), '110'), target, { ...targetPair, status: 'TRIGGERED' } as PriceAlert, null)).toMatchObject({ input: { price: 11_000 } });
  });

  it('checks the level against the last price before the pair', () => {
    expect(read(withEditedLevel(opened(target), '110'), target, targetPair)).toEqual({ error: 'The last price ₹123.45 is already at or above ₹110: the alert would fire at once.' });
  });
});
