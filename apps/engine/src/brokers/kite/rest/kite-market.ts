import { z } from 'zod';
import type { DepthLevel, InstrumentId, Paise, Tick } from '@strikedesk/domain';
import type { KiteHttp } from './kite-http.ts';
import { invalidRequest, formatIstTimestamp, parseIstTimestamp, parseOffsetTimestamp, rupeesToPaise, toInstrumentId } from './kite-units.ts';

/**
 * Quotes, LTP, OHLC (maps keyed by "EXCHANGE:TRADINGSYMBOL" — our InstrumentId — with unknown
 * instruments simply absent) and historical candles. Quotes map onto our Tick, so the paper broker
 * can fill against Kite data exactly as against the simulator.
 */
const money = z.number().default(0);
const DepthEntrySchema = z.object({ price: money, quantity: z.number().int().default(0), orders: z.number().int().default(0) });
const OhlcSchema = z.object({ open: money, high: money, low: money, close: money });

const QuoteSchema = z.object({
  instrument_token: z.number().int(),
  timestamp: z.string().nullable().optional(),
  last_trade_time: z.string().nullable().optional(),
  last_price: money,
  last_quantity: z.number().int().default(0),
  buy_quantity: z.number().int().default(0),
  sell_quantity: z.number().int().default(0),
  volume: z.number().int().default(0),
  average_price: money,
  oi: z.number().int().default(0),
  oi_day_high: z.number().int().default(0),
  oi_day_low: z.number().int().default(0),
  lower_circuit_limit: money,
  upper_circuit_limit: money,
  ohlc: OhlcSchema.default({ open: 0, high: 0, low: 0, close: 0 }),
  depth: z.object({ buy: z.array(DepthEntrySchema).default([]), sell: z.array(DepthEntrySchema).default([]) }).optional(),
});
const LtpSchema = z.object({ instrument_token: z.number().int(), last_price: z.number() });
const OhlcQuoteSchema = LtpSchema.extend({ ohlc: OhlcSchema });

export type KiteQuote = Tick & {
  instrumentToken: number;
  lastQuantity: number;
  lastTradeTime: number | null;
  averagePrice: Paise;
  /** Total quantity bid / offered across the book. */
  buyQuantity: number;
  sellQuantity: number;
  lowerCircuitLimit: Paise;
  upperCircuitLimit: Paise;
  openInterestDayHigh: number;
  openInterestDayLow: number;
};
export type KiteLtp = { instrumentToken: number; lastPrice: Paise };
export type KiteOhlc = KiteLtp & { open: Paise; high: Paise; low: Paise; close: Paise };

/** Instruments per request: Kite's caps (quote 500, LTP and OHLC 1,000). Larger asks go out in chunks. */
const QUOTE_CHUNK = 500;
const LTP_CHUNK = 1_000;

/** Kite pads depth to five levels with zeros; an empty level is no level. */
const depthLevels = (entries: readonly z.infer<typeof DepthEntrySchema>[]): DepthLevel[] =>
  entries
    .filter((entry) => entry.price > 0 && entry.quantity > 0)
    .slice(0, 5)
    .map((entry) => ({ price: rupeesToPaise(entry.price), quantity: entry.quantity, orders: entry.orders }));

function toQuote(id: InstrumentId, q: z.infer<typeof QuoteSchema>, fallbackTime: number): KiteQuote {
  const bids = depthLevels(q.depth?.buy ?? []);
  const asks = depthLevels(q.depth?.sell ?? []);
  const lastTradeTime = parseIstTimestamp(q.last_trade_time);
  return {
    instrumentId: id,
    timestamp: parseIstTimestamp(q.timestamp) ?? lastTradeTime ?? fallbackTime,
    lastPrice: rupeesToPaise(q.last_price),
    previousClose: rupeesToPaise(q.ohlc.close),
    open: rupeesToPaise(q.ohlc.open),
    high: rupeesToPaise(q.ohlc.high),
    low: rupeesToPaise(q.ohlc.low),
    bid: bids[0]?.price ?? null,
    ask: asks[0]?.price ?? null,
    bids,
    asks,
    volume: q.volume,
    openInterest: q.oi,
    instrumentToken: q.instrument_token,
    lastQuantity: q.last_quantity,
    lastTradeTime,
    averagePrice: rupeesToPaise(q.average_price),
    buyQuantity: q.buy_quantity,
    sellQuantity: q.sell_quantity,
    lowerCircuitLimit: rupeesToPaise(q.lower_circuit_limit),
    upperCircuitLimit: rupeesToPaise(q.upper_circuit_limit),
    openInterestDayHigh: q.oi_day_high,
    openInterestDayLow: q.oi_day_low,
  };
}

