import type { StrategyPerformance } from '@strikedesk/domain';
import type { ChartPoint } from '@strikedesk/ui';

/**
 * The equity curve as chart points in rupees: from zero when the first trade opened, then the
 * realized P&L after each closed trade. Trades closed within one second keep the last value (the
 * chart's time axis has one point per second).
 */
export function equityPoints(performance: Pick<StrategyPerformance, 'equity' | 'trades'>): ChartPoint[] {
  const points: ChartPoint[] = [];
  const first = performance.equity[0];
  if (first) {
    const firstOpen = performance.trades.reduce((earliest, trade) => Math.min(earliest, trade.openedAt), first.at);
    // At least a second before the first close, so a trade opened and closed within a second still starts at zero.
    points.push({ timeMs: Math.min(firstOpen, first.at - 1_000), value: 0 });
  }
  for (const { at, equity } of performance.equity) {
    // Paise to rupees as a float is fine here: the chart only draws it.
    const point = { timeMs: at, value: equity / 100 };
    const last = points.at(-1);
    if (last && Math.floor(last.timeMs / 1000) >= Math.floor(at / 1000)) points[points.length - 1] = { ...point, timeMs: Math.max(last.timeMs, at) };
    else points.push(point);
  }
  return points;
}
