'use client';

import { useMemo } from 'react';
import type { PositionGreeksView, PositionView } from '@strikedesk/domain';
import { DataGrid } from '@strikedesk/ui';
import { useLiveTicks } from '@/lib/live/use-live-ticks.ts';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { positionsColumns } from './positions-columns.tsx';
import { positionRowKey, toPositionRow, type PositionRow } from './position-row.ts';

type PositionsTableProps = {
  views: readonly PositionView[];
  /** The engine's Greeks per net position (none for book positions). */
  greeks: readonly PositionGreeksView[];
  books: boolean;
  onSquareOff: ((row: PositionRow) => void) | null;
  emptyMessage: string;
  testId: string;
  /** Book positions: portfolio names by id. */
  portfolioNames?: ReadonlyMap<string, string>;
};

/** Positions re-marked live at every tick (exact paise arithmetic: remarkPositionView). */
export function PositionsTable({ views, greeks, books, onSquareOff, emptyMessage, testId, portfolioNames }: PositionsTableProps) {
  const ids = useMemo(() => views.map((view) => view.instrumentId), [views]);
  const instruments = useInstruments(ids);
  const ticks = useLiveTicks(ids);
  const greeksByKey = useMemo(() => new Map(greeks.map((item) => [positionRowKey(item), item])), [greeks]);
  const rows = useMemo(
    () =>
      views.map((view) =>
        toPositionRow(view, instruments.get(view.instrumentId), ticks.get(view.instrumentId), books ? undefined : greeksByKey.get(positionRowKey(view))),
      ),
    [views, instruments, ticks, greeksByKey, books],
  );
  const columns = useMemo(() => positionsColumns({ books, onSquareOff, portfolioNames }), [books, onSquareOff, portfolioNames]);
  return (
    <DataGrid
      data={rows}
      columns={columns}
      getRowId={(row) => row.key}
      rowTestId={(row) => `position-row-${row.key}`}
      ariaLabel={books ? 'Book positions' : 'Positions'}
      emptyMessage={emptyMessage}
      testId={testId}
    />
  );
}
