import { describe, expect, it } from 'vitest';
import { asInstrumentId, paise, type Instrument } from '@strikedesk/domain';
import { tradedOnly } from './watchlist-row.ts';

const instrument = (kind: Instrument['kind']): Instrument =>
  ({ id: asInstrumentId(`NSE:${kind}`), exchange: kind === 'INDEX' ? 'NSE' : 'NFO', tradingSymbol: kind, underlying: 'NIFTY', displayName: kind, kind, expiry: null, expiryType: null, strike: null, lotSize: 65, tickSize: paise(5) }) as Instrument;

describe('tradedOnly', () => {
  it("shows no volume or OI for an index (its feed's 0 is a convention)", () => {
    expect(tradedOnly({ instrument: instrument('INDEX'), tick: undefined }, 0)).toBeUndefined();
  });

  it("keeps a contract's volume and OI, 0 included", () => {
    expect(tradedOnly({ instrument: instrument('FUTURE'), tick: undefined }, 0)).toBe(0);
    expect(tradedOnly({ instrument: instrument('CALL'), tick: undefined }, 1_250)).toBe(1_250);
  });
});
