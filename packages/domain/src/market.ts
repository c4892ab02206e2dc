import { z } from 'zod';
import { InstrumentIdSchema } from './ids.ts';
import { PaiseSchema } from './money.ts';

export const DepthLevelSchema = z.object({
  price: PaiseSchema,
  quantity: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
});
export type DepthLevel = z.infer<typeof DepthLevelSchema>;

/** A normalised market update, whatever its source (simulator, Kite, XTS). */
export const TickSchema = z.object({
  instrumentId: InstrumentIdSchema,
  /** Epoch milliseconds of the exchange/simulator time. */
  timestamp: z.number().int(),
  lastPrice: PaiseSchema,
  /** Previous session close, for change and change %. */
  previousClose: PaiseSchema,
  open: PaiseSchema,
  high: PaiseSchema,
  low: PaiseSchema,
  /** Best bid/ask; null for indices. */
  bid: PaiseSchema.nullable(),
  ask: PaiseSchema.nullable(),
  /** Five levels each side, best first; empty for indices. */
  bids: z.array(DepthLevelSchema).max(5),
  asks: z.array(DepthLevelSchema).max(5),
  volume: z.number().int().nonnegative(),
  openInterest: z.number().int().nonnegative(),
});
export type Tick = z.infer<typeof TickSchema>;

/** Change from previous close in paise. */
export const tickChange = (tick: Pick<Tick, 'lastPrice' | 'previousClose'>): number =>
  tick.lastPrice - tick.previousClose;

/** Change % with two decimals as a display number (not money). */
export const tickChangePercent = (tick: Pick<Tick, 'lastPrice' | 'previousClose'>): number =>
  tick.previousClose === 0 ? 0 : Math.round(((tick.lastPrice - tick.previousClose) * 10000) / tick.previousClose) / 100;
