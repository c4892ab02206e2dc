import { useEffect, useRef } from 'react';
import { LineSeries, createChart, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import { chartTime } from './chart-time.ts';
import { chartLineColor, chartOptions } from './chart-theme.ts';

export type ChartPoint = { timeMs: number; value: number };

type LiveLineChartProps = {
  /** Changing this clears the series (e.g. another instrument was selected). */
  seriesKey: string;
  /** Latest point; appended when it is newer, replaces the last point within the same second. */
  point: ChartPoint | null;
  ariaLabel: string;
  height?: number;
  testId?: string;
};

/** A small line chart of a live value on lightweight-charts; points are appended, never re-set. */
export function LiveLineChart({ seriesKey, point, ariaLabel, height = 220, testId }: LiveLineChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const seriesRef = useRef<ISeriesApi<'Line'> | null>(null);
  const lastTimeRef = useRef<number>(0);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createChart(container, chartOptions(height, { secondsVisible: true }));
    chartRef.current = chart;
    seriesRef.current = chart.addSeries(LineSeries, { color: chartLineColor(), lineWidth: 2 });
    return () => {
      chart.remove();
      chartRef.current = null;
      seriesRef.current = null;
    };
  }, [height]);

  useEffect(() => {
    seriesRef.current?.setData([]);
    lastTimeRef.current = 0;
  }, [seriesKey]);

  useEffect(() => {
    const series = seriesRef.current;
    if (!series || !point) return;
    // Exchange time (IST) on the axis: lightweight-charts labels UTC, which read 03:45 for the open.
    const time = chartTime(point.timeMs);
    // lightweight-charts rejects points older than the last one; a late tick is simply dropped.
    if (time < lastTimeRef.current) return;
    lastTimeRef.current = time;
    series.update({ time, value: point.value });
  }, [point]);

  return <div ref={containerRef} role="img" aria-label={ariaLabel} data-testid={testId} style={{ height, width: '100%' }} />;
}
