import { InstrumentIdSchema, parseRupees, type Exchange, type InstrumentId, type Paise } from '@strikedesk/domain';

/**
 * Conversions at the XTS boundary. XTS deployments differ (field case, numbers as strings, even
 * "6,202.50" or "NaN"), so every reader here is defensive and returns null for what it cannot read.
 */

/** XTS segment names (orders, master) and numbers (market data), and the exchange they are ours as. */
export const XTS_SEGMENTS = {
  NSECM: { code: 1, exchange: 'NSE' },
  NSEFO: { code: 2, exchange: 'NFO' },
  BSECM: { code: 11, exchange: 'BSE' },
  BSEFO: { code: 12, exchange: 'BFO' },
} as const satisfies Record<string, { code: number; exchange: Exchange }>;
export type XtsSegment = keyof typeof XTS_SEGMENTS;

const SEGMENT_BY_CODE = new Map<number, XtsSegment>(Object.entries(XTS_SEGMENTS).map(([name, { code }]) => [code, name as XtsSegment]));
const SEGMENT_BY_EXCHANGE = new Map(Object.entries(XTS_SEGMENTS).map(([name, { exchange }]) => [exchange as Exchange, name as XtsSegment]));

/** "NSEFO" or 2 → NSEFO; null for segments outside our universe (NSECD, MCXFO, ...). */
export function xtsSegment(value: string | number): XtsSegment | null {
  if (typeof value === 'number') return SEGMENT_BY_CODE.get(value) ?? null;
  const upper = value.toUpperCase();
  return Object.hasOwn(XTS_SEGMENTS, upper) ? (upper as XtsSegment) : (SEGMENT_BY_CODE.get(Number(value)) ?? null);
}

export const segmentOfExchange = (exchange: Exchange): XtsSegment => SEGMENT_BY_EXCHANGE.get(exchange) ?? 'NSEFO';

/**
 * Our id is `EXCHANGE:TRADINGSYMBOL` with our exchange names: NSEFO → NFO, BSEFO → BFO, NSECM → NSE,
 * BSECM → BSE. The master's Description column is the exchange trading symbol (NIFTY26DEC24000CE),
 * the same text Kite uses, so one instrument has one id whichever broker feeds it.
 */
export function xtsInstrumentId(segment: XtsSegment, tradingSymbol: string): InstrumentId | null {
  const parsed = InstrumentIdSchema.safeParse(`${XTS_SEGMENTS[segment].exchange}:${tradingSymbol}`);
  return parsed.success ? parsed.data : null;
}

/** A number XTS may send as a number, a numeric string, a string with thousands separators, "" or "NaN". */
export function xtsNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().replaceAll(',', '');
  if (text === '') return null;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : null;
}

/**
 * Rupees (number or text) → integer paise. Text is parsed as decimal text (no float); a number is
 * turned back into its shortest text first, which is the literal XTS wrote. Averages with more
 * than two decimals are rounded half away from zero in integer arithmetic.
 */
export function xtsPaise(value: unknown): Paise | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim().replaceAll(',', '') : '';
  const match = /^(-?\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  const exact = parseRupees(`${whole}.${fraction.slice(0, 2).padEnd(2, '0')}`);
  if (exact === null) return null;
  const roundUp = (fraction[2] ?? '0') >= '5';
  return (roundUp ? exact + (whole.startsWith('-') ? -1 : 1) : exact) as Paise;
}

/** Paise → the rupee number XTS order fields take (exact: whole paise / 100 is the shortest decimal). */
export const paiseToXtsRupees = (amount: Paise): number => Number((amount / 100).toFixed(2));

/**
 * NSE (segments 1–3) counts time in seconds from 1980-01-01 00:00 IST (the exchange's local
 * clock), not 1970; BSE and the others use the Unix epoch. 315,513,000 s = the 3,652 days between
 * the two epochs (315,532,800 s) less IST's 5h30m: read as UTC-based, every NSE tick would be
 * stamped 5h30m in the future (a live 12:09 IST touchline read as 17:39, after the close).
 */
export const NSE_EPOCH_OFFSET_SECONDS = 315_513_000;

export function xtsExchangeTimeToEpochMs(seconds: number, segmentCode: number): number {
  const nse = segmentCode >= 1 && segmentCode <= 3;
  return (seconds + (nse ? NSE_EPOCH_OFFSET_SECONDS : 0)) * 1_000;
}

/** XTS enum text in any case ("Buy", "BUY", "StopMarket") → upper case without separators. */
export const xtsEnum = (value: unknown): string => (typeof value === 'string' ? value.replace(/[\s_-]/g, '').toUpperCase() : '');

/** "05-01-2022 13:11:00" / "2022-01-05T13:11:00" (IST wall time) → epoch ms; null when unreadable. */
export function xtsIstDateTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const dmy = /^(\d{2})-(\d{2})-(\d{4})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
  const parts = dmy ? [dmy[3], dmy[2], dmy[1], dmy[4], dmy[5], dmy[6]] : ymd ? ymd.slice(1, 7) : null;
  if (!parts) return null;
  const [y, mo, d, h, mi, s] = parts.map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) - 330 * 60_000;
}

/** Epoch ms → "yyyy-mm-ddThh:mm:ss" IST wall time, as the fake writes date-time fields. */
export function formatXtsIstDateTime(epochMs: number): string {
  return new Date(epochMs + 330 * 60_000).toISOString().slice(0, 19);
}