async function keyed<P, V>(
  http: KiteHttp,
  path: string,
  ids: readonly InstrumentId[],
  chunk: number,
  schema: z.ZodType<P>,
  map: (id: InstrumentId, payload: P) => V,
): Promise<Map<InstrumentId, V>> {
  const result = new Map<InstrumentId, V>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += chunk) {
    const data = await http.data({ method: 'GET', path, query: { i: unique.slice(start, start + chunk) } }, z.record(z.string(), schema));
    for (const [key, payload] of Object.entries(data)) {
      const colon = key.indexOf(':');
      const id = toInstrumentId(key.slice(0, colon), key.slice(colon + 1));
      if (id !== null) result.set(id, map(id, payload));
    }
  }
  return result;
}

export const fetchQuotes = (http: KiteHttp, ids: readonly InstrumentId[], now: () => number): Promise<Map<InstrumentId, KiteQuote>> =>
  keyed(http, '/quote', ids, QUOTE_CHUNK, QuoteSchema, (id, q) => toQuote(id, q, now()));

export const fetchLtp = (http: KiteHttp, ids: readonly InstrumentId[]): Promise<Map<InstrumentId, KiteLtp>> =>
  keyed(http, '/quote/ltp', ids, LTP_CHUNK, LtpSchema, (_id, q) => ({ instrumentToken: q.instrument_token, lastPrice: rupeesToPaise(q.last_price) }));

export const fetchOhlc = (http: KiteHttp, ids: readonly InstrumentId[]): Promise<Map<InstrumentId, KiteOhlc>> =>
  keyed(http, '/quote/ohlc', ids, LTP_CHUNK, OhlcQuoteSchema, (_id, q) => ({
    instrumentToken: q.instrument_token,
    lastPrice: rupeesToPaise(q.last_price),
    open: rupeesToPaise(q.ohlc.open),
    high: rupeesToPaise(q.ohlc.high),
    low: rupeesToPaise(q.ohlc.low),
    close: rupeesToPaise(q.ohlc.close),
  }));

export const KITE_CANDLE_INTERVALS = ['minute', '3minute', '5minute', '10minute', '15minute', '30minute', '60minute', 'day'] as const;
export type KiteCandleInterval = (typeof KITE_CANDLE_INTERVALS)[number];

export type KiteCandle = { at: number; open: Paise; high: Paise; low: Paise; close: Paise; volume: number; openInterest: number | null };

export type HistoricalRequest = {
  instrumentToken: number;
  interval: KiteCandleInterval;
  /** Epoch ms, inclusive range; sent as IST wall time. */
  from: number;
  to: number;
  /** Stitch expired futures into one continuous series (day candles only, at Kite's end). */
  continuous?: boolean;
  openInterest?: boolean;
};

const CandleTimeSchema = z.string().transform((text, context) => {
  const at = parseOffsetTimestamp(text);
  if (at !== null) return at;
  context.addIssue({ code: 'custom', message: `unreadable candle time ${text}` });
  return z.NEVER;
});
const CandleSchema = z.tuple([CandleTimeSchema, z.number(), z.number(), z.number(), z.number(), z.number()], z.number());
const CandlesSchema = z.object({ candles: z.array(CandleSchema) });

export async function fetchHistoricalCandles(http: KiteHttp, request: HistoricalRequest): Promise<KiteCandle[]> {
  if (!Number.isSafeInteger(request.instrumentToken) || request.instrumentToken <= 0) throw invalidRequest('A historical request needs an instrument token.');
  const data = await http.data(
    {
      method: 'GET',
      path: `/instruments/historical/${request.instrumentToken}/${request.interval}`,
      query: {
        from: formatIstTimestamp(request.from),
        to: formatIstTimestamp(request.to),
        continuous: request.continuous ? 1 : 0,
        oi: request.openInterest ? 1 : 0,
      },
    },
    CandlesSchema,
  );
  return data.candles.map(([at, open, high, low, close, volume, openInterest]) => ({
    at,
    open: rupeesToPaise(open),
    high: rupeesToPaise(high),
    low: rupeesToPaise(low),
    close: rupeesToPaise(close),
    volume,
    openInterest: openInterest ?? null,
  }));
}
