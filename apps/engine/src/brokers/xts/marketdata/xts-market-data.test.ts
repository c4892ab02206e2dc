import { describe, expect, it } from 'vitest';
import { asInstrumentId, TickSchema } from '@strikedesk/domain';
import { NSE_EPOCH_OFFSET_SECONDS, xtsExchangeTimeToEpochMs, xtsPaise } from '../xts-units.ts';
import { parseXtsInstrumentMaster } from './xts-instrument-master.ts';
import { mergePartialMessage, parseFullMessage, partialKey } from './xts-market-messages.ts';
import { LIVE_NIFTY_1501 } from './xts-message-fixtures.ts';
import { toTick } from './to-tick.ts';

// Rows in the master's real layouts: option 23 fields, future 21, spread 21, cash 22.
const MASTER = [
  'NSEFO|43650|2|NIFTY|NIFTY26DEC24000CE|OPTIDX|NIFTY-OPTIDX|2612900043650|3010.5|0.05|1801|0.05|75|1|26000|NIFTY|2026-12-29T14:30:00|24000|3|NIFTY 29DEC2026 CE 24000|1|1|NIFTY26DEC24000CE',
  'NSEFO|43651|2|NIFTY|NIFTY26DEC24000PE|OPTIDX|NIFTY-OPTIDX|2612900043651|3010.5|0.05|1801|0.05|75|1|26000|NIFTY|2026-12-29T14:30:00|24000|4|NIFTY 29DEC2026 PE 24000|1|1|NIFTY26DEC24000PE',
  'NSEFO|43652|2|NIFTY|NIFTY26D2224050CE|OPTIDX|NIFTY-OPTIDX|2612200043652|3010.5|0.05|1801|0.05|75|1|26000|NIFTY|2026-12-22T14:30:00|24050.5|3|NIFTY 22DEC2026 CE 24050.5|1|1|NIFTY26D2224050CE',
  'NSEFO|35003|1|NIFTY|NIFTY26DECFUT|FUTIDX|NIFTY-FUTIDX|2612900035003|28000|23000|1801|0.1|75|1|26000|NIFTY|2026-12-29T14:30:00|NIFTY 29DEC2026|1|1|NIFTY26DECFUT',
  'NSEFO|12778737|4|GAIL|GAIL25DEC26JANFUT|FUTSTK|GAIL-FUTSTK|2100112778737|4.2|-4.2|126001|0.01|3150|1|-1||2025-12-30T14:30:00|GAIL 30DEC27JAN SPD|1|1|GAIL25DEC26JANFUT',
  'BSEFO|1132771|2|BANKEX|BANKEX25DEC72000CE|IO|BANKEX-IO|12535801132771|20.05|0.05|900|0.05|30|1|-1|BANKEX|2025-12-24T00:00:00|72000|3|BANKEX 24DEC2025 CE 72000|1|1|BANKEX25DEC72000CE',
  'NSECM|2885|8|RELIANCE|RELIANCE-EQ|EQ|RELIANCE-EQ|1100100002885|1500|1200|100001|0.05|1|1|-1|RELIANCE|INE002A01018|1|1|RELIANCE-EQ|0|-1',
].join('\n');

