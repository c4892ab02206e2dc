'use client';

import { useEffect, useMemo } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { StrategyId } from '@strikedesk/domain';
import { DataGrid, formatMoney, LineChart, PnlCell } from '@strikedesk/ui';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useLive } from '@/lib/live/live-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { useStrategyPerformance } from '@/lib/queries/use-strategies.ts';
import { equityPoints } from './equity-points.ts';
import { openPositionColumns, type OpenPositionRow } from './open-position-columns.tsx';
import { openPositionText, unpricedText, winRateText } from './performance-text.ts';
import { tradesColumns, type TradeRow } from './trades-columns.tsx';
import { useLiveStrategyBook } from './use-live-strategy-book.ts';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

/**
 * The strategy's own book: realized P&L of its closed round trips (first in, first out), drawdown
 * and win rate, and what it still holds marked at the live price (unrealized and total P&L).
 */
export function StrategyPerformance({ strategyId }: { strategyId: StrategyId }) {
  const performance = useStrategyPerformance(strategyId);
  const data = performance.data;
  const { socket } = useLive();
  const queryClient = useQueryClient();
  // A fill (the account's `positions` nudge) may close one of the strategy's trades.
  useEffect(() => {
    if (!socket) return;
    const onPositions = () => void queryClient.invalidateQueries({ queryKey: queryKeys.strategyPerformance(strategyId) });
    socket.on('positions', onPositions);
    return () => {
      socket.off('positions', onPositions);
    };
  }, [socket, queryClient, strategyId]);
  const instrumentIds = useMemo(() => [...(data?.trades ?? []), ...(data?.open ?? [])].map((item) => item.instrumentId), [data]);
  const instruments = useInstruments(instrumentIds);
  const names = useMemo(() => new Map([...instruments.values()].map((instrument) => [instrument.id, instrument.displayName])), [instruments]);
  const points = useMemo(() => (data ? equityPoints(data) : []), [data]);
  const rows = useMemo<TradeRow[]>(
    () => (data?.trades ?? []).map((trade, index) => ({ id: `${trade.closedAt}-${index}`, trade, instrument: instruments.get(trade.instrumentId) })),
    [data, instruments],
  );
  const marked = useLiveStrategyBook(data);
  const openRows = useMemo<OpenPositionRow[]>(
    () => (marked?.open ?? []).map((position) => ({ position, instrument: instruments.get(position.instrumentId) })),
    [marked, instruments],
  );
  const unpriced = marked ? unpricedText(marked.open, names) : null;

  return (
    <section className={`${layout.panel} ${styles.wide}`} aria-labelledby="strategy-performance-title" data-testid="strategy-performance">
      <h3 className={layout.panelTitle} id="strategy-performance-title">
        Performance
      </h3>
      {performance.isError ? (
        <p role="alert" className={styles.error}>
          {errorMessage(performance.error)}
        </p>
      ) : !data || !marked ? (
        <p className={layout.muted}>Loading performance…</p>
      ) : (
        <>
          <dl className={styles.stats}>
            <div className={styles.stat}>
              <dt>Total P&amp;L</dt>
              <dd>
                <PnlCell value={marked.totalPnl} live={marked.open.length > 0} testId="strategy-total-pnl" />
              </dd>
            </div>
            <div className={styles.stat}>
              <dt>Realized P&amp;L</dt>
              <dd>
                <PnlCell value={data.realizedPnl} testId="strategy-realized-pnl" />
              </dd>
            </div>
            <div className={styles.stat}>
              <dt>Unrealized P&amp;L</dt>
              <dd>
                <PnlCell value={marked.unrealizedPnl} live testId="strategy-unrealized-pnl" />
              </dd>
            </div>
            <div className={styles.stat}>
              <dt>Max drawdown</dt>
              <dd data-testid="strategy-max-drawdown">{formatMoney(data.maxDrawdown)}</dd>
            </div>
            <div className={styles.stat}>
              <dt>Win rate</dt>
              <dd data-testid="strategy-win-rate">{winRateText(data)}</dd>
            </div>
            <div className={styles.stat}>
              <dt>Open (units)</dt>
              <dd data-testid="strategy-open">{openPositionText(data.open, names)}</dd>
            </div>
          </dl>
          {marked.open.length > 0 ? (
            <>
              <h4 className={layout.subtitle}>Open position</h4>
              {unpriced ? (
                <p className={layout.muted} data-testid="strategy-unpriced">
                  {unpriced}
                </p>
              ) : null}
              <DataGrid
                data={openRows}
                columns={openPositionColumns}
                getRowId={(row) => row.position.instrumentId}
                ariaLabel="Open position"
                testId="strategy-open-positions"
              />
            </>
          ) : null}
          {points.length > 0 ? (
            <LineChart
              points={points}
              ariaLabel="Equity curve: realized P&L after each closed trade, in rupees"
              testId="strategy-equity-chart"
            />
          ) : (
            <p className={layout.muted}>The equity curve starts with the first closed trade.</p>
          )}
          <DataGrid
            data={rows}
            columns={tradesColumns}
            getRowId={(row) => row.id}
            initialSorting={[{ id: 'closedAt', desc: true }]}
            ariaLabel="Closed trades"
            emptyMessage="No closed trades yet."
            testId="strategy-trades"
          />
        </>
      )}
    </section>
  );
}
