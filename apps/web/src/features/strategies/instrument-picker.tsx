'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Instrument } from '@strikedesk/domain';
import { Button, TextField } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useDebouncedValue } from '@/lib/hooks/use-debounced-value.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import styles from './strategies.module.css';

type InstrumentPickerProps = {
  /** The chosen instrument's name, '' when none yet. */
  chosenLabel: string;
  onChoose: (instrument: Instrument) => void;
  error?: string | undefined;
  testIdPrefix: string;
};

const SEARCH_DEBOUNCE_MS = 250;

/** The instrument search of the market watch, choosing one tradable instrument (indices cannot be traded). */
export function InstrumentPicker({ chosenLabel, onChoose, error, testIdPrefix }: InstrumentPickerProps) {
  const { api } = useAuth();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const search = useQuery({
    queryKey: queryKeys.instrumentSearch(query),
    queryFn: () => api.instruments.search(query, 20),
    enabled: query.length >= 2,
    staleTime: 60_000,
  });
  const results = (search.data ?? []).filter((instrument) => instrument.tradable);

  return (
    <div className={styles.span3}>
      <TextField
        label={chosenLabel ? `Instrument: ${chosenLabel}` : 'Instrument'}
        placeholder="Search, e.g. NIFTY FUT, BANKNIFTY 48000 CE"
        type="search"
        autoComplete="off"
        value={text}
        onValueChange={setText}
        error={error ?? null}
        data-testid={`${testIdPrefix}-instrument-search`}
      />
      {search.isError ? <p className={styles.muted}>{errorMessage(search.error)}</p> : null}
      {query.length >= 2 && search.data ? (
        <ul className={styles.results} aria-label="Instruments found">
          {results.length === 0 ? <li className={styles.muted}>No tradable instrument matches “{query}”.</li> : null}
          {results.map((instrument) => (
            <li key={instrument.id} className={styles.result}>
              <span>
                {instrument.displayName}
                <br />
                <span className={styles.resultMeta}>
                  {instrument.id} · {instrument.kind} · lot {instrument.lotSize}
                </span>
              </span>
              <Button
                size="small"
                onClick={() => {
                  onChoose(instrument);
                  setText('');
                }}
                data-testid={`${testIdPrefix}-instrument-pick-${instrument.id}`}
              >
                Use
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
