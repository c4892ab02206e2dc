import { z } from 'zod';
import { InstrumentIdSchema } from './ids.ts';
import { PaiseSchema } from './money.ts';

/**
 * Candle intervals the terminal charts, as Kite and TradingView offer them. Intraday bars start at
 * each IST day's 09:15 open; a daily bar is an IST day (packages/db/src/timeseries.ts, ADR 0005).
 */
export const BAR_INTERVALS = ['1m', '5m', '15m', '1h', '1D'] as const;
export const BarIntervalSchema = z.enum(BAR_INTERVALS);
export type BarInterval = z.infer<typeof BarIntervalSchema>;

export const BAR_INTERVAL_SECONDS: Readonly<Record<BarInterval, number>> = { '1m': 60, '5m': 300, '15m': 900, '1h': 3_600, '1D': 86_400 };

/**
 * How far back a chart of each interval reads. Bars are built from the recorded ticks (at most one
 * per instrument and second) at read time, so a read scans every tick of its window, ~2 µs each
 * here: a live NSE feed records ~22,500 ticks a day per instrument (ten daily bars read in ~0.5 s),
 * the always-open simulator 86,400 (1.7 s for the same ten days; docs/benchmarks.md, "Chart
 * history"). Longer history needs a rollup of minute bars, not written yet.
 */
export const BAR_LOOKBACK_MS: Readonly<Record<BarInterval, number>> = {
  '1m': 1 * 86_400_000,
  '5m': 2 * 86_400_000,
  '15m': 3 * 86_400_000,
  '1h': 5 * 86_400_000,
  '1D': 10 * 86_400_000,
};

/** One OHLCV candle from recorded ticks: `time` is the bar's open (epoch ms), prices in paise. */
export const BarSchema = z.object({
  time: z.number().int(),
  open: PaiseSchema,
  high: PaiseSchema,
  low: PaiseSchema,
  close: PaiseSchema,
  /** Contracts traded within the bar (the rise of the day's cumulative volume). */
  volume: z.number().int().nonnegative(),
});
export type Bar = z.infer<typeof BarSchema>;

/** An instrument's recent bars of one interval, oldest first, up to now. */
export const BarsQuerySchema = z.object({ instrumentId: InstrumentIdSchema, interval: BarIntervalSchema });
export type BarsQuery = z.infer<typeof BarsQuerySchema>;
