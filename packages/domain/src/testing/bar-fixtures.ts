import type { BarTick } from '../bar-building.ts';
import type { Bar } from '../bars.ts';
import { paise } from '../money.ts';

/** Epoch ms of an IST wall-clock time ("09:15" or "09:15:30") on `date`. */
export const istAt = (clock: string, date = '2026-12-07'): number => Date.parse(`${date}T${clock}+05:30`);

/** A candle opening at `clock` IST on 2026-12-07, prices in paise. */
export const testBar = (clock: string, open: number, high: number, low: number, close: number, volume: number): Bar => ({
  time: istAt(clock),
  open: paise(open),
  high: paise(high),
  low: paise(low),
  close: paise(close),
  volume,
});

/** A tick's price and cumulative day volume at `clock` IST. */
export const testBarTick = (clock: string, lastPrice: number, volume: number, date?: string): BarTick => ({ timestamp: istAt(clock, date), lastPrice: paise(lastPrice), volume });
