import { describe, expect, it } from 'vitest';
import { parseXtsIndexList } from './xts-index-list.ts';

describe('parseXtsIndexList', () => {
  it('splits each entry at its last "_" into the name and the ExchangeInstrumentID', () => {
    // Entries as brokers publish the NSECM list, and BSE's SENSEX.
    expect(parseXtsIndexList(['NIFTY 50_26000', 'NIFTY BANK_26001', 'HANGSENG BEES-NAV_26044', 'NIFTY MID SELECT_26121', 'SENSEX_1'])).toEqual([
      { name: 'NIFTY 50', exchangeInstrumentId: 26000 },
      { name: 'NIFTY BANK', exchangeInstrumentId: 26001 },
      { name: 'HANGSENG BEES-NAV', exchangeInstrumentId: 26044 },
      { name: 'NIFTY MID SELECT', exchangeInstrumentId: 26121 },
      { name: 'SENSEX', exchangeInstrumentId: 1 },
    ]);
  });

  it('keeps an "_" inside a name and trims spaces around it', () => {
    expect(parseXtsIndexList(['A_B_12', ' NIFTY IT _26003 '])).toEqual([
      { name: 'A_B', exchangeInstrumentId: 12 },
      { name: 'NIFTY IT', exchangeInstrumentId: 26003 },
    ]);
  });

  it('skips malformed entries and keeps the rest', () => {
    const rows: unknown[] = ['NIFTY 50', '_26000', '   _1', 'NIFTY 50_', 'NIFTY 50_26a', 'NIFTY 50_-1', 'NIFTY 50_1.5', 'X_1234567890123456', 26000, null, { name: 'NIFTY 50', exchangeInstrumentID: 26000 }, 'NIFTY BANK_26001'];
    expect(parseXtsIndexList(rows)).toEqual([{ name: 'NIFTY BANK', exchangeInstrumentId: 26001 }]);
  });
});
