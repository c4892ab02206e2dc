'use client';

import { useCallback, useMemo } from 'react';
import type { AccountGreeks, BookGreeks, PositionView } from '@strikedesk/domain';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { usePositionBooks } from '@/lib/queries/use-position-books.ts';
import { usePortfolioNames } from '@/lib/queries/use-portfolios.ts';
import { BookGreeksSummary } from './book-greeks-summary.tsx';
import { listState } from '../orders/list-state.ts';
import { PositionsTable } from './positions-table.tsx';
import { ListUnavailable } from '../shell/list-unavailable.tsx';
import styles from './positions.module.css';

const EMPTY: PositionView[] = [];
const bookId = (book: { strategyId: string | null; portfolioId: string | null }): string => `${book.portfolioId ?? ''}|${book.strategyId ?? ''}`;

/** What each strategy / multi-leg portfolio holds (the broker nets these into the account's positions). */
export function BookPositions({ greeks }: { greeks: AccountGreeks | undefined }) {
  const books = usePositionBooks(true);
  const portfolioNames = usePortfolioNames();
  const views = books.data ?? EMPTY;
  const instruments = useInstruments(useMemo(() => views.map((view) => view.instrumentId), [views]));
  const underlyings = useMemo(() => {
    const byBook = new Map<string, Set<string>>();
    for (const view of views) {
      const set = byBook.get(bookId(view)) ?? new Set<string>();
      set.add(instruments.get(view.instrumentId)?.underlying ?? view.instrumentId);
      byBook.set(bookId(view), set);
    }
    return byBook;
  }, [views, instruments]);
  const state = listState(books);
  const singleUnderlying = useCallback((book: BookGreeks) => (underlyings.get(bookId(book))?.size ?? 0) === 1, [underlyings]);

  return (
    <>
      {books.isError ? <p role="alert">{errorMessage(books.error)}</p> : null}
      {state === 'loading' ? (
        <p className={styles.muted}>Loading books…</p>
      ) : state === 'unavailable' ? (
        <ListUnavailable query={books} testId="book-positions-unavailable">
          The books could not be loaded.
        </ListUnavailable>
      ) : (
        <PositionsTable
          views={views}
          greeks={[]}
          books
          portfolioNames={portfolioNames}
          onSquareOff={null}
          emptyMessage="No strategy or portfolio positions. Orders placed by a strategy or portfolio are booked here as well as in the net positions."
          testId="book-positions-grid"
        />
      )}
      <BookGreeksSummary greeks={greeks} singleUnderlying={singleUnderlying} portfolioNames={portfolioNames} />
    </>
  );
}
