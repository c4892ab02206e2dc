'use client';

import { useMemo } from 'react';
import { istDayNumber, remarkStrategyBook, type StrategyMarkedBook, type StrategyPerformance } from '@strikedesk/domain';
import { useLiveTicks } from '@/lib/live/use-live-ticks.ts';

const NO_IDS: readonly string[] = [];

/**
 * The strategy's open position re-marked at every live tick, exactly as the engine marks it
 * (`remarkStrategyBook`): between fills — which refetch the performance — the panel's unrealized
 * and total P&L move with the market, as the positions screen's do. Null until the performance loads.
 */
export function useLiveStrategyBook(performance: StrategyPerformance | undefined): StrategyMarkedBook | null {
  const ids = useMemo(() => performance?.open.map((position) => position.instrumentId) ?? NO_IDS, [performance]);
  const ticks = useLiveTicks(ids);
  return useMemo(
    () => (performance ? remarkStrategyBook(performance, { quoteOf: (instrumentId) => ticks.get(instrumentId), today: istDayNumber(Date.now()) }) : null),
    [performance, ticks],
  );
}
