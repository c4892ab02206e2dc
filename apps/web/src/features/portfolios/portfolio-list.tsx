'use client';

import { paise, type PortfolioId, type PortfolioWithLive } from '@strikedesk/domain';
import { Button, PnlCell } from '@strikedesk/ui';
import { PortfolioStatusBadge } from './portfolio-status-badge.tsx';
import layout from '../shell/layout.module.css';
import styles from './portfolios.module.css';

type PortfolioListProps = {
  portfolios: readonly PortfolioWithLive[];
  selectedId: PortfolioId | 'new' | null;
  loading: boolean;
  canChange: boolean;
  onSelect: (id: PortfolioId) => void;
  onNew: () => void;
};

/** The trader's portfolios: name, underlying, status and live MTM while it holds positions. */
export function PortfolioList({ portfolios, selectedId, loading, canChange, onSelect, onNew }: PortfolioListProps) {
  return (
    <nav className={`${layout.panel} ${styles.sidebar}`} aria-label="Portfolios">
      {canChange ? (
        <Button variant="primary" onClick={onNew} aria-pressed={selectedId === 'new'}>
          New portfolio
        </Button>
      ) : null}
      {loading ? <p className={layout.muted}>Loading portfolios…</p> : null}
      {!loading && portfolios.length === 0 ? <p className={layout.muted}>No portfolios yet.</p> : null}
      <ul className={styles.list}>
        {portfolios.map((portfolio) => (
          <li key={portfolio.id}>
            <button
              type="button"
              className={styles.listItem}
              aria-current={selectedId === portfolio.id ? 'true' : undefined}
              onClick={() => onSelect(portfolio.id)}
              data-testid={`portfolio-item-${portfolio.id}`}
            >
              <span className={styles.listName}>{portfolio.definition.settings.name}</span>
              <span className={styles.listMeta}>
                <span className={layout.muted}>{portfolio.definition.settings.underlying}</span>
                <PortfolioStatusBadge status={portfolio.status} />
                {portfolio.live ? <PnlCell value={paise(portfolio.live.mtm)} live /> : null}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
