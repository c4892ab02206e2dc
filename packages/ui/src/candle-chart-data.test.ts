import { describe, expect, it } from 'vitest';
import { paise, type Bar } from '@strikedesk/domain';
import { candleChartChange, candlePriceFormat, toCandle, toVolume } from './candle-chart-data.ts';

const at = Date.UTC(2026, 11, 7, 3, 45); // 09:15 IST
const bar = (minute: number, open: number, close: number, volume = 65): Bar => ({
  time: at + minute * 60_000,
  open: paise(open),
  high: paise(Math.max(open, close)),
  low: paise(Math.min(open, close)),
  close: paise(close),
  volume,
});
const history = [bar(0, 10_000, 10_050), bar(1, 10_050, 10_020)];

describe('what the candle chart redraws', () => {
  it('draws everything for the first bars and for another instrument or interval', () => {
    expect(candleChartChange(null, { seriesKey: 'A:1m', bars: history })).toEqual({ kind: 'reset' });
    expect(candleChartChange({ seriesKey: 'A:1m', bars: history }, { seriesKey: 'A:5m', bars: history })).toEqual({ kind: 'reset' });
  });

  it('updates only the forming bar when a tick changed it', () => {
    const next = [history[0] as Bar, bar(1, 10_050, 10_100)];
    expect(candleChartChange({ seriesKey: 'A:1m', bars: history }, { seriesKey: 'A:1m', bars: next })).toEqual({ kind: 'update', fromIndex: 1 });
  });

  it('updates the old forming bar and the new one when a bar opened', () => {
    const next = [...history, bar(2, 10_020, 10_020)];
    expect(candleChartChange({ seriesKey: 'A:1m', bars: history }, { seriesKey: 'A:1m', bars: next })).toEqual({ kind: 'update', fromIndex: 1 });
    expect(candleChartChange({ seriesKey: 'A:1m', bars: [] }, { seriesKey: 'A:1m', bars: [bar(0, 1, 1)] })).toEqual({ kind: 'update', fromIndex: 0 });
  });

  it('draws everything again when the history was reloaded (closed bars are other objects)', () => {
    const reloaded = history.map((b) => ({ ...b }));
    expect(candleChartChange({ seriesKey: 'A:1m', bars: history }, { seriesKey: 'A:1m', bars: reloaded })).toEqual({ kind: 'reset' });
    expect(candleChartChange({ seriesKey: 'A:1m', bars: history }, { seriesKey: 'A:1m', bars: [] })).toEqual({ kind: 'reset' });
  });

  it('does nothing for the same bars', () => {
    expect(candleChartChange({ seriesKey: 'A:1m', bars: history }, { seriesKey: 'A:1m', bars: history })).toEqual({ kind: 'unchanged' });
  });
});

describe('bars as the chart draws them', () => {
  it('are rupees at the IST-labelled time', () => {
    const candle = toCandle(bar(0, 12_345, 12_400));
    expect(candle).toEqual({ time: candle.time, open: 123.45, high: 124, low: 123.45, close: 124 });
    expect(new Date(candle.time * 1000).toISOString().slice(11, 16)).toBe('09:15');
  });

  it('colour volume as the candle rises or falls', () => {
    const colors = { up: 'green', down: 'red' };
    expect(toVolume(bar(0, 100, 105, 650), colors)).toMatchObject({ value: 650, color: 'green' });
    expect(toVolume(bar(0, 100, 100), colors).color).toBe('green');
    expect(toVolume(bar(0, 105, 100), colors).color).toBe('red');
  });

  it('step the price axis in the tick size, labelled in rupees with two decimals and Indian grouping', () => {
    const format = candlePriceFormat(5);
    expect(format).toMatchObject({ type: 'custom', minMove: 0.05 });
    expect([format.formatter(26_100), format.formatter(124_567.35), format.formatter(0.05), format.formatter(245.55 + 0.1 + 0.2)]).toEqual(['26,100.00', '1,24,567.35', '0.05', '245.85']);
  });
});
