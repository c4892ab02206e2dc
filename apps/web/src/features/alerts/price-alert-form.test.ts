import { describe, expect, it } from 'vitest';
import { asInstrumentId, paise, type Instrument } from '@strikedesk/domain';
import { initialAlertForm, readAlertForm } from './price-alert-form.ts';

const option = { id: asInstrumentId('NFO:NIFTY26D0926000CE'), tickSize: paise(5), displayName: 'NIFTY 09 DEC 26000 CE' } as Instrument;

describe('the price alert form', () => {
  it('opens at the last price, above', () => {
    expect(initialAlertForm(12_345)).toEqual({ condition: 'ABOVE', price: '123.45', note: '' });
    expect(initialAlertForm(undefined)).toEqual({ condition: 'ABOVE', price: '', note: '' });
  });

  it('reads a level on the tick, on the side the price has not reached', () => {
    expect(readAlertForm({ condition: 'ABOVE', price: '130.05', note: ' breakout ' }, option, 12_345)).toEqual({
      input: { instrumentId: option.id, condition: 'ABOVE', price: 13_005, note: 'breakout' },
    });
    expect(readAlertForm({ condition: 'BELOW', price: '120', note: '' }, option, 12_345)).toEqual({ input: { instrumentId: option.id, condition: 'BELOW', price: 12_000, note: '' } });
    // No price known yet: nothing to compare with.
    expect(readAlertForm({ condition: 'BELOW', price: '120', note: '' }, option, undefined)).toHaveProperty('input');
  });

  it('says what is wrong: not rupees, already reached, a long note', () => {
    expect(readAlertForm({ condition: 'ABOVE', price: 'abc', note: '' }, option, 12_345)).toEqual({ error: 'Enter the price in rupees, e.g. 245.50.' });
    expect(readAlertForm({ condition: 'ABOVE', price: '0', note: '' }, option, 12_345)).toEqual({ error: 'Enter the price in rupees, e.g. 245.50.' });
    // A level between ticks is a threshold like any other.
    expect(readAlertForm({ condition: 'ABOVE', price: '130.03', note: '' }, option, 12_345)).toEqual({ input: { instrumentId: option.id, condition: 'ABOVE', price: 13_003, note: '' } });
    expect(readAlertForm({ condition: 'ABOVE', price: '123.45', note: '' }, option, 12_345)).toEqual({ error: 'The last price ₹123.45 is already at or above ₹123.45: the alert would fire at once.' });
    expect(readAlertForm({ condition: 'BELOW', price: '125', note: '' }, option, 12_345)).toEqual({ error: 'The last price ₹123.45 is already at or below ₹125: the alert would fire at once.' });
    expect(readAlertForm({ condition: 'ABOVE', price: '130', note: 'x'.repeat(201) }, option, 12_345)).toEqual({ error: 'note: at most 200 characters' });
  });
});
