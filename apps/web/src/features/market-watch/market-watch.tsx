'use client';

import { useCallback, useMemo, useState } from 'react';
import { canTrade, type Instrument, type Side } from '@strikedesk/domain';
import { useSessionUser } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useLiveTicks } from '@/lib/live/use-live-ticks.ts';
import { useWatchlist, useWatchlistMutations } from '@/lib/queries/use-watchlist.ts';
import { useOrderTicket } from '../order-ticket/order-ticket-context.tsx';
import { InstrumentSearch } from './instrument-search.tsx';
import { ChartPanel } from './chart-panel.tsx';
import { WatchlistGrid } from './watchlist-grid.tsx';
import { PriceAlertDialog } from '../alerts/price-alert-dialog.tsx';
import { PriceAlertsPanel } from '../alerts/price-alerts-panel.tsx';
import { listState } from '../orders/list-state.ts';
import { ListUnavailable } from '../shell/list-unavailable.tsx';
import styles from './market-watch.module.css';

const EMPTY: Instrument[] = [];

export function MarketWatch() {
  const user = useSessionUser();
  const watchlist = useWatchlist();
  const { add, remove } = useWatchlistMutations();
  const ticket = useOrderTicket();
  const instruments = watchlist.data ?? EMPTY;
  const ids = useMemo(() => instruments.map((instrument) => instrument.id), [instruments]);
  const watchedIds = useMemo(() => new Set<string>(ids), [ids]);
  const ticks = useLiveTicks(ids);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const state = listState(watchlist);
  const selected = instruments.find((instrument) => instrument.id === selectedId) ?? instruments[0] ?? null;

  const onSelect = useCallback((instrument: Instrument) => setSelectedId(instrument.id), []);
  const onTrade = useCallback((instrument: Instrument, side: Side) => ticket.open(instrument, side), [ticket]);
  const removeMutate = remove.mutate;
  const onRemove = useCallback((instrument: Instrument) => removeMutate(instrument.id), [removeMutate]);
  const [alerting, setAlerting] = useState<Instrument | null>(null);
  const onAlert = useCallback((instrument: Instrument) => setAlerting(instrument), []);

  return (
    <div className={styles.layout}>
      <div className={styles.column}>
        <InstrumentSearch watchedIds={watchedIds} adding={add.isPending} onAdd={(instrument) => add.mutate(instrument.id)} />
        <section aria-labelledby="watchlist-title" className={styles.column}>
          <h1 id="watchlist-title" className={styles.panelTitle}>
            Watchlist
          </h1>
          {watchlist.isError ? <p role="alert">{errorMessage(watchlist.error)}</p> : null}
          {state === 'loading' ? (
            <p className={styles.muted}>Loading watchlist…</p>
          ) : state === 'unavailable' ? (
            // Never the empty list's "Search above to add instruments" over a failed read: the trader's list is not empty.
            <ListUnavailable query={watchlist} testId="watchlist-unavailable">
              The watchlist could not be loaded.
            </ListUnavailable>
          ) : (
            <WatchlistGrid
              instruments={instruments}
              ticks={ticks}
              selectedId={selected?.id ?? null}
              canTrade={canTrade(user.role)}
              onSelect={onSelect}
              onTrade={onTrade}
              onRemove={onRemove}
              onAlert={onAlert}
            />
          )}
        </section>
        <PriceAlertsPanel />
      </div>
      {alerting ? <PriceAlertDialog instrument={alerting} onClose={() => setAlerting(null)} /> : null}
      <ChartPanel instrument={selected} onTrade={onTrade} />
    </div>
  );
}
