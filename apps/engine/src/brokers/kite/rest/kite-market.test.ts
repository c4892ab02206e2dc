import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asInstrumentId } from '@strikedesk/domain';
import { requestsTo, startKiteHarness, type KiteHarness } from '../fake/fake-kite-harness.ts';
import { parseIstTimestamp } from './kite-units.ts';

/** Quotes, LTP, OHLC and historical candles against the fake Kite. */
const CE = asInstrumentId('NFO:NIFTY26DEC24000CE');
const NIFTY = asInstrumentId('NSE:NIFTY 50');
const UNKNOWN = asInstrumentId('NFO:NIFTY26DEC99999CE');

let h: KiteHarness;
beforeEach(async () => {
  h = await startKiteHarness();
});
afterEach(async () => h.close());

describe('quotes', () => {
  it('map onto our Tick (paise, five levels, no book for an index) keyed by instrument id; unknown ones are absent', async () => {
    h.fake.setMarketPrice(CE, 12_005);
    const quotes = await h.client.quotes([CE, NIFTY, UNKNOWN]);
    expect([...quotes.keys()].sort()).toEqual([CE, NIFTY].sort());
    expect(requestsTo(h.fake, 'GET', /^\/quote$/)[0]?.query).toEqual({ i: [CE, NIFTY, UNKNOWN] });
    const ce = quotes.get(CE)!;
    expect(ce).toMatchObject({ instrumentId: CE, lastPrice: 12_005, bid: 12_005, ask: 12_010, volume: 65 * 12_345, openInterest: 65 * 5_000 });
    expect(ce.bids.map((l) => l.price)).toEqual([12_005, 12_000, 11_995, 11_990, 11_985]);
    expect(ce.asks).toHaveLength(5);
    expect(ce.lowerCircuitLimit).toBeLessThan(ce.lastPrice);
    expect(ce.timestamp).toBeTypeOf('number');
    expect(quotes.get(NIFTY)).toMatchObject({ lastPrice: 2_400_000, bid: null, ask: null, bids: [], asks: [] });
  });

  it('LTP and OHLC', async () => {
    h.fake.setMarketPrice(CE, 12_000);
    expect((await h.client.ltp([CE])).get(CE)).toEqual({ instrumentToken: expect.any(Number), lastPrice: 12_000 });
    const ohlc = (await h.client.ohlc([CE, UNKNOWN])).get(CE);
    expect(ohlc).toMatchObject({ lastPrice: 12_000, open: 11_880, high: 12_240, low: 11_640, close: 11_940 });
    expect(requestsTo(h.fake, 'GET', /^\/quote\/(ltp|ohlc)$/)).toHaveLength(2);
  });

  it('splits a request above Kite\'s 500-instrument cap into chunks', async () => {
    const ids = Array.from({ length: 501 }, (_, i) => asInstrumentId(`NFO:NIFTY26DEC${10_000 + i}CE`));
    await h.client.quotes([...ids, CE]);
    expect(requestsTo(h.fake, 'GET', /^\/quote$/).map((r) => r.query['i']?.length)).toEqual([500, 2]);
  });
});

describe('historical candles', () => {
  it('asks with IST wall times and maps candles (with open interest) to epoch ms and paise', async () => {
    const instruments = await h.client.instruments('NFO');
    const ce = instruments.instruments.find((i) => i.id === CE)!;
    const from = parseIstTimestamp('2026-12-21 09:15:00')!;
    const to = parseIstTimestamp('2026-12-21 09:19:00')!;
    const candles = await h.client.historicalCandles({ instrumentToken: ce.instrumentToken, interval: 'minute', from, to, openInterest: true });
    const [sent] = requestsTo(h.fake, 'GET', /^\/instruments\/historical\//);
    expect(sent?.path).toBe(`/instruments/historical/${ce.instrumentToken}/minute`);
    expect(sent?.query).toEqual({ from: ['2026-12-21 09:15:00'], to: ['2026-12-21 09:19:00'], continuous: ['0'], oi: ['1'] });
    expect(candles.map((c) => c.at)).toEqual([0, 1, 2, 3, 4].map((i) => from + i * 60_000));
    for (const candle of candles) {
      expect(Number.isSafeInteger(candle.open) && candle.open % 5 === 0).toBe(true);
      expect(candle.high).toBeGreaterThanOrEqual(Math.max(candle.open, candle.close));
      expect(candle.low).toBeLessThanOrEqual(Math.min(candle.open, candle.close));
      expect(candle.openInterest).toBeGreaterThan(0);
    }
    const withoutOi = await h.client.historicalCandles({ instrumentToken: ce.instrumentToken, interval: '5minute', from, to });
    expect(withoutOi.map((c) => c.openInterest)).toEqual([null]);
  });

  it('refuses an unknown token with BROKER_INPUT_REJECTED', async () => {
    await expect(h.client.historicalCandles({ instrumentToken: 42, interval: 'day', from: 0, to: 86_400_000 })).rejects.toMatchObject({ code: 'BROKER_INPUT_REJECTED' });
  });
});
