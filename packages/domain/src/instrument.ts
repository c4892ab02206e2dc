import { z } from 'zod';
import { InstrumentIdSchema } from './ids.ts';
import { PaiseSchema } from './money.ts';

export const EXCHANGES = ['NSE', 'NFO', 'BSE', 'BFO'] as const;
export const ExchangeSchema = z.enum(EXCHANGES);
export type Exchange = z.infer<typeof ExchangeSchema>;

export const INSTRUMENT_KINDS = ['INDEX', 'FUTURE', 'CALL', 'PUT'] as const;
export const InstrumentKindSchema = z.enum(INSTRUMENT_KINDS);
export type InstrumentKind = z.infer<typeof InstrumentKindSchema>;

/** ISO calendar date, e.g. 2026-12-29 (expiries are at 15:30 IST on that date). */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');

export const InstrumentSchema = z.object({
  id: InstrumentIdSchema,
  exchange: ExchangeSchema,
  tradingSymbol: z.string(),
  /** The underlying's short name shared by its index, futures and options, e.g. NIFTY. */
  underlying: z.string(),
  /** Human label for pickers: "NIFTY 30 DEC 24000 CE". */
  displayName: z.string(),
  kind: InstrumentKindSchema,
  expiry: IsoDateSchema.nullable(),
  /** Weekly or monthly series; null for indices and futures-less data. */
  expiryType: z.enum(['WEEKLY', 'MONTHLY']).nullable(),
  strike: PaiseSchema.nullable(),
  lotSize: z.number().int().positive(),
  tickSize: PaiseSchema,
  /** Exchange freeze quantity (units): larger orders must be sliced. */
  freezeQuantity: z.number().int().positive(),
  tradable: z.boolean(),
});
export type Instrument = z.infer<typeof InstrumentSchema>;

/**
 * Configuration of one underlying — the data from which the simulator and the instrument master
 * derive indices, futures and option chains. Lot sizes, freeze quantities and expiry weekdays
 * change by exchange circular, so they live in configuration, not code.
 */
export const UnderlyingSpecSchema = z.object({
  underlying: z.string().regex(/^[A-Z0-9]{2,20}$/),
  indexTradingSymbol: z.string(),
  indexExchange: ExchangeSchema,
  derivativesExchange: ExchangeSchema,
  lotSize: z.number().int().positive(),
  freezeQuantity: z.number().int().positive(),
  tickSize: PaiseSchema,
  strikeStep: PaiseSchema,
  /** Strikes listed each side of ATM per expiry. */
  strikesEachSide: z.number().int().min(1).max(200),
  /** 0 = Sunday … 6 = Saturday (JS convention). Null: no weekly series. */
  weeklyExpiryWeekday: z.number().int().min(0).max(6).nullable(),
  weeklyExpiriesListed: z.number().int().min(0).max(8),
  /** Monthly series expire on the last such weekday of the month. */
  monthlyExpiryWeekday: z.number().int().min(0).max(6),
  monthlyExpiriesListed: z.number().int().min(1).max(3),
});
export type UnderlyingSpec = z.infer<typeof UnderlyingSpecSchema>;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const WEEKLY_MONTH_CODES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'O', 'N', 'D'] as const;

function splitIsoDate(isoDate: string): { year: string; month: number; day: string } {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  return { year: year.slice(2), month: Number(month) - 1, day };
}

/**
 * NSE trading symbols: monthly `NIFTY26DEC24000CE` / `NIFTY26DECFUT`, weekly `NIFTY26D0824000CE`
 * (YY, one-character month 1-9/O/N/D, DD).
 */
export function derivativeTradingSymbol(args: {
  underlying: string;
  expiry: string;
  expiryType: 'WEEKLY' | 'MONTHLY';
  kind: 'FUTURE' | 'CALL' | 'PUT';
  strikeRupees?: number;
}): string {
  const { year, month, day } = splitIsoDate(args.expiry);
  const series =
    args.expiryType === 'MONTHLY' ? `${year}${MONTHS[month]}` : `${year}${WEEKLY_MONTH_CODES[month]}${day}`;
  if (args.kind === 'FUTURE') return `${args.underlying}${series}FUT`;
  return `${args.underlying}${series}${args.strikeRupees}${args.kind === 'CALL' ? 'CE' : 'PE'}`;
}

export function derivativeDisplayName(args: {
  underlying: string;
  expiry: string;
  kind: 'FUTURE' | 'CALL' | 'PUT';
  strikeRupees?: number;
}): string {
  const { month, day } = splitIsoDate(args.expiry);
  const date = `${day} ${MONTHS[month]}`;
  if (args.kind === 'FUTURE') return `${args.underlying} ${date} FUT`;
  return `${args.underlying} ${date} ${args.strikeRupees} ${args.kind === 'CALL' ? 'CE' : 'PE'}`;
}
