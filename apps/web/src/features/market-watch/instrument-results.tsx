'use client';

import type { ReactNode } from 'react';
import type { Instrument } from '@strikedesk/domain';
import { errorMessage } from '@/lib/api/api-error.ts';
import type { InstrumentSearchState } from './use-instrument-search.ts';
import styles from './market-watch.module.css';

type InstrumentResultsProps = {
  state: InstrumentSearchState;
  /** Which found instruments to list (all when absent). */
  only?: (instrument: Instrument) => boolean;
  /** What to say when nothing is listed for the query. */
  noMatch: (query: string) => string;
  ariaLabel: string;
  testId?: string;
  resultTestId?: (instrument: Instrument) => string;
  /** The button beside each instrument. */
  action: (instrument: Instrument) => ReactNode;
};

/** What an instrument search found, one row each (name, id, kind, lot) with the caller's action. */
export function InstrumentResults({ state: { query, searching, search }, only, noMatch, ariaLabel, testId, resultTestId, action }: InstrumentResultsProps) {
  const found = only ? (search.data ?? []).filter(only) : (search.data ?? []);
  return (
    <>
      {search.isError ? (
        <p role="alert" className={styles.muted}>
          {errorMessage(search.error)}
        </p>
      ) : null}
      {searching && search.data ? (
        <ul className={styles.results} aria-label={ariaLabel} data-testid={testId}>
          {found.length === 0 ? <li className={styles.muted}>{noMatch(query)}</li> : null}
          {found.map((instrument) => (
            <li key={instrument.id} className={styles.result} data-testid={resultTestId?.(instrument)}>
              <span>
                {instrument.displayName}
                <br />
                <span className={styles.resultMeta}>
                  {instrument.id} · {instrument.kind} · lot {instrument.lotSize}
                </span>
              </span>
              {action(instrument)}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
