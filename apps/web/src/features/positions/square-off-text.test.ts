import { describe, expect, it } from 'vitest';
import { asInstrumentId } from '@strikedesk/domain';
import { squareOffText, lotsText } from './square-off-text.ts';

const option = { displayName: 'NIFTY 24500 CE', lotSize: 65 };
const view = (netQuantity: number) => ({ instrumentId: asInstrumentId('NFO:NIFTY26D1524500CE'), product: 'NRML' as const, netQuantity });

describe('square-off line', () => {
  it('closes a long with a SELL and a short with a BUY of the whole quantity, in lots', () => {
    expect(squareOffText(view(130), option)).toBe('SELL 2 lots NIFTY 24500 CE NRML');
    expect(squareOffText(view(-65), option)).toBe('BUY 1 lot NIFTY 24500 CE NRML');
  });

  it('says units when the quantity is not a whole number of lots (held across an exchange lot-size revision)', () => {
    // 75 units bought at the old lot size of 75: never "1.1538461538461537 lots".
    expect(squareOffText(view(75), option)).toBe('SELL 75 units NIFTY 24500 CE NRML');
    expect(lotsText(-150, 65)).toBeNull();
    expect(lotsText(-130, 65)).toBe('-2 lots');
  });

  it('says units when the instrument is unknown, and nothing for a flat position', () => {
    expect(squareOffText(view(1_800), undefined)).toBe('SELL 1,800 units NFO:NIFTY26D1524500CE NRML');
    expect(squareOffText(view(0), option)).toBeNull();
  });
});
