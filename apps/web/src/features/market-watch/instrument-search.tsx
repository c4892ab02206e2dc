'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Instrument } from '@strikedesk/domain';
import { Button, TextField } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useDebouncedValue } from '@/lib/hooks/use-debounced-value.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import styles from './market-watch.module.css';

type InstrumentSearchProps = {
  watchedIds: ReadonlySet<string>;
  onAdd: (instrument: Instrument) => void;
  adding: boolean;
};

const SEARCH_DEBOUNCE_MS = 250;

export function InstrumentSearch({ watchedIds, onAdd, adding }: InstrumentSearchProps) {
  const { api } = useAuth();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const search = useQuery({
    queryKey: queryKeys.instrumentSearch(query),
    queryFn: () => api.instruments.search(query, 20),
    enabled: query.length >= 2,
    staleTime: 60_000,
  });

  return (
    <section className={styles.panel} aria-labelledby="instrument-search-title">
      <h2 id="instrument-search-title" className={styles.panelTitle}>
        Add instruments
      </h2>
      <TextField
        label="Search instruments"
        placeholder="e.g. NIFTY 24000 CE, BANKNIFTY FUT"
        type="search"
        autoComplete="off"
        value={text}
        onValueChange={setText}
        data-testid="instrument-search-input"
      />
      {search.isError ? (
        <p role="alert" className={styles.muted}>
          {errorMessage(search.error)}
        </p>
      ) : null}
      {query.length >= 2 && search.data ? (
        <ul className={styles.results} aria-label="Search results" data-testid="instrument-search-results">
          {search.data.length === 0 ? <li className={styles.muted}>No instruments match “{query}”.</li> : null}
          {search.data.map((instrument) => {
            const watched = watchedIds.has(instrument.id);
            return (
              <li key={instrument.id} className={styles.result} data-testid={`search-result-${instrument.id}`}>
                <span>
                  {instrument.displayName}
                  <br />
                  <span className={styles.resultMeta}>
                    {instrument.id} · {instrument.kind} · lot {instrument.lotSize}
                  </span>
                </span>
                <Button
                  size="small"
                  variant={watched ? 'ghost' : 'primary'}
                  disabled={watched || adding}
                  aria-label={watched ? `${instrument.displayName} is in the watchlist` : `Add ${instrument.displayName} to watchlist`}
                  onClick={() => onAdd(instrument)}
                  data-testid={`search-add-${instrument.id}`}
                >
                  {watched ? 'Added' : 'Add'}
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
