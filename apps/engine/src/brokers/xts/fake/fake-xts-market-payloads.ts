/**
 * What the fake XTS market-data server writes, in the documented shapes (reference: xts.md, and
 * Symphony's SDKs that read them). Prices are held in paise and written as rupee numbers, as XTS
 * writes them; NSE times (segments 1–3) as seconds since 1980-01-01 IST, others since 1970.
 *
 * - Full messages (`<code>-json-full`, subscribe/quotes listQuotes): 1501 `{MessageCode,
 *   ExchangeSegment, ExchangeInstrumentID, ExchangeTimeStamp, Touchline{LastTradedPrice,
 *   LastTradedQunatity (sic), TotalBuyQuantity, TotalSellQuantity, TotalTradedQuantity,
 *   AverageTradedPrice, LastTradedTime, LastUpdateTime, PercentChange, Open, High, Low, Close,
 *   BidInfo{Size,Price,TotalOrders}, AskInfo{…}}}`; 1502 adds `Bids[5]`, `Asks[5]`; 1512 is flat
 *   `LastTradedPrice, LastTradedQunatity, LastUpdateTime`; 1510 is flat `ExchangeTimeStamp,
 *   XTSMarketType, OpenInterest` (the fields of the SDKs' MarketDataResponseOI).
 * - Partial messages (`<code>-json-partial`): `t:<segment>_<id>` then `key:value` pairs (ltp, ltq,
 *   tb, ts, v, ap, ltt, lut, pc, o, h, l, c) and depth `bi`/`ai` as `index|size|price|orders`
 *   groups — the keys Symphony's Node SDK V2 reads. Which keys a 1501 or 1512 partial carries is
 *   not documented: the fake sends the touchline keys with level 0 of depth for 1501,
 *   ltp/ltq/lut for 1512, and `oi` for 1510 (a key by the others' pattern; no SDK names it).
 * - The instrument master: rows of `|`-separated fields, options 23 fields, futures 21.
 * - The index list (`instruments/indexlist`): `{exchangeSegment: "1", indexList: ["NIFTY 50_26000"]}`.
 * - An index (NSECM/BSECM) streams like any instrument, its value as LastTradedPrice, with what an
 *   index lacks written as XTS writes it for NIFTY 50 (segment 1, id 26000) on the touchline: zero
 *   BidInfo/AskInfo, LastTradedQunatity and TotalTradedQuantity. A 1502 for an index carries
 *   five empty (zero) levels a side: brokers' clients quote indices with 1502 and read the touchline.
 */
export type FakeXtsLevel = { pricePaise: number; size: number; orders: number };

export type FakeXtsQuote = {
  lastPaise: number;
  lastQuantity: number;
  volume: number;
  openPaise: number;
  highPaise: number;
  lowPaise: number;
  /** Previous session's close. */
  closePaise: number;
  totalBuy: number;
  totalSell: number;
  bids: FakeXtsLevel[];
  asks: FakeXtsLevel[];
  /** Open contracts (1510). */
  openInterest: number;
  /** Epoch ms of the last update. */
  updatedAt: number;
};

/** What the stream and the subscription answers name an instrument by. */
export type FakeXtsMdListed = { segment: keyof typeof FAKE_SEGMENT_CODES; exchangeInstrumentId: number };

export type FakeXtsMdInstrument = {
  segment: 'NSEFO' | 'BSEFO';
  exchangeInstrumentId: number;
  tradingSymbol: string;
  name: string;
  kind: 'FUTURE' | 'CE' | 'PE';
  /** Strike in paise (options). */
  strikePaise?: number;
  /** yyyy-mm-dd */
  expiry: string;
  lotSize: number;
  tickPaise: number;
  /** As the master writes it: NSE's limit + 1, BSE's limit. */
  freezeQty: number;
};

/** An index the fake lists in its segment's index list; `valuePaise` is its value at the start. */
export type FakeXtsMdIndex = { segment: 'NSECM' | 'BSECM'; exchangeInstrumentId: number; name: string; valuePaise: number };

export const FAKE_SEGMENT_CODES = { NSECM: 1, NSEFO: 2, BSECM: 11, BSEFO: 12 } as const;

const rupees = (amountPaise: number): number => amountPaise / 100;

/** Seconds in the exchange's epoch: 1980-01-01 00:00 IST for NSE segments, the Unix epoch otherwise. */
export function exchangeSeconds(epochMs: number, segmentCode: number): number {
  const base = segmentCode >= 1 && segmentCode <= 3 ? Date.UTC(1980, 0, 1) - 330 * 60_000 : 0;
  return Math.floor((epochMs - base) / 1_000);
}

const level = (row: FakeXtsLevel | undefined) => ({ Size: row?.size ?? 0, Price: rupees(row?.pricePaise ?? 0), TotalOrders: row?.orders ?? 0 });
const fiveLevels = (rows: readonly FakeXtsLevel[]) => Array.from({ length: 5 }, (_, index) => level(rows[index]));
const percentChange = (quote: FakeXtsQuote): number => (quote.closePaise === 0 ? 0 : Math.round(((quote.lastPaise - quote.closePaise) * 10_000) / quote.closePaise) / 100);

