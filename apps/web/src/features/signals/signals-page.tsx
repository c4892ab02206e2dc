'use client';

import { useMemo, useState } from 'react';
import { SIGNAL_STATUSES, type Signal, type SignalStatus, type StrategyId } from '@strikedesk/domain';
import { Button, DataGrid, SelectField } from '@strikedesk/ui';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useSignalPages, type SignalFilter } from '@/lib/queries/use-signals.ts';
import { useStrategies } from '@/lib/queries/use-strategies.ts';
import { SignalDetail } from './signal-detail.tsx';
import { signalsColumns } from './signals-columns.tsx';
import { signalsEmptyText } from './signal-text.ts';
import layout from '../shell/layout.module.css';
import styles from './signals.module.css';

const EMPTY: Signal[] = [];
const statusOptions = [{ value: '' as const, label: 'Every status' }, ...SIGNAL_STATUSES.map((status) => ({ value: status, label: status.replaceAll('_', ' ') }))];

/** Every alert the user's strategies received, newest first, live: what came in and what became of it. */
export function SignalsPage() {
  const strategies = useStrategies();
  const [filter, setFilter] = useState<SignalFilter>({ strategyId: '', status: '' });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const pages = useSignalPages(filter);
  const signals = useMemo(() => pages.data?.pages.flat() ?? EMPTY, [pages.data]);
  const strategyOptions = useMemo(
    () => [{ value: '', label: 'Every strategy' }, ...(strategies.data ?? []).map((strategy) => ({ value: strategy.id as string, label: strategy.name }))],
    [strategies.data],
  );

  return (
    <div className={layout.page}>
      <h1 className={layout.title}>Signals</h1>
      <div className={styles.filters}>
        <SelectField
          label="Strategy"
          value={filter.strategyId as string}
          options={strategyOptions}
          onValueChange={(strategyId) => setFilter((current) => ({ ...current, strategyId: strategyId as StrategyId | '' }))}
          className={styles.filter}
          data-testid="signals-filter-strategy"
        />
        <SelectField
          label="Status"
          value={filter.status}
          options={statusOptions}
          onValueChange={(status: SignalStatus | '') => setFilter((current) => ({ ...current, status }))}
          className={styles.filter}
          data-testid="signals-filter-status"
        />
      </div>
      <div className={styles.layout}>
        <div className={styles.column}>
          {pages.isError ? <p role="alert">{errorMessage(pages.error)}</p> : null}
          {pages.isPending ? (
            <p className={layout.muted}>Loading signals…</p>
          ) : pages.isError && !pages.data ? null : (
            <DataGrid
              data={signals}
              columns={signalsColumns}
              getRowId={(signal) => signal.id}
              rowTestId={(signal) => `signal-row-${signal.id}`}
              onRowClick={(signal) => setSelectedId(signal.id)}
              selectedRowId={selectedId}
              initialSorting={[{ id: 'received', desc: true }]}
              ariaLabel="Signals"
              emptyMessage={signalsEmptyText(filter, strategies.data?.find((strategy) => strategy.id === filter.strategyId)?.name)}
              testId="signals-grid"
            />
          )}
          {pages.hasNextPage ? (
            <div>
              <Button onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage} data-testid="signals-load-older">
                {pages.isFetchingNextPage ? 'Loading…' : 'Load older'}
              </Button>
            </div>
          ) : null}
        </div>
        {selectedId ? (
          <SignalDetail key={selectedId} signalId={selectedId} />
        ) : (
          <p className={layout.muted}>Select a signal to see its timeline, the message as received and its orders.</p>
        )}
      </div>
    </div>
  );
}
