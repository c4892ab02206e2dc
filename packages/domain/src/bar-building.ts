import { BAR_INTERVAL_SECONDS, type Bar, type BarInterval } from './bars.ts';
import type { Paise } from './money.ts';
import type { Tick } from './market.ts';
import { istDayNumber, istDayStart } from './trading-day.ts';

/** NSE's normal open, 09:15 IST, as an offset into the IST day. */
const SESSION_OPEN_OFFSET_MS = (9 * 60 + 15) * 60_000;
const DAY_MS = 86_400_000;
/** A Monday 00:00 IST: daily and longer bars are IST days, weeks from Monday (as the server's `date_bin` origin). */
const IST_MONDAY_ORIGIN_MS = Date.UTC(1970, 0, 4, 18, 30);

const floorToWidth = (timestampMs: number, originMs: number, widthMs: number): number =>
  originMs + widthMs * Math.floor((timestampMs - originMs) / widthMs);

/**
 * The open (epoch ms) of the bar a moment falls in — exactly as the gateway buckets recorded ticks
 * (packages/db/src/timeseries.ts `bucketExpression`), or a live candle would split from its history:
 * - intraday bars count from the moment's own IST day's 09:15 open, in whole widths (a moment
 *   before 09:15 falls in a bar counted backwards: 09:14 on 1m, 09:00 on 15m, 08:15 on 1h);
 * - daily and longer bars start at 00:00 IST.
 */
export function barStartMs(timestampMs: number, interval: BarInterval): number {
  const widthMs = BAR_INTERVAL_SECONDS[interval] * 1000;
  if (widthMs >= DAY_MS) return floorToWidth(timestampMs, IST_MONDAY_ORIGIN_MS, widthMs);
  const sessionOpenMs = istDayStart(istDayNumber(timestampMs)) + SESSION_OPEN_OFFSET_MS;
  return floorToWidth(timestampMs, sessionOpenMs, widthMs);
}

/** What of a tick builds bars: its time, its last traded price and the day's cumulative volume. */
export type BarTick = Pick<Tick, 'timestamp' | 'lastPrice' | 'volume'>;

/**
 * Contracts traded between two ticks: a tick carries the day's *cumulative* volume, so it is the
 * rise since the previous tick. The day's first tick — none before it, a new IST day, or a count
 * that fell (a restarted session) — counts whole, so a day's bars add up to its volume (the server
 * measures it the same way).
 */
export function tradedSince(previous: Pick<Tick, 'timestamp' | 'volume'> | undefined, tick: Pick<Tick, 'timestamp' | 'volume'>): number {
  if (!previous || istDayNumber(previous.timestamp) !== istDayNumber(tick.timestamp) || tick.volume < previous.volume) return tick.volume;
  return tick.volume - previous.volume;
}

/** A trade to draw: when, at what price, and how many contracts it adds to its bar. */
export type BarTrade = { timestamp: number; price: Paise; volume: number };

/**
 * The bars with one more trade folded in: it extends the forming (last) bar, or opens a new bar
 * when it falls past it. Returns the same array when the trade is not drawn:
 * - a price ≤ 0 is no trade yet (feeds send 0 for a contract that has not traded), not a price;
 * - a trade older than the last bar cannot be drawn (the history already closed that bar).
 * Only the last bar is replaced: the bars before keep their identity (a chart updates just the last).
 */
export function foldTrade(bars: readonly Bar[], trade: BarTrade, interval: BarInterval): readonly Bar[] {
  if (trade.price <= 0) return bars;
  const time = barStartMs(trade.timestamp, interval);
  const last = bars.at(-1);
  if (last && time < last.time) return bars;
  if (last && time === last.time) {
    const extended: Bar = {
      time,
      open: last.open,
      high: trade.price > last.high ? trade.price : last.high,
      low: trade.price < last.low ? trade.price : last.low,
      close: trade.price,
      volume: last.volume + trade.volume,
    };
    return [...bars.slice(0, -1), extended];
  }
  return [...bars, { time, open: trade.price, high: trade.price, low: trade.price, close: trade.price, volume: trade.volume }];
}

/**
 * A live tick folded into the bars, its volume measured against the tick before it (`tradedSince`).
 * Ticks without a trade (last price ≤ 0) and ticks older than the last bar leave the bars as they are.
 */
export function foldTick(bars: readonly Bar[], tick: BarTick, previousTick: BarTick | undefined, interval: BarInterval): readonly Bar[] {
  return foldTrade(bars, { timestamp: tick.timestamp, price: tick.lastPrice, volume: tradedSince(previousTick, tick) }, interval);
}
