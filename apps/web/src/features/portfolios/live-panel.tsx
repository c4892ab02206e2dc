'use client';

import { useMemo, type ReactNode } from 'react';
import { paise, type Portfolio, type PortfolioAction, type PortfolioLive } from '@strikedesk/domain';
import { DataGrid, formatMoney, PnlCell } from '@strikedesk/ui';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { ActionJournal } from './action-journal.tsx';
import { liveLegsColumns, type LiveLegRow } from './live-legs-columns.tsx';
import layout from '../shell/layout.module.css';
import styles from './portfolios.module.css';

type LivePanelProps = { portfolio: Portfolio; live: PortfolioLive | null; actions: readonly PortfolioAction[] };

const EMPTY_LEGS: PortfolioLive['legs'] = [];

/** A portfolio the engine has worked on: its MTM and positions now, and the journal of what it did. */
export function LivePanel({ portfolio, live, actions }: LivePanelProps) {
  const legs = live?.legs ?? EMPTY_LEGS;
  const instruments = useInstruments(useMemo(() => legs.map((leg) => leg.instrumentId), [legs]));
  const rows = useMemo<LiveLegRow[]>(
    () => legs.map((leg) => ({ ...leg, name: instruments.get(leg.instrumentId)?.displayName ?? leg.instrumentId })),
    [legs, instruments],
  );
  const flat = legs.every((leg) => leg.netQuantity === 0);
  const figures: [label: string, value: ReactNode][] = [
    ['MTM', live ? <PnlCell value={paise(live.mtm)} live testId="portfolio-mtm" /> : '—'],
    ['Peak MTM', live?.peakMtm == null ? '—' : formatMoney(paise(live.peakMtm), { sign: true })],
    ['Net delta (units)', live?.netDelta == null ? '—' : live.netDelta.toFixed(1)],
    ['Entries', String(portfolio.runtime.entries)],
  ];

  return (
    <section className={layout.panel} aria-labelledby="portfolio-live-title" data-testid="portfolio-live">
      <h3 className={layout.panelTitle} id="portfolio-live-title">
        Live
      </h3>
      <dl className={styles.figures}>
        {figures.map(([label, value]) => (
          <div key={label} className={styles.figure}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {legs.length > 0 ? (
        <DataGrid
          data={rows}
          columns={liveLegsColumns}
          getRowId={(row) => row.instrumentId}
          ariaLabel="Portfolio positions"
          testId="portfolio-live-legs"
        />
      ) : null}
      <p className={layout.muted} role="status" data-testid="portfolio-flat">
        {flat ? 'Flat: the portfolio holds no open position.' : `${legs.filter((leg) => leg.netQuantity !== 0).length} open legs.`}
      </p>
      <h4 className={layout.subtitle}>Action journal</h4>
      <ActionJournal actions={actions} />
    </section>
  );
}
