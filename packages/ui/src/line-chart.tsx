import { useEffect, useRef } from 'react';
import { LineSeries, createChart, type ISeriesApi } from 'lightweight-charts';
import { chartTime, IST_UTC_OFFSET_MINUTES } from './chart-time.ts';
import { chartLineColor, chartOptions } from './chart-theme.ts';

/** One point of a line: when (epoch ms) and the value drawn. */
export type ChartPoint = { timeMs: number; value: number };

type LineChartProps = {
  /** The whole series, oldest first, at most one point per second (lightweight-charts needs strictly rising times). */
  points: readonly ChartPoint[];
  ariaLabel: string;
  /** lightweight-charts labels its time axis in UTC: the zone to read it in (IST, 330, by default). */
  utcOffsetMinutes?: number;
  height?: number;
  testId?: string;
};

/** A line chart of a complete series (an equity curve), redrawn whenever the series changes. */
export function LineChart({ points, ariaLabel, utcOffsetMinutes = IST_UTC_OFFSET_MINUTES, height = 220, testId }: LineChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const seriesRef = useRef<ISeriesApi<'Line'> | null>(null);
  const fitRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createChart(container, chartOptions(height, { secondsVisible: false }));
    seriesRef.current = chart.addSeries(LineSeries, { color: chartLineColor(), lineWidth: 2 });
    fitRef.current = () => chart.timeScale().fitContent();
    return () => {
      chart.remove();
      seriesRef.current = null;
      fitRef.current = null;
    };
  }, [height]);

  useEffect(() => {
    seriesRef.current?.setData(points.map((point) => ({ time: chartTime(point.timeMs, utcOffsetMinutes), value: point.value })));
    fitRef.current?.();
  }, [points, utcOffsetMinutes, height]);

  return <div ref={containerRef} role="img" aria-label={ariaLabel} data-testid={testId} style={{ height, width: '100%' }} />;
}
