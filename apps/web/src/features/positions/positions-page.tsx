'use client';

import { useCallback, useMemo, useState } from 'react';
import { canTrade, type PositionView } from '@strikedesk/domain';
import { Button, SegmentedControl } from '@strikedesk/ui';
import { useSessionUser } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useLiveTicks } from '@/lib/live/use-live-ticks.ts';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { usePositions } from '@/lib/queries/use-positions.ts';
import { useAccountGreeks } from '@/lib/queries/use-account-greeks.ts';
import { BookPositions } from './book-positions.tsx';
import { GreeksSummary } from './greeks-summary.tsx';
import { PositionsTable } from './positions-table.tsx';
import { toPositionRow, type PositionRow } from './position-row.ts';
import { SquareOffDialog } from './square-off-dialog.tsx';
import { listState } from '../orders/list-state.ts';
import { ListUnavailable } from '../shell/list-unavailable.tsx';
import layout from '../shell/layout.module.css';
import styles from './positions.module.css';

const EMPTY: PositionView[] = [];

type View = 'net' | 'books';
const VIEW_OPTIONS = [
  { value: 'net', label: 'Net positions', testId: 'positions-view-net' },
  { value: 'books', label: 'Strategy / portfolio books', testId: 'positions-view-books' },
] as const;

type SquareOffScope = { kind: 'one'; key: string } | { kind: 'all' } | null;

export function PositionsPage() {
  const user = useSessionUser();
  const [view, setView] = useState<View>('net');
  const [squareOff, setSquareOff] = useState<SquareOffScope>(null);
  const positions = usePositions();
  const views = positions.data ?? EMPTY;
  const greeks = useAccountGreeks();
  const trader = canTrade(user.role);
  const state = listState(positions);
  const onSquareOff = useCallback((row: PositionRow) => setSquareOff({ kind: 'one', key: row.key }), []);

  // For the "all" confirmation: the open positions as they stand (shared caches with the table).
  const ids = useMemo(() => views.map((item) => item.instrumentId), [views]);
  const instruments = useInstruments(ids);
  const ticks = useLiveTicks(ids);
  const openRows = useMemo(
    () => views.filter((item) => item.netQuantity !== 0).map((item) => toPositionRow(item, instruments.get(item.instrumentId), ticks.get(item.instrumentId))),
    [views, instruments, ticks],
  );

  return (
    <div className={layout.page}>
      <div className={styles.toolbar}>
        <h1 className={layout.title}>Positions</h1>
        <SegmentedControl label="Positions view" value={view} options={VIEW_OPTIONS} onValueChange={setView} testId="positions-view" />
        {trader && view === 'net' ? (
          <Button variant="danger" disabled={openRows.length === 0} onClick={() => setSquareOff({ kind: 'all' })} data-testid="square-off-all">
            Square off all
          </Button>
        ) : null}
      </div>
      {view === 'net' ? (
        <>
          {positions.isError ? <p role="alert">{errorMessage(positions.error)}</p> : null}
          {state === 'loading' ? (
            <p className={styles.muted}>Loading positions…</p>
          ) : state === 'unavailable' ? (
            <ListUnavailable query={positions} testId="positions-unavailable">
              Positions could not be loaded; what you hold is not shown.
            </ListUnavailable>
          ) : (
            <PositionsTable
              views={views}
              greeks={greeks.data?.positions ?? []}
              books={false}
              onSquareOff={trader ? onSquareOff : null}
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
        </>
      ) : (
        <BookPositions greeks={greeks.data} />
      )}
      {squareOff ? (
        <SquareOffDialog
          scope={squareOff.kind === 'all' ? { kind: 'all', rows: openRows } : { kind: 'one', row: openRows.find((row) => row.key === squareOff.key) }}
          onClose={() => setSquareOff(null)}
        />
      ) : null}
    </div>
  );
}
