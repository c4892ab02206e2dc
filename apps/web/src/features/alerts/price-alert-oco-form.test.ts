import { describe, expect, it } from 'vitest';
import { CreatePriceAlertInputSchema } from '@strikedesk/domain';
import { initialAlertForm, readAlertForm, withAlertLevel, withAlertOrder, withFirstLastPrice, type PriceAlertForm } from './price-alert-form.ts';
import { withOcoLevel, withOcoOrder, type OcoLegForm } from './price-alert-oco-form.ts';
import { testOption } from './alert-test-instruments.ts';

const option = testOption;
const LAST = 12_345; // ₹123.45

/**
 * The common pair on a long position, typed as a trader would: the alert at ₹130 above with a SELL
 * order (its limit at the level), the OCO box ticked and the leg's level typed as `below`.
 */
const pair = (below = '120', condition: PriceAlertForm['condition'] = 'ABOVE', level = '130'): PriceAlertForm => {
  const opened = withAlertOrder(withAlertLevel({ ...initialAlertForm(LAST), condition }, level), { side: 'SELL' });
  return { ...opened, gtt: true, oco: true, ocoLeg: withOcoLevel(opened.ocoLeg, below) };
};
/** The trader changes the leg's order (as its fields do). */
const withLeg = (form: PriceAlertForm, order: Partial<OcoLegForm['order']>): PriceAlertForm => ({ ...form, ocoLeg: withOcoOrder(form.ocoLeg, order) });

describe('the OCO leg’s order as typed', () => {
  it('copies the alert’s side, product, type and lots while the trader has not set its own', () => {
    const form = withAlertOrder(withAlertOrder(withAlertOrder(pair(), { product: 'MIS' }), { type: 'MARKET' }), { lots: '3' });
    expect(form.ocoLeg.order).toEqual({ side: 'SELL', product: 'MIS', type: 'MARKET', lots: '3', price: '120' });
    expect(form.ocoLeg.own).toEqual([]);
  });

  it('stops copying a field the trader set on the leg — that field only, even when it matches the alert’s again', () => {
    // The common pair: the stop-loss at market, then the alert turned to SELL: the leg follows the side, keeps MARKET.
    const opened = { ...initialAlertForm(LAST), gtt: true, oco: true };
    const marketStop = withAlertOrder(withLeg(opened, { type: 'MARKET' }), { side: 'SELL', type: 'LIMIT' });
    expect([marketStop.ocoLeg.order.side, marketStop.ocoLeg.order.type]).toEqual(['SELL', 'MARKET']);
    // A BUY leg set apart stays BUY through the alert's side going to BUY and back to SELL.
    const buyLeg = withLeg(pair(), { side: 'BUY' });
    const toggled = withAlertOrder(withAlertOrder(buyLeg, { side: 'BUY' }), { side: 'SELL' });
    expect([toggled.order.side, toggled.ocoLeg.order.side]).toEqual(['SELL', 'BUY']);
    expect(toggled.ocoLeg.own).toEqual(['side']);
    // Typing the leg's limit price sets nothing apart: it is never copied.
    expect(withLeg(pair(), { price: '119' }).ocoLeg.own).toEqual([]);
  });

  it('keeps its own limit price, following its own level — not the alert’s — until typed', () => {
    const form = pair('120');
    expect([form.order.price, form.ocoLeg.order.price]).toEqual(['130', '120']);
    expect(withAlertLevel(form, '131').ocoLeg.order.price).toBe('120');
    expect(withAlertOrder(form, { price: '129.5' }).ocoLeg.order.price).toBe('120');
    expect(withOcoLevel(form.ocoLeg, '118').order.price).toBe('118');
    const own = withOcoLevel({ ...form.ocoLeg, order: { ...form.ocoLeg.order, price: '119' } }, '117');
    expect([own.price, own.order.price]).toEqual(['117', '119']);
  });

  it('opens at the first price to arrive when the dialog opened before any, unless typed', () => {
    const blank = initialAlertForm(undefined);
    expect([blank.ocoLeg.price, blank.ocoLeg.order.price]).toEqual(['', '']);
    const filled = withFirstLastPrice(blank, LAST);
    expect([filled.price, filled.order.price, filled.ocoLeg.price, filled.ocoLeg.order.price]).toEqual(['123.45', '123.45', '123.45', '123.45']);
    const typed = withFirstLastPrice({ ...blank, ocoLeg: withOcoLevel(blank.ocoLeg, '110') }, LAST);
    expect([typed.price, typed.ocoLeg.price, typed.ocoLeg.order.price]).toEqual(['123.45', '110', '110']);
  });
});

