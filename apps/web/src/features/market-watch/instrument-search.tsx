'use client';

import type { Instrument } from '@strikedesk/domain';
import { Button, TextField } from '@strikedesk/ui';
import { InstrumentResults } from './instrument-results.tsx';
import { useInstrumentSearch } from './use-instrument-search.ts';
import styles from './market-watch.module.css';

type InstrumentSearchProps = {
  watchedIds: ReadonlySet<string>;
  onAdd: (instrument: Instrument) => void;
  adding: boolean;
};

export function InstrumentSearch({ watchedIds, onAdd, adding }: InstrumentSearchProps) {
  const search = useInstrumentSearch();

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
        value={search.text}
        onValueChange={search.setText}
        data-testid="instrument-search-input"
      />
      <InstrumentResults
        state={search}
        noMatch={(query) => `No instruments match “${query}”.`}
        ariaLabel="Search results"
        testId="instrument-search-results"
        resultTestId={(instrument) => `search-result-${instrument.id}`}
        action={(instrument) => {
          const watched = watchedIds.has(instrument.id);
          return (
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
          );
        }}
      />
    </section>
  );
}
