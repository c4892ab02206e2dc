import { describe, expect, it } from 'vitest';
import { asInstrumentId, paise } from '@strikedesk/domain';
import { NO_PRICE_TEXT, openQuantityText, unpricedText } from './performance-text.ts';

const CE = asInstrumentId('NFO:NIFTY26DEC26000CE');
const FUT = asInstrumentId('NFO:NIFTY26DECFUT');

describe('open position text', () => {
  it('sizes the open quantity in lots once the lot size is known, in units otherwise', () => {
    expect(openQuantityText(-130, 65)).toBe('-2 lots (-130 units)');
    expect(openQuantityText(65, 65)).toBe('1 lot (65 units)');
    expect(openQuantityText(1_800, undefined)).toBe('1,800 units');
    expect(openQuantityText(100, 65)).toBe('100 units'); // held across a lot-size revision
  });

  it('names the instruments the unrealized total leaves out for want of a price', () => {
    const names = new Map([[CE as string, 'NIFTY 26000 CE']]);
    expect(unpricedText([{ instrumentId: CE, lastPrice: null }, { instrumentId: FUT, lastPrice: paise(2_600_000) }], names)).toBe(
      'No price yet for NIFTY 26000 CE: left out of unrealized P&L.',
    );
    expect(unpricedText([{ instrumentId: CE, lastPrice: null }, { instrumentId: FUT, lastPrice: null }])).toBe(
      'No price yet for NFO:NIFTY26DEC26000CE, NFO:NIFTY26DECFUT: left out of unrealized P&L.',
    );
    expect(unpricedText([{ instrumentId: FUT, lastPrice: paise(2_600_000) }])).toBeNull();
    expect(unpricedText([])).toBeNull();
    expect(NO_PRICE_TEXT).toBe('no price yet');
  });
});
