'use client';

import type { Monitoring } from '@strikedesk/domain';
import { SegmentedControl, TextField, type SegmentOption } from '@strikedesk/ui';
import type { FieldErrors } from './form-reader.ts';
import type { PortfolioFormValues } from './portfolio-form.ts';
import forms from '../strategies/strategies.module.css';

type MonitoringForm = PortfolioFormValues['monitoring'];
type MonitoringSectionProps = { value: MonitoringForm; errors: FieldErrors; onChange: (change: Partial<MonitoringForm>) => void };

const modeOptions: SegmentOption<Monitoring['mode']>[] = [
  { value: 'EVERY_TICK', label: 'Every tick' },
  { value: 'INTERVAL', label: 'Every N seconds' },
  { value: 'CANDLE_CLOSE', label: 'On candle close' },
];

/** How often the exits are checked: every tick reacts fastest; candle closes ignore spikes within a candle. */
export function MonitoringSection({ value, errors, onChange }: MonitoringSectionProps) {
  return (
    <fieldset className={forms.fieldset}>
      <legend className={forms.legend}>Monitoring</legend>
      <div className={forms.span3}>
        <SegmentedControl label="Check exits" value={value.mode} options={modeOptions} onValueChange={(mode) => onChange({ mode })} />
      </div>
      {value.mode === 'INTERVAL' ? (
        <TextField
          label="Every (seconds)"
          inputMode="numeric"
          value={value.everySeconds}
          onValueChange={(everySeconds) => onChange({ everySeconds })}
          error={errors['monitoring.everySeconds']}
        />
      ) : null}
      {value.mode === 'CANDLE_CLOSE' ? (
        <TextField
          label="Candle (minutes)"
          inputMode="numeric"
          value={value.candleMinutes}
          onValueChange={(candleMinutes) => onChange({ candleMinutes })}
          error={errors['monitoring.candleMinutes']}
        />
      ) : null}
    </fieldset>
  );
}
