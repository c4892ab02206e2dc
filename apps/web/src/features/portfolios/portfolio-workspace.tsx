'use client';

import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Portfolio, PortfolioId, PortfolioWithLive } from '@strikedesk/domain';
import { errorMessage } from '@/lib/api/api-error.ts';
import { usePortfolio } from '@/lib/queries/use-portfolios.ts';
import { LivePanel } from './live-panel.tsx';
import { PortfolioBuilder } from './portfolio-builder.tsx';
import { syncListItem } from './portfolio-cache.ts';
import { PortfolioStatusBadge } from './portfolio-status-badge.tsx';
import layout from '../shell/layout.module.css';
import styles from './portfolios.module.css';

type PortfolioWorkspaceProps = {
  /** Null: a new portfolio. */
  portfolioId: PortfolioId | null;
  /** The list's copy, shown until the portfolio's own detail has loaded. */
  listed: PortfolioWithLive | undefined;
  canChange: boolean;
  onSaved: (portfolio: Portfolio) => void;
  onRemoved: () => void;
};

/** The selected portfolio: its status, the builder, and (once the engine has worked on it) the live panel. */
export function PortfolioWorkspace({ portfolioId, listed, canChange, onSaved, onRemoved }: PortfolioWorkspaceProps) {
  const detail = usePortfolio(portfolioId);
  const queryClient = useQueryClient();
  useEffect(() => {
    if (detail.data) syncListItem(queryClient, detail.data);
  }, [queryClient, detail.data]);
  const portfolio = detail.data?.portfolio ?? listed ?? null;
  const live = detail.data?.live ?? listed?.live ?? null;

  if (portfolioId !== null && !portfolio) {
    return <p className={layout.muted}>{detail.isError ? errorMessage(detail.error) : 'Loading the portfolio…'}</p>;
  }
  return (
    <div className={styles.workspace} data-testid="portfolio-workspace">
      <div className={layout.cluster}>
        <h2 className={layout.title}>{portfolio ? portfolio.definition.settings.name : 'New portfolio'}</h2>
        {portfolio ? <PortfolioStatusBadge status={portfolio.status} testId="portfolio-status" title={portfolio.statusReason ?? undefined} /> : null}
        {portfolio?.statusReason ? (
          <span className={layout.muted} data-testid="portfolio-status-reason">
            {portfolio.statusReason}
          </span>
        ) : null}
      </div>
      {detail.isError && portfolio ? (
        <p role="alert" className={layout.error}>
          {errorMessage(detail.error)}
        </p>
      ) : null}
      <PortfolioBuilder
        // Keyed by version: after a save the form starts from what is now saved.
        key={portfolio ? `${portfolio.id}:${portfolio.version}` : 'new'}
        portfolio={portfolio}
        live={live}
        canChange={canChange}
        onSaved={onSaved}
        onRemoved={onRemoved}
      >
        {portfolio && portfolio.status !== 'DRAFT' ? <LivePanel portfolio={portfolio} live={live} actions={detail.data?.actions ?? []} /> : null}
      </PortfolioBuilder>
    </div>
  );
}