describe('an OCO pair read from the price alert form', () => {
  it('sends the second leg as `oco`: its level and its order in paise and units, the opposite condition implied', () => {
    const read = readAlertForm(withAlertOrder(pair('120'), { lots: '2' }), option, LAST);
    expect(read).toEqual({
      input: {
        instrumentId: option.id,
        condition: 'ABOVE',
        price: 13_000,
        note: '',
        order: { side: 'SELL', product: 'NRML', type: 'LIMIT', quantity: 130, price: 13_000 },
        oco: { price: 12_000, order: { side: 'SELL', product: 'NRML', type: 'LIMIT', quantity: 130, price: 12_000 } },
      },
    });
    // What the server's strict schema takes, as it is.
    expect(CreatePriceAlertInputSchema.safeParse('input' in read ? read.input : null).success).toBe(true);
  });

  it('sends a market leg with price null, and a leg set apart as typed', () => {
    expect(readAlertForm(withLeg(pair('119.95'), { type: 'MARKET', price: 'abc', lots: '3' }), option, LAST)).toMatchObject({
      input: { oco: { price: 11_995, order: { side: 'SELL', product: 'NRML', type: 'MARKET', quantity: 195, price: null } } },
    });
    expect(readAlertForm(withLeg(pair('120'), { side: 'BUY', product: 'MIS', price: '119.5' }), option, LAST)).toMatchObject({
      input: { order: { side: 'SELL' }, oco: { price: 12_000, order: { side: 'BUY', product: 'MIS', type: 'LIMIT', quantity: 65, price: 11_950 } } },
    });
  });

  it('pairs the other way round: an alert below, its leg above', () => {
    expect(readAlertForm(pair('130', 'BELOW', '120'), option, LAST)).toMatchObject({ input: { condition: 'BELOW', price: 12_000, oco: { price: 13_000, order: { price: 13_000 } } } });
  });

  it('sends no `oco` when the OCO box or the GTT box is unticked, whatever the leg holds', () => {
    for (const form of [{ ...pair('abc'), oco: false }, { ...pair('abc'), gtt: false }]) {
      const read = readAlertForm(form, option, LAST);
      expect(read).toHaveProperty('input');
      expect('input' in read && 'oco' in read.input).toBe(false);
    }
  });
});

describe('an OCO pair refused by the price alert form', () => {
  it('refuses a leg level that is not rupees, naming the leg', () => {
    expect(readAlertForm(pair(''), option, LAST)).toEqual({ error: 'OCO leg: Enter the price in rupees, e.g. 245.50.' });
    expect(readAlertForm(pair('0'), option, LAST)).toEqual({ error: 'OCO leg: Enter the price in rupees, e.g. 245.50.' });
  });

  it('refuses a leg level the last price is already at or past, in the alert’s words, naming the leg', () => {
    expect(readAlertForm(pair('125'), option, LAST)).toEqual({ error: 'OCO leg: The last price ₹123.45 is already at or below ₹125: the alert would fire at once.' });
    expect(readAlertForm(pair('123.45'), option, LAST)).toEqual({ error: 'OCO leg: The last price ₹123.45 is already at or below ₹123.45: the alert would fire at once.' });
    expect(readAlertForm(pair('121', 'BELOW', '120'), option, LAST)).toEqual({ error: 'OCO leg: The last price ₹123.45 is already at or above ₹121: the alert would fire at once.' });
    // The alert's own level is refused as before, without a name.
    expect(readAlertForm(pair('120', 'ABOVE', '123'), option, LAST)).toEqual({ error: 'The last price ₹123.45 is already at or above ₹123: the alert would fire at once.' });
  });

  it('refuses an "at or above" level not above the "at or below" one (no last price to tell)', () => {
    expect(readAlertForm(pair('135'), option, undefined)).toEqual({ error: 'OCO leg: the "at or above" level (₹130) must be above the "at or below" one (₹135), or both could fire at once.' });
    expect(readAlertForm(pair('130'), option, undefined)).toEqual({ error: 'OCO leg: the "at or above" level (₹130) must be above the "at or below" one (₹130), or both could fire at once.' });
    expect(readAlertForm(pair('110', 'BELOW', '120'), option, undefined)).toEqual({ error: 'OCO leg: the "at or above" level (₹110) must be above the "at or below" one (₹120), or both could fire at once.' });
    expect(readAlertForm(pair('120'), option, undefined)).toHaveProperty('input');
  });

  it('refuses a bad leg order in the order ticket’s words, naming the leg’s order', () => {
    expect(readAlertForm(withLeg(pair(), { lots: '0' }), option, LAST)).toEqual({ error: "OCO leg's order: lots must be a whole number of at least 1." });
    expect(readAlertForm(withLeg(pair(), { price: '' }), option, LAST)).toEqual({ error: "OCO leg's order: enter the limit price in rupees, e.g. 245.50." });
    // The leg's level may be off the tick (a threshold), its order's price may not.
    expect(readAlertForm(withLeg(pair('120.03'), { price: '120.03' }), option, LAST)).toEqual({ error: "OCO leg's order: Price must be a positive multiple of the tick size ₹0.05." });
    expect(readAlertForm(withLeg(pair(), { lots: '9999999' }), option, LAST)).toEqual({ error: expect.stringMatching(/^OCO leg's order: quantity: /) });
  });

  it('says the first thing wrong from the top: the alert’s level, its order, then the leg', () => {
    const everythingWrong = withLeg({ ...withAlertOrder(pair('125'), { lots: '0' }), price: '120' }, { lots: '0' });
    expect(readAlertForm(everythingWrong, option, LAST)).toEqual({ error: 'The last price ₹123.45 is already at or above ₹120: the alert would fire at once.' });
    expect(readAlertForm({ ...everythingWrong, price: '130' }, option, LAST)).toEqual({ error: 'GTT order: lots must be a whole number of at least 1.' });
    expect(readAlertForm(withLeg(withAlertOrder(pair('125'), { lots: '1' }), { lots: '0' }), option, LAST)).toEqual({
      error: 'OCO leg: The last price ₹123.45 is already at or below ₹125: the alert would fire at once.',
    });
  });
});
