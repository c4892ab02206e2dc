'use client';

import { useMemo } from 'react';
import type { PositionView } from '@strikedesk/domain';
import { DataGrid } from '@strikedesk/ui';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useLiveTicks } from '@/lib/live/use-live-ticks.ts';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { usePositions } from '@/lib/queries/use-positions.ts';
import { useAccountGreeks } from '@/lib/queries/use-account-greeks.ts';
import { GreeksSummary } from './greeks-summary.tsx';
import { positionsColumns } from './positions-columns.tsx';
import { positionRowKey, toPositionRow } from './position-row.ts';
import styles from './positions.module.css';

const EMPTY: PositionView[] = [];

export function PositionsPage() {
  const positions = usePositions();
  const views = positions.data ?? EMPTY;
  const ids = useMemo(() => views.map((view) => view.instrumentId), [views]);
  const instruments = useInstruments(ids);
  const ticks = useLiveTicks(ids);
  const greeks = useAccountGreeks();
  const greeksByKey = useMemo(() => new Map((greeks.data?.positions ?? []).map((item) => [positionRowKey(item), item])), [greeks.data]);
  const rows = useMemo(
    () =>
      views.map((view) =>
        toPositionRow(view, instruments.get(view.instrumentId), ticks.get(view.instrumentId), greeksByKey.get(positionRowKey(view))),
      ),
    [views, instruments, ticks, greeksByKey],
  );
  const columns = useMemo(() => positionsColumns(), []);

  return (
    <div className={styles.page}>
      <h1 className={styles.title}>Positions</h1>
      {positions.isError ? <p role="alert">{errorMessage(positions.error)}</p> : null}
      {positions.isPending ? (
        <p className={styles.muted}>Loading positions…</p>
      ) : (
        <DataGrid
          data={rows}
          columns={columns}
          getRowId={(row) => row.key}
          rowTestId={(row) => `position-row-${row.key}`}
          ariaLabel="Positions"
          emptyMessage="No positions. Filled orders show up here."
          testId="positions-grid"
        />
      )}
      {greeks.isError ? (
        <p className={styles.muted} role="status">
          Greeks unavailable: {errorMessage(greeks.error)}
        </p>
      ) : (
        <GreeksSummary greeks={greeks.data} />
      )}
    </div>
  );
}
