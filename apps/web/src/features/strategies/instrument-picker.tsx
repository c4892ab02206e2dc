'use client';

import type { Instrument } from '@strikedesk/domain';
import { Button, TextField } from '@strikedesk/ui';
import { InstrumentResults } from '../market-watch/instrument-results.tsx';
import { useInstrumentSearch } from '../market-watch/use-instrument-search.ts';
import styles from './strategies.module.css';

type InstrumentPickerProps = {
  /** The chosen instrument's name, '' when none yet. */
  chosenLabel: string;
  onChoose: (instrument: Instrument) => void;
  error?: string | undefined;
  testIdPrefix: string;
};

/** The instrument search of the market watch, choosing one tradable instrument (indices cannot be traded). */
export function InstrumentPicker({ chosenLabel, onChoose, error, testIdPrefix }: InstrumentPickerProps) {
  const search = useInstrumentSearch();

  return (
    <div className={styles.span3}>
      <TextField
        label={chosenLabel ? `Instrument: ${chosenLabel}` : 'Instrument'}
        placeholder="Search, e.g. NIFTY FUT, BANKNIFTY 48000 CE"
        type="search"
        autoComplete="off"
        value={search.text}
        onValueChange={search.setText}
        error={error ?? null}
        data-testid={`${testIdPrefix}-instrument-search`}
      />
      <InstrumentResults
        state={search}
        only={(instrument) => instrument.tradable}
        noMatch={(query) => `No tradable instrument matches “${query}”.`}
        ariaLabel="Instruments found"
        action={(instrument) => (
          <Button
            size="small"
            onClick={() => {
              onChoose(instrument);
              search.setText('');
            }}
            data-testid={`${testIdPrefix}-instrument-pick-${instrument.id}`}
          >
            Use
          </Button>
        )}
      />
    </div>
  );
}
