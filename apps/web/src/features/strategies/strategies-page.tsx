'use client';

import { useMemo, useState } from 'react';
import { canTrade, type Strategy, type StrategyId } from '@strikedesk/domain';
import { Button, DataGrid } from '@strikedesk/ui';
import { useSessionUser } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { usePortfolioNames } from '@/lib/queries/use-portfolios.ts';
import { useLatestSignalByStrategy } from '@/lib/queries/use-signals.ts';
import { useStrategies } from '@/lib/queries/use-strategies.ts';
import { NewStrategyDialog } from './new-strategy-dialog.tsx';
import { strategiesColumns, type StrategyRow } from './strategies-columns.tsx';
import { targetText } from './strategy-config-text.ts';
import { StrategyDetail } from './strategy-detail.tsx';
import layout from '../shell/layout.module.css';

const EMPTY: Strategy[] = [];

/** TradingView strategies: each has a webhook URL; its alerts become orders under its configuration. */
export function StrategiesPage() {
  const user = useSessionUser();
  const canChange = canTrade(user.role);
  const strategies = useStrategies();
  const latest = useLatestSignalByStrategy();
  const list = strategies.data ?? EMPTY;
  const instruments = useInstruments(
    useMemo(() => list.flatMap(({ config: { target } }) => (target.kind === 'INSTRUMENT' ? [target.instrumentId] : [])), [list]),
  );
  const portfolioNames = usePortfolioNames();
  const [selectedId, setSelectedId] = useState<StrategyId | null>(null);
  const [creating, setCreating] = useState(false);
  const rows = useMemo<StrategyRow[]>(
    () =>
      list.map((strategy) => {
        const { target } = strategy.config;
        const targetName =
          target.kind === 'INSTRUMENT' ? instruments.get(target.instrumentId)?.displayName : target.kind === 'PORTFOLIO' ? portfolioNames.get(target.portfolioId) : undefined;
        return { strategy, target: targetText(target, targetName), targetName, lastSignal: latest.data?.get(strategy.id) };
      }),
    [list, instruments, portfolioNames, latest.data],
  );
  const columns = useMemo(() => strategiesColumns({ canChange }), [canChange]);
  const selected = list.find((strategy) => strategy.id === selectedId) ?? null;

  return (
    <div className={layout.page}>
      <div className={layout.titleRow}>
        <h1 className={layout.title}>Strategies</h1>
        {canChange ? (
          <Button variant="primary" onClick={() => setCreating(true)} data-testid="new-strategy-button">
            New strategy
          </Button>
        ) : null}
      </div>
      <p className={layout.muted}>
        A TradingView alert posted to a strategy&apos;s webhook URL becomes an order on its instrument, or enters or exits its multi-leg
        portfolio, within its guards and risk limits; a scheduled strategy enters its portfolio at a set time of day.
        {canChange ? '' : ' Your account is view-only: you can look, not change.'}
      </p>
      {strategies.isError ? <p role="alert">{errorMessage(strategies.error)}</p> : null}
      {strategies.isPending ? (
        <p className={layout.muted}>Loading strategies…</p>
      ) : (
        <DataGrid
          data={rows}
          columns={columns}
          getRowId={(row) => row.strategy.id}
          rowTestId={(row) => `strategy-row-${row.strategy.id}`}
          onRowClick={(row) => setSelectedId(row.strategy.id)}
          selectedRowId={selectedId}
          ariaLabel="Strategies"
          emptyMessage={canChange ? 'No strategies yet: create one from a TradingView template.' : 'No strategies.'}
          testId="strategies-grid"
        />
      )}
      {selected ? (
        <StrategyDetail key={selected.id} strategy={selected} canChange={canChange} onRemoved={() => setSelectedId(null)} />
      ) : list.length > 0 ? (
        <p className={layout.muted}>Select a strategy to see its settings, alert message, versions and performance.</p>
      ) : null}
      {creating ? <NewStrategyDialog onClose={() => setCreating(false)} onCreated={setSelectedId} /> : null}
    </div>
  );
}
