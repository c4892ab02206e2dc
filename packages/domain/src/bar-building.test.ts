import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barStartMs, foldTick, foldTrade, tradedSince, type BarTick, type BarTrade } from './bar-building.ts';
import { BAR_INTERVALS, BAR_INTERVAL_SECONDS, type Bar, type BarInterval } from './bars.ts';
import { paise } from './money.ts';
import { istDayNumber } from './trading-day.ts';
import { istAt, testBar, testBarTick } from './testing/bar-fixtures.ts';

const ist = istAt;
const trade = (clock: string, price: number, volume = 0): BarTrade => ({ timestamp: ist(clock), price: paise(price), volume });
const tick = testBarTick;
const bar = testBar;

/** Any moment from 2020 to 2035, at millisecond precision. */
const momentArbitrary = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) });
const intervalArbitrary = fc.constantFrom<BarInterval>(...BAR_INTERVALS);

describe('which bar a moment falls in (as the gateway buckets recorded ticks)', () => {
  it.each<[BarInterval, string, string]>([
    ['1m', '09:15:00', '09:15:00'],
    ['1m', '09:15:59.999', '09:15:00'],
    ['5m', '09:19:59', '09:15:00'],
    ['5m', '09:20:00', '09:20:00'],
    ['15m', '15:29:00', '15:15:00'],
    ['1h', '10:14:59', '09:15:00'],
    ['1h', '10:15:00', '10:15:00'],
    ['1h', '15:29:00', '15:15:00'],
  ])('%s bars count from the 09:15 open: %s is in the bar of %s', (interval, at, start) => {
    expect(barStartMs(ist(at), interval)).toBe(ist(start));
  });

  it.each<[BarInterval, string, string]>([
    ['1m', '09:14:30', '09:14:00'],
    ['15m', '09:05:00', '09:00:00'],
    ['1h', '08:30:00', '08:15:00'],
  ])('before the open, %s bars count backwards from 09:15: %s is in the bar of %s', (interval, at, start) => {
    expect(barStartMs(ist(at), interval)).toBe(ist(start));
  });

  it('an hourly bar just after midnight IST is the previous evening’s 23:15 bar (the always-open simulator)', () => {
    expect(barStartMs(ist('00:10:00', '2026-12-08'), '1h')).toBe(ist('23:15:00', '2026-12-07'));
  });

  it('a daily bar is the IST day, not the UTC one', () => {
    expect(barStartMs(ist('00:00:00'), '1D')).toBe(ist('00:00:00'));
    expect(barStartMs(ist('04:00:00'), '1D')).toBe(ist('00:00:00')); // still the previous UTC day
    expect(barStartMs(ist('23:59:59.999'), '1D')).toBe(ist('00:00:00'));
  });

  it('holds the moment: start ≤ moment < start + width', () => {
    fc.assert(
      fc.property(momentArbitrary, intervalArbitrary, (moment, interval) => {
        const start = barStartMs(moment, interval);
        expect(start).toBeLessThanOrEqual(moment);
        expect(moment).toBeLessThan(start + BAR_INTERVAL_SECONDS[interval] * 1000);
      }),
    );
  });

  it('is on the grid of its own start (a bar’s open is in that bar)', () => {
    fc.assert(
      fc.property(momentArbitrary, intervalArbitrary, (moment, interval) => {
        const start = barStartMs(moment, interval);
        expect(barStartMs(start, interval)).toBe(start);
      }),
    );
  });

  it('puts intraday bar opens whole widths from 09:15 IST', () => {
    fc.assert(
      fc.property(momentArbitrary, fc.constantFrom<BarInterval>('1m', '5m', '15m', '1h'), (moment, interval) => {
        const istMinuteOfDay = Math.round((barStartMs(moment, interval) / 60_000 + 330) % 1440);
        const widthMinutes = BAR_INTERVAL_SECONDS[interval] / 60;
        expect((((istMinuteOfDay - 555) % widthMinutes) + widthMinutes) % widthMinutes).toBe(0);
      }),
    );
  });
});

describe('contracts traded since the previous tick (cumulative day volume)', () => {
  it('is the rise of the cumulative count', () => {
    expect(tradedSince(tick('09:20:00', 100, 1_000), tick('09:20:01', 100, 1_650))).toBe(650);
  });

  it('counts the day’s first tick whole: none before it, or the last one was yesterday', () => {
    expect(tradedSince(undefined, tick('09:15:00', 100, 975))).toBe(975);
    expect(tradedSince(tick('15:29:59', 100, 90_000, '2026-12-04'), tick('09:15:00', 100, 975))).toBe(975);
  });

  it('counts a tick whole when the count fell (a restarted session)', () => {
    expect(tradedSince(tick('10:00:00', 100, 5_000), tick('10:00:01', 100, 130))).toBe(130);
  });
});

