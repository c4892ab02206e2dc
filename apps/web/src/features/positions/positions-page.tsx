'use client';

import { useMemo } from 'react';
import type { PositionView } from '@strikedesk/domain';
import { DataGrid } from '@strikedesk/ui';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useLiveTicks } from '@/lib/live/use-live-ticks.ts';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { usePositions } from '@/lib/queries/use-positions.ts';
import { positionsColumns } from './positions-columns.tsx';
import { toPositionRow } from './position-row.ts';
import styles from './positions.module.css';

const EMPTY: PositionView[] = [];

export function PositionsPage() {
  const positions = usePositions();
  const views = positions.data ?? EMPTY;
  const ids = useMemo(() => views.map((view) => view.instrumentId), [views]);
  const instruments = useInstruments(ids);
  const ticks = useLiveTicks(ids);
  const rows = useMemo(
    () => views.map((view) => toPositionRow(view, instruments.get(view.instrumentId), ticks.get(view.instrumentId))),
    [views, instruments, ticks],
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
    </div>
  );
}
