'use client';

import { useState } from 'react';
import { canTrade, type PortfolioId, type PortfolioWithLive } from '@strikedesk/domain';
import { useSessionUser } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { usePortfolios } from '@/lib/queries/use-portfolios.ts';
import { PortfolioList } from './portfolio-list.tsx';
import { PortfolioWorkspace } from './portfolio-workspace.tsx';
import layout from '../shell/layout.module.css';
import styles from './portfolios.module.css';

const EMPTY: PortfolioWithLive[] = [];

/** Multi-leg portfolios: build from templates or leg by leg, see the payoff, then let the engine enter, watch and exit. */
export function PortfoliosPage() {
  const user = useSessionUser();
  const canChange = canTrade(user.role);
  const portfolios = usePortfolios();
  const list = portfolios.data ?? EMPTY;
  const [selected, setSelected] = useState<PortfolioId | 'new' | null>(null);
  // A fresh builder every time "New portfolio" is pressed, even when one is already open.
  const [newCount, setNewCount] = useState(0);

  return (
    <div className={layout.page}>
      <h1 className={layout.title}>Portfolios</h1>
      {portfolios.isError ? (
        <p role="alert" className={layout.error}>
          {errorMessage(portfolios.error)}
        </p>
      ) : null}
      <div className={styles.screen}>
        <PortfolioList
          portfolios={list}
          selectedId={selected}
          loading={portfolios.isPending}
          canChange={canChange}
          onSelect={setSelected}
          onNew={() => {
            setSelected('new');
            setNewCount((count) => count + 1);
          }}
        />
        {selected === null ? (
          <p className={layout.muted}>
            {canChange ? 'Select a portfolio, or start a new one from a template.' : 'Select a portfolio to see its legs, payoff and journal.'}
          </p>
        ) : (
          <PortfolioWorkspace
            key={selected === 'new' ? `new-${newCount}` : selected}
            portfolioId={selected === 'new' ? null : selected}
            listed={list.find((item) => item.id === selected)}
            canChange={canChange}
            onSaved={(portfolio) => setSelected(portfolio.id)}
            onRemoved={() => setSelected(null)}
          />
        )}
      </div>
    </div>
  );
}
