'use client';

import type { AccountGreeks, BookGreeks } from '@strikedesk/domain';
import { SummaryHeader, SummaryRow } from './greeks-summary.tsx';
import { bookNameOf } from './position-row.ts';
import styles from './positions.module.css';

/** Greeks per strategy / portfolio book (estimates, live); unattributed positions count in the account total only. */
type BookGreeksSummaryProps = {
  greeks: AccountGreeks | undefined;
  /** Lots add up within one underlying only (one lot size): false hides a book's lot total. */
  singleUnderlying: (book: BookGreeks) => boolean;
  portfolioNames?: ReadonlyMap<string, string>;
};

export function BookGreeksSummary({ greeks, singleUnderlying, portfolioNames }: BookGreeksSummaryProps) {
  const books = greeks?.byBook ?? [];
  return (
    <section className={styles.summary} aria-label="Greeks per book" data-testid="book-greeks-summary">
      <h2 className={styles.subtitle}>Greeks per book (estimates)</h2>
      {books.length === 0 ? (
        <p className={styles.muted}>No strategy or portfolio holds a position.</p>
      ) : (
        <table className={styles.summaryTable}>
          <SummaryHeader label="Book" />
          <tbody>
            {books.map((book) => {
              const testId = `book-greeks-${book.portfolioId ?? ''}|${book.strategyId ?? ''}`;
              return <SummaryRow key={testId} label={bookNameOf(book, portfolioNames) ?? 'Unattributed'} totals={book} testId={testId} showLots={singleUnderlying(book)} />;
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
