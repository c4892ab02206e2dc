import { describe, expect, it } from 'vitest';
import { asInstrumentId, paise } from '@strikedesk/domain';
import { formatIstTimestamp, paiseToRupeesText, parseIstTimestamp, parseOffsetTimestamp, rupeesToPaise, splitInstrumentId, toInstrumentId } from './kite-units.ts';

describe('rupee numbers to paise', () => {
  it.each([
    [109.4, 10940],
    [4852, 485200],
    [0.05, 5],
    [23139.75, 2313975],
    [99725.05000000002, 9972505],
    // Fractions of a paisa (averages, charges) round half away from zero on the decimal Kite wrote, not on a float product.
    [0.285, 29],
    [-0.285, -29],
    [72.755, 7276],
    [72.7549, 7275],
    [-2152.5, -215250],
    [0, 0],
    [1e-7, 0],
  ])('%s → %s paise', (rupees, expected) => {
    expect(rupeesToPaise(rupees)).toBe(expected);
  });

  it('writes paise back as exact rupee text for form fields', () => {
    expect(paiseToRupeesText(paise(24505))).toBe('245.05');
    expect(paiseToRupeesText(paise(2400000))).toBe('24000.00');
  });
});

describe('IST timestamps', () => {
  it('reads Kite wall time as IST (UTC+05:30)', () => {
    expect(parseIstTimestamp('2021-05-31 09:18:57')).toBe(Date.UTC(2021, 4, 31, 3, 48, 57));
    expect(parseIstTimestamp(null)).toBeNull();
    expect(parseIstTimestamp('16:00:36')).toBeNull();
  });

  it('formats and parses back', () => {
    const at = Date.UTC(2026, 11, 22, 4, 0, 5);
    expect(formatIstTimestamp(at)).toBe('2026-12-22 09:30:05');
    expect(parseIstTimestamp(formatIstTimestamp(at))).toBe(at);
  });

  it('reads candle times with a colon-less offset', () => {
    expect(parseOffsetTimestamp('2017-12-15T09:15:00+0530')).toBe(Date.UTC(2017, 11, 15, 3, 45, 0));
    expect(parseOffsetTimestamp('2017-12-15T09:15:00+05:30')).toBe(Date.UTC(2017, 11, 15, 3, 45, 0));
    expect(parseOffsetTimestamp('yesterday')).toBeNull();
  });
});

describe('instrument ids', () => {
  it('are Kite instrument keys', () => {
    expect(splitInstrumentId(asInstrumentId('NSE:NIFTY 50'))).toEqual({ exchange: 'NSE', tradingSymbol: 'NIFTY 50' });
    expect(toInstrumentId('NFO', 'NIFTY26DEC24000CE')).toBe('NFO:NIFTY26DEC24000CE');
    expect(toInstrumentId('MCX', 'GOLDPETAL21JUNFUT')).toBeNull();
  });
});