describe('XTS market data', () => {
  it('NSE times count seconds from 1980-01-01 IST: 315,513,000 s after the Unix epoch; BSE counts from 1970', () => {
    expect(NSE_EPOCH_OFFSET_SECONDS).toBe((Date.UTC(1980, 0, 1) - 330 * 60_000) / 1_000);
    expect(xtsExchangeTimeToEpochMs(0, 2)).toBe(Date.UTC(1979, 11, 31, 18, 30));
    // 1,325,855,460 s after 1980-01-01 IST = 2022-01-05 07:41:00 UTC = 13:11 IST, inside market hours.
    expect(new Date(xtsExchangeTimeToEpochMs(1_325_855_460, 2)).toISOString()).toBe('2022-01-05T07:41:00.000Z');
    expect(xtsExchangeTimeToEpochMs(1_641_368_460, 12)).toBe(1_641_368_460_000);
  });

  it('parses the pipe-delimited master: ids, kinds, FreezeQty, lot size, strike in paise, expiry; skips spreads and cash', () => {
    const { instruments, skipped } = parseXtsInstrumentMaster(MASTER);
    expect(skipped).toBe(2);
    const call = instruments.find((row) => row.id === 'NFO:NIFTY26DEC24000CE');
    expect(call).toMatchObject({ exchange: 'NFO', kind: 'CALL', underlying: 'NIFTY', strike: 2_400_000, lotSize: 75, tickSize: 5, freezeQuantity: 1_800, expiry: '2026-12-29', expiryType: 'MONTHLY', segment: 'NSEFO', exchangeInstrumentId: 43650, displayName: 'NIFTY 29DEC2026 CE 24000' });
    expect(instruments.find((row) => row.id === 'NFO:NIFTY26DEC24000PE')?.kind).toBe('PUT');
    expect(instruments.find((row) => row.id === 'NFO:NIFTY26D2224050CE')).toMatchObject({ strike: 2_405_050, expiryType: 'WEEKLY', expiry: '2026-12-22' });
    expect(instruments.find((row) => row.id === 'NFO:NIFTY26DECFUT')).toMatchObject({ kind: 'FUTURE', strike: null, tickSize: 10, displayName: 'NIFTY 29DEC2026' });
    // BSE writes the freeze limit itself (900 = 30 lots of 30), not limit + 1.
    expect(instruments.find((row) => row.id === 'BFO:BANKEX25DEC72000CE')).toMatchObject({ exchange: 'BFO', freezeQuantity: 900, strike: 7_200_000 });
  });

  it('full 1501/1502 payloads (JSON strings) become a Tick with depth, prices in paise and the 1980-based time', () => {
    const full = JSON.stringify({
      MessageCode: 1502,
      ExchangeSegment: 2,
      ExchangeInstrumentID: 43650,
      ExchangeTimeStamp: 1_325_855_460,
      Touchline: { LastTradedPrice: 245.35, LastTradedQunatity: 75, TotalTradedQuantity: 1_500, LastUpdateTime: 1_325_855_460, Open: 240, High: 250.1, Low: 239.05, Close: 238.4, BidInfo: { Size: 150, Price: 245.3, TotalOrders: 2 }, AskInfo: { Size: 75, Price: 245.4, TotalOrders: 1 } },
      Bids: [{ Size: 150, Price: 245.3, TotalOrders: 2 }, { Size: 300, Price: 245.25, TotalOrders: 4 }],
      Asks: [{ Size: 75, Price: 245.4, TotalOrders: 1 }],
    });
    const state = parseFullMessage(full);
    expect(state).not.toBeNull();
    const tick = toTick(asInstrumentId('NFO:NIFTY26DEC24000CE'), state!, 0);
    expect(TickSchema.parse(tick)).toMatchObject({ lastPrice: 24_535, previousClose: 23_840, high: 25_010, bid: 24_530, ask: 24_540, volume: 1_500, timestamp: Date.UTC(2022, 0, 5, 7, 41) });
    expect(tick?.bids.map((level) => level.price)).toEqual([24_530, 24_525]);
  });

  it('reads a message whose codes and ids arrive as strings (some XTS deployments send them so)', () => {
    const state = parseFullMessage({ MessageCode: '1501', ExchangeSegment: '2', ExchangeInstrumentID: '43650', Touchline: { LastTradedPrice: '245.35' } });
    expect(state).toMatchObject({ segmentCode: 2, exchangeInstrumentId: 43650, lastPrice: 24_535 });
    expect(parseFullMessage({ MessageCode: 1501, ExchangeSegment: 'NSEFO', ExchangeInstrumentID: 43650 })).toBeNull();
  });

  it('an index touchline (NIFTY 50 as XTS sends it: zero bid/ask, nothing traded) becomes an index Tick: no bid/ask, no depth, volume 0', () => {
    const tick = toTick(asInstrumentId('NSE:NIFTY 50'), parseFullMessage(LIVE_NIFTY_1501)!, 0);
    expect(TickSchema.parse(tick)).toEqual({
      instrumentId: 'NSE:NIFTY 50',
      timestamp: xtsExchangeTimeToEpochMs(1_397_650_179, 1),
      lastPrice: 2_238_600,
      previousClose: 2_251_940,
      open: 2_233_905,
      high: 2_242_745,
      low: 2_226_355,
      bid: null,
      ask: null,
      bids: [],
      asks: [],
      volume: 0,
      openInterest: 0,
    });
    // A 1502 for an index has only empty (zero) levels: still no book.
    const depth = parseFullMessage({ MessageCode: 1502, ExchangeSegment: 1, ExchangeInstrumentID: 26000, Touchline: { LastTradedPrice: 22386 }, Bids: [{ Size: 0, Price: 0, TotalOrders: 0 }], Asks: [{ Size: 0, Price: 0, TotalOrders: 0 }] })!;
    expect(toTick(asInstrumentId('NSE:NIFTY 50'), depth, 5)).toMatchObject({ bid: null, ask: null, bids: [], asks: [], timestamp: 5 });
  });

  it('partial payloads update only what they carry, merged into the last full state', () => {
    const state = parseFullMessage({ MessageCode: 1501, ExchangeSegment: 2, ExchangeInstrumentID: 43650, Touchline: { LastTradedPrice: 245.35, TotalTradedQuantity: 1_500, Open: 240, High: 250.1, Low: 239.05, Close: 238.4 } })!;
    const text = 't:2_43650,ltp:251.2,ltq:150,v:1650,h:251.2';
    expect(partialKey(text)).toEqual({ segmentCode: 2, exchangeInstrumentId: 43650 });
    const merged = mergePartialMessage(state, text);
    expect(merged).toMatchObject({ lastPrice: 25_120, lastQuantity: 150, volume: 1_650, high: 25_120, open: 24_000, low: 23_905 });
    expect(state.lastPrice).toBe(24_535);
  });

  it('partial depth: bi/ai groups of index|size|price|orders, an empty field keeps its value, a 0 price empties the level; lut is the 1980-based time', () => {
    const state = parseFullMessage({
      MessageCode: 1502,
      ExchangeSegment: 2,
      ExchangeInstrumentID: 43650,
      Touchline: { LastTradedPrice: 245.35 },
      Bids: [{ Size: 150, Price: 245.3, TotalOrders: 2 }, { Size: 300, Price: 245.25, TotalOrders: 4 }],
      Asks: [{ Size: 75, Price: 245.4, TotalOrders: 1 }],
    })!;
    const merged = mergePartialMessage(state, 't:2_43650,bi:0|225||3|2|75|245.2|1,ai:0|0|0|0,lut:1325855460');
    expect(merged.bids).toEqual([
      { price: 24_530, quantity: 225, orders: 3 },
      { price: 24_525, quantity: 300, orders: 4 },
      { price: 24_520, quantity: 75, orders: 1 },
    ]);
    expect(merged.asks).toEqual([]);
    expect(merged.timestamp).toBe(Date.UTC(2022, 0, 5, 7, 41));
    expect(state.bids).toHaveLength(2);
  });

  it('reads rupee text defensively: thousands separators, "", "NaN", more than two decimals', () => {
    expect(xtsPaise('2,853.50')).toBe(285_350);
    expect(xtsPaise('')).toBeNull();
    expect(xtsPaise('NaN')).toBeNull();
    expect(xtsPaise('45446.35625')).toBe(4_544_636);
    expect(xtsPaise(0.285)).toBe(29);
  });
});
