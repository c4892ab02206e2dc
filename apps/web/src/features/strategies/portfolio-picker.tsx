'use client';

import Link from 'next/link';
import { useId } from 'react';
import type { PortfolioWithLive } from '@strikedesk/domain';
import { SelectField } from '@strikedesk/ui';
import { portfolioHref, portfolioOptions } from './portfolio-choice.ts';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

type PortfolioPickerProps = {
  portfolios: readonly PortfolioWithLive[];
  /** '' while none is chosen. */
  value: string;
  onChoose: (portfolioId: string) => void;
  error?: string | undefined;
  testIdPrefix: string;
};

/** One of the trader's own portfolios (the gateway refuses anyone else's); none yet leads to the Portfolios screen. */
export function PortfolioPicker({ portfolios, value, onChoose, error, testIdPrefix }: PortfolioPickerProps) {
  const errorId = useId();
  if (portfolios.length === 0 && value === '') {
    return (
      <p className={`${styles.note} ${styles.span3}`} role="note" data-testid={`${testIdPrefix}-no-portfolios`}>
        You have no portfolios yet. <Link href="/portfolios">Build one first in Portfolios</Link> (its legs, entry and exit rules), then
        come back to link it.
      </p>
    );
  }
  return (
    <div className={`${layout.stack} ${styles.span3}`}>
      <SelectField
        label="Portfolio"
        value={value}
        options={portfolioOptions(portfolios, value)}
        onValueChange={onChoose}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        data-testid={`${testIdPrefix}-portfolio`}
      />
      {error ? (
        <p className={styles.error} id={errorId} role="alert">
          {error}
        </p>
      ) : null}
      {value !== '' && portfolios.some((portfolio) => portfolio.id === value) ? (
        <Link href={portfolioHref(value)} className={layout.muted}>
          Open this portfolio in Portfolios
        </Link>
      ) : null}
    </div>
  );
}