describe('folding a trade into the bars', () => {
  const history = [bar('09:15', 10_000, 10_100, 9_950, 10_050, 650), bar('09:16', 10_050, 10_080, 10_000, 10_020, 130)];

  it('extends the forming bar: same open, new high/low/close, volume added', () => {
    expect(foldTrade(history, trade('09:16:40', 10_200, 65), '1m').at(-1)).toEqual(bar('09:16', 10_050, 10_200, 10_000, 10_200, 195));
    expect(foldTrade(history, trade('09:16:40', 9_900, 65), '1m').at(-1)).toEqual(bar('09:16', 10_050, 10_080, 9_900, 9_900, 195));
  });

  it('opens a new bar at the trade when it falls past the forming one', () => {
    const bars = foldTrade(history, trade('09:18:05', 10_030, 65), '1m');
    expect(bars).toHaveLength(3);
    expect(bars.at(-1)).toEqual(bar('09:18', 10_030, 10_030, 10_030, 10_030, 65));
  });

  it('starts the first bar of an empty history', () => {
    expect(foldTrade([], trade('09:17:10', 10_030, 65), '5m')).toEqual([bar('09:15', 10_030, 10_030, 10_030, 10_030, 65)]);
  });

  it('keeps the closed bars themselves (a chart redraws only the last)', () => {
    const bars = foldTrade(history, trade('09:16:40', 10_200, 65), '1m');
    expect(bars[0]).toBe(history[0]);
    expect(history.at(-1)).toEqual(bar('09:16', 10_050, 10_080, 10_000, 10_020, 130)); // not mutated
  });

  it('draws nothing for a last price of 0 (no trade yet) — the candle does not dive to ₹0', () => {
    expect(foldTrade(history, trade('09:16:40', 0), '1m')).toBe(history);
    expect(foldTrade([], trade('09:16:40', 0), '1m')).toEqual([]);
  });

  it('draws nothing for a trade older than the last bar (that bar is closed history)', () => {
    expect(foldTrade(history, trade('09:15:30', 12_000, 65), '1m')).toBe(history);
  });

  it('gives the bars the server would: open first, high max, low min, close last, volume summed', () => {
    const sessionStart = ist('09:15:00');
    const tradesArbitrary = fc.array(
      fc.record({
        offsetMs: fc.integer({ min: -3_600_000, max: 8 * 3_600_000 }),
        price: fc.integer({ min: 1, max: 100_000 }).map((ticks) => paise(ticks * 5)),
        volume: fc.integer({ min: 0, max: 10_000 }),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(tradesArbitrary, intervalArbitrary, (unordered, interval) => {
        const trades = unordered.map((t) => ({ timestamp: sessionStart + t.offsetMs, price: t.price, volume: t.volume })).sort((a, b) => a.timestamp - b.timestamp);
        const folded = trades.reduce<readonly Bar[]>((bars, t) => foldTrade(bars, t, interval), []);
        expect(folded).toEqual(bucketed(trades, interval));
      }),
    );
  });
});

describe('folding live ticks (cumulative volume)', () => {
  it('adds what traded since the previous tick to the bar', () => {
    const first = tick('09:15:02', 10_000, 1_300);
    const second = tick('09:15:40', 10_010, 1_950);
    const bars = foldTick(foldTick([], first, undefined, '1m'), second, first, '1m');
    expect(bars).toEqual([bar('09:15', 10_000, 10_010, 10_000, 10_010, 1_950)]);
  });

  it('adds up a day’s bars to its cumulative volume, whatever the interval', () => {
    const dayTicks = fc
      .array(fc.record({ offsetMs: fc.integer({ min: 0, max: 6 * 3_600_000 }), price: fc.integer({ min: 1, max: 100_000 }), traded: fc.nat(5_000) }), { minLength: 1, maxLength: 50 })
      .map((raw) => {
        const sorted = [...raw].sort((a, b) => a.offsetMs - b.offsetMs);
        let cumulative = 0;
        return sorted.map((t) => {
          cumulative += t.traded;
          return { timestamp: ist('09:15:00') + t.offsetMs, lastPrice: paise(t.price), volume: cumulative };
        });
      });
    fc.assert(
      fc.property(dayTicks, intervalArbitrary, (ticks, interval) => {
        let bars: readonly Bar[] = [];
        let previous: BarTick | undefined;
        for (const t of ticks) {
          bars = foldTick(bars, t, previous, interval);
          previous = t;
        }
        expect(bars.reduce((sum, b) => sum + b.volume, 0)).toBe(ticks.at(-1)?.volume);
        expect(new Set(ticks.map((t) => istDayNumber(t.timestamp))).size).toBe(1);
      }),
    );
  });
});

/** The server's aggregation (GROUP BY bucket), written independently of the fold. */
function bucketed(trades: readonly BarTrade[], interval: BarInterval): Bar[] {
  const groups = new Map<number, BarTrade[]>();
  for (const t of trades) {
    const start = barStartMs(t.timestamp, interval);
    groups.set(start, [...(groups.get(start) ?? []), t]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([time, group]) => {
      const prices = group.map((t) => t.price);
      return {
        time,
        open: prices[0] ?? paise(0),
        high: paise(Math.max(...prices)),
        low: paise(Math.min(...prices)),
        close: prices.at(-1) ?? paise(0),
        volume: group.reduce((sum, t) => sum + t.volume, 0),
      };
    });
}
