import type { CandlestickData, HistogramData, UTCTimestamp } from 'lightweight-charts';
import { formatRupees, paise, type Bar } from '@strikedesk/domain';
import { chartTime } from './chart-time.ts';

/** What the chart must do to show `next` after drawing `drawn`. */
export type CandleChartChange =
  | { kind: 'unchanged' }
  /** Draw everything again: another instrument or interval, or a reloaded history. */
  | { kind: 'reset' }
  /** The forming bar changed or a new one opened: `series.update` the bars from this index on. */
  | { kind: 'update'; fromIndex: number };

type Drawn = { seriesKey: string; bars: readonly Bar[] };

/**
 * Live ticks only ever replace the last bar or append one (`foldTrade` keeps the closed bars
 * themselves), which `series.update` draws cheaply; anything else — a new key, a refetched
 * history — is a reset (`setData`), since `update` cannot rewrite or insert older bars.
 */
export function candleChartChange(drawn: Drawn | null, next: Drawn): CandleChartChange {
  if (!drawn || drawn.seriesKey !== next.seriesKey) return { kind: 'reset' };
  if (drawn.bars === next.bars) return { kind: 'unchanged' };
  const closedCount = Math.max(0, drawn.bars.length - 1);
  const grewByAtMostOne = next.bars.length >= drawn.bars.length && next.bars.length <= drawn.bars.length + 1;
  if (!grewByAtMostOne) return { kind: 'reset' };
  for (let index = 0; index < closedCount; index += 1) {
    if (next.bars[index] !== drawn.bars[index]) return { kind: 'reset' };
  }
  return { kind: 'update', fromIndex: closedCount };
}

/** Paise to rupees as floats is fine here: the chart only draws them. Time on the IST axis. */
export const toCandle = (bar: Bar): CandlestickData<UTCTimestamp> => ({
  time: chartTime(bar.time),
  open: bar.open / 100,
  high: bar.high / 100,
  low: bar.low / 100,
  close: bar.close / 100,
});

/** A volume bar coloured as its candle: rising (close ≥ open) or falling. */
export const toVolume = (bar: Bar, colors: { up: string; down: string }): HistogramData<UTCTimestamp> => ({
  time: chartTime(bar.time),
  value: bar.volume,
  color: bar.close >= bar.open ? colors.up : colors.down,
});

/**
 * The price axis steps in the instrument's tick (₹0.05 for NSE F&O) and reads as prices do
 * elsewhere in the terminal: two decimals, Indian grouping (26,100.00, not 26100.00). The chart
 * works in rupees; the label is made from whole paise so no float residue shows.
 */
export const candlePriceFormat = (tickSizePaise: number) => ({
  type: 'custom' as const,
  minMove: tickSizePaise / 100,
  formatter: (rupees: number): string => formatRupees(paise(Math.round(rupees * 100))),
});
