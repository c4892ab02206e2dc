import { useEffect, useRef } from 'react';
import { CandlestickSeries, HistogramSeries, createChart, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import type { Bar } from '@strikedesk/domain';
import { candleChartChange, candlePriceFormat, toCandle, toVolume } from './candle-chart-data.ts';
import { chartDownColor, chartDownVolumeColor, chartOptions, chartUpColor, chartUpVolumeColor } from './chart-theme.ts';

type CandleChartProps = {
  /** Changing this draws the bars afresh (another instrument or interval). */
  seriesKey: string;
  /** Oldest first, one per bar open; live changes replace the last bar or append one. */
  bars: readonly Bar[];
  /** The instrument's tick size in paise: the price axis steps in it. */
  tickSize: number;
  /** Intraday bars label times on the axis; daily bars only dates. */
  intraday: boolean;
  ariaLabel: string;
  height?: number;
  testId?: string;
};

type Chart = {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  volume: ISeriesApi<'Histogram'>;
  volumeColors: { up: string; down: string };
};

/** The volume histogram's own price scale, overlaid on the bottom fifth of the chart. */
const VOLUME_SCALE_ID = 'volume';

/** Candles with a volume histogram beneath, on lightweight-charts; the forming bar is updated in place. */
export function CandleChart({ seriesKey, bars, tickSize, intraday, ariaLabel, height = 280, testId }: CandleChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<Chart | null>(null);
  /** What is on the chart now, so a live change can be drawn with `update` instead of `setData`. */
  const drawnRef = useRef<{ seriesKey: string; bars: readonly Bar[] } | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const options = chartOptions(height, { secondsVisible: false });
    // Room after the last bar, so the newest time label is not cut at the price axis.
    const chart = createChart(container, { ...options, timeScale: { ...options.timeScale, rightOffset: 4 } });
    const up = chartUpColor();
    const down = chartDownColor();
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: up,
      downColor: down,
      borderUpColor: up,
      borderDownColor: down,
      wickUpColor: up,
      wickDownColor: down,
    });
    // Candles keep clear of the volume bars drawn in the bottom fifth.
    candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.24 } });
    const volume = chart.addSeries(HistogramSeries, {
      priceScaleId: VOLUME_SCALE_ID,
      priceFormat: { type: 'volume' },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    chart.priceScale(VOLUME_SCALE_ID).applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    chartRef.current = { chart, candles, volume, volumeColors: { up: chartUpVolumeColor(), down: chartDownVolumeColor() } };
    drawnRef.current = null;
    return () => {
      chart.remove();
      chartRef.current = null;
      drawnRef.current = null;
    };
  }, [height]);

  useEffect(() => {
    chartRef.current?.candles.applyOptions({ priceFormat: candlePriceFormat(tickSize) });
  }, [tickSize, height]);

  useEffect(() => {
    chartRef.current?.chart.applyOptions({ timeScale: { timeVisible: intraday } });
  }, [intraday, height]);

  useEffect(() => {
    const current = chartRef.current;
    if (!current) return;
    const next = { seriesKey, bars };
    const change = candleChartChange(drawnRef.current, next);
    if (change.kind === 'reset') {
      current.candles.setData(bars.map(toCandle));
      current.volume.setData(bars.map((bar) => toVolume(bar, current.volumeColors)));
      // Another chart opens on its latest bars; a reloaded history keeps where the trader scrolled.
      if (drawnRef.current?.seriesKey !== seriesKey) current.chart.timeScale().scrollToRealTime();
    } else if (change.kind === 'update') {
      for (const bar of bars.slice(change.fromIndex)) {
        current.candles.update(toCandle(bar));
        current.volume.update(toVolume(bar, current.volumeColors));
      }
    }
    drawnRef.current = next;
  }, [seriesKey, bars, height]);

  return <div ref={containerRef} role="img" aria-label={ariaLabel} data-testid={testId} style={{ height, width: '100%' }} />;
}