export function fullMessage(code: number, instrument: FakeXtsMdListed, quote: FakeXtsQuote): Record<string, unknown> {
  const segment = FAKE_SEGMENT_CODES[instrument.segment];
  const time = exchangeSeconds(quote.updatedAt, segment);
  const head = { MessageCode: code, ExchangeSegment: segment, ExchangeInstrumentID: instrument.exchangeInstrumentId };
  if (code === 1512) return { ...head, LastTradedPrice: rupees(quote.lastPaise), LastTradedQunatity: quote.lastQuantity, LastUpdateTime: time };
  // As Symphony's SDKs model it (MarketDataResponseOI): the open interest and no price.
  if (code === 1510) return { ...head, MessageVersion: 1, ApplicationType: 0, TokenID: 0, ExchangeTimeStamp: time, XTSMarketType: 1, OpenInterest: quote.openInterest };
  const touchline = {
    BidInfo: level(quote.bids[0]),
    AskInfo: level(quote.asks[0]),
    LastTradedPrice: rupees(quote.lastPaise),
    LastTradedQunatity: quote.lastQuantity,
    TotalBuyQuantity: quote.totalBuy,
    TotalSellQuantity: quote.totalSell,
    TotalTradedQuantity: quote.volume,
    AverageTradedPrice: rupees(quote.lastPaise),
    LastTradedTime: time,
    LastUpdateTime: time,
    PercentChange: percentChange(quote),
    Open: rupees(quote.openPaise),
    High: rupees(quote.highPaise),
    Low: rupees(quote.lowPaise),
    Close: rupees(quote.closePaise),
  };
  const message = { ...head, ExchangeTimeStamp: time, Touchline: touchline };
  return code === 1502 ? { ...message, Bids: fiveLevels(quote.bids), Asks: fiveLevels(quote.asks) } : message;
}

const depthGroups = (rows: readonly FakeXtsLevel[], count: number): string =>
  Array.from({ length: count }, (_, index) => {
    const row = level(rows[index]);
    return `${index}|${row.Size}|${row.Price}|${row.TotalOrders}`;
  }).join('|');

/** Every partial key and its value now; the server sends those that changed since its last message. */
export function partialFields(code: number, instrument: FakeXtsMdListed, quote: FakeXtsQuote): Map<string, string> {
  const segment = FAKE_SEGMENT_CODES[instrument.segment];
  const time = String(exchangeSeconds(quote.updatedAt, segment));
  if (code === 1510) return new Map([['oi', String(quote.openInterest)]]);
  const fields = new Map<string, string>([
    ['ltp', String(rupees(quote.lastPaise))],
    ['ltq', String(quote.lastQuantity)],
  ]);
  if (code === 1512) return fields.set('lut', time);
  fields
    .set('tb', String(quote.totalBuy))
    .set('ts', String(quote.totalSell))
    .set('v', String(quote.volume))
    .set('ap', String(rupees(quote.lastPaise)))
    .set('ltt', time)
    .set('lut', time)
    .set('pc', String(percentChange(quote)))
    .set('o', String(rupees(quote.openPaise)))
    .set('h', String(rupees(quote.highPaise)))
    .set('l', String(rupees(quote.lowPaise)))
    .set('c', String(rupees(quote.closePaise)));
  const depth = code === 1502 ? 5 : 1;
  return fields.set('bi', depthGroups(quote.bids, depth)).set('ai', depthGroups(quote.asks, depth));
}

export function partialMessage(instrument: FakeXtsMdListed, fields: ReadonlyMap<string, string>): string {
  const pairs = [...fields].map(([key, value]) => `${key}:${value}`);
  return [`t:${FAKE_SEGMENT_CODES[instrument.segment]}_${instrument.exchangeInstrumentId}`, ...pairs].join(',');
}

/** An index's quote: its value, nothing traded, no book (the touchline of NIFTY 50 as XTS sends it). */
export function fakeIndexQuote(valuePaise: number, updatedAt = Date.now()): FakeXtsQuote {
  return { lastPaise: valuePaise, lastQuantity: 0, volume: 0, openPaise: valuePaise, highPaise: valuePaise, lowPaise: valuePaise, closePaise: valuePaise, totalBuy: 0, totalSell: 0, bids: [], asks: [], openInterest: 0, updatedAt };
}

/** An index-list entry: name and ExchangeInstrumentID joined by "_". */
export const indexListEntry = (index: FakeXtsMdIndex): string => `${index.name}_${index.exchangeInstrumentId}`;

/** One master row in XTS's layout (see xts-instrument-master.ts for the columns). */
export function masterRow(instrument: FakeXtsMdInstrument): string {
  const option = instrument.kind !== 'FUTURE';
  const series = option ? 'OPTIDX' : 'FUTIDX';
  const expiry = `${instrument.expiry}T14:30:00`;
  const [year = '', month = '', day = ''] = instrument.expiry.split('-');
  const monthName = new Date(Date.UTC(Number(year), Number(month) - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' }).toUpperCase();
  const strike = option ? String(rupees(instrument.strikePaise ?? 0)) : '';
  const display = option ? `${instrument.name} ${day}${monthName}${year} ${instrument.kind} ${strike}` : `${instrument.name} ${day}${monthName}${year}`;
  const head = [
    instrument.segment,
    instrument.exchangeInstrumentId,
    option ? 2 : 1,
    instrument.name,
    instrument.tradingSymbol,
    series,
    `${instrument.name}-${series}`,
    `26${instrument.exchangeInstrumentId}`,
    '30000',
    '0.05',
    instrument.freezeQty,
    rupees(instrument.tickPaise),
    instrument.lotSize,
    1,
    '-1',
    instrument.name,
    expiry,
  ];
  const optionColumns = option ? [strike, instrument.kind === 'CE' ? 3 : 4] : [];
  return [...head, ...optionColumns, display, 1, 1, instrument.tradingSymbol].join('|');
}
