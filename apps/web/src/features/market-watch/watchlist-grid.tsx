'use client';

import { useMemo } from 'react';
import type { Instrument, Side, Tick } from '@strikedesk/domain';
import { DataGrid } from '@strikedesk/ui';
import { watchlistColumns } from './watchlist-columns.tsx';
import type { WatchlistRow } from './watchlist-row.ts';

type WatchlistGridProps = {
  instruments: readonly Instrument[];
  ticks: ReadonlyMap<string, Tick>;
  selectedId: string | null;
  canTrade: boolean;
  onSelect: (instrument: Instrument) => void;
  onTrade: (instrument: Instrument, side: Side) => void;
  onRemove: (instrument: Instrument) => void;
  onAlert: (instrument: Instrument) => void;
};

export function WatchlistGrid({ instruments, ticks, selectedId, canTrade, onSelect, onTrade, onRemove, onAlert }: WatchlistGridProps) {
  const columns = useMemo(
    () => watchlistColumns({ onSelect, onTrade, onRemove, onAlert, canTrade }),
    [onSelect, onTrade, onRemove, onAlert, canTrade],
  );
  const rows = useMemo<WatchlistRow[]>(
    () => instruments.map((instrument) => ({ instrument, tick: ticks.get(instrument.id) })),
    [instruments, ticks],
  );
  return (
    <DataGrid
      data={rows}
      columns={columns}
      getRowId={(row) => row.instrument.id}
      rowTestId={(row) => `watch-row-${row.instrument.id}`}
      selectedRowId={selectedId}
      onRowClick={(row) => onSelect(row.instrument)}
      ariaLabel="Watchlist"
      emptyMessage="Your watchlist is empty. Search above to add instruments."
      testId="watchlist-grid"
    />
  );
}
