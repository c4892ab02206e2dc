'use client';

import { CheckboxField, SelectField, TextField, type SelectOption } from '@strikedesk/ui';
import type { FieldErrors } from './form-reader.ts';
import type { MtmForm, PortfolioFormValues } from './portfolio-form.ts';
import forms from '../strategies/strategies.module.css';

type Exit = PortfolioFormValues['exit'];
type ExitSectionProps = { value: Exit; errors: FieldErrors; onChange: (change: Partial<Exit>) => void };

const unitOptions: SelectOption<MtmForm['unit']>[] = [
  { value: 'NONE', label: 'None' },
  { value: 'RUPEES', label: '₹ MTM' },
  { value: 'PERCENT_OF_PREMIUM', label: '% of premium' },
];

/** The portfolio's combined exits: on its MTM, by the clock, and how often to enter again after a stop. */
export function ExitSection({ value, errors, onChange }: ExitSectionProps) {
  const threshold = (field: 'target' | 'stopLoss', label: string) => (
    <>
      <SelectField label={`${label} in`} value={value[field].unit} options={unitOptions} onValueChange={(unit) => onChange({ [field]: { ...value[field], unit } })} />
      {value[field].unit === 'NONE' ? (
        <span className={forms.span2} />
      ) : (
        <TextField
          label={label}
          inputMode="decimal"
          value={value[field].value}
          onValueChange={(typed) => onChange({ [field]: { ...value[field], value: typed } })}
          error={errors[`exit.${field}`]}
          className={forms.span2}
        />
      )}
    </>
  );
  return (
    <fieldset className={forms.fieldset}>
      <legend className={forms.legend}>Exit (combined MTM)</legend>
      {threshold('target', 'Target')}
      {threshold('stopLoss', 'Stop loss')}
      <div className={forms.span3}>
        <CheckboxField
          label="Trail the profit"
          hint="Once MTM reaches the lock level, exit if it falls back from its peak by more than the trail."
          checked={value.trailing}
          onCheckedChange={(trailing) => onChange({ trailing })}
        />
      </div>
      {value.trailing ? (
        <>
          <TextField label="Lock profit at (₹)" inputMode="decimal" value={value.lockProfitAt} onValueChange={(lockProfitAt) => onChange({ lockProfitAt })} error={errors['exit.trailing.lockProfitAt']} />
          <TextField label="Trail by (₹)" inputMode="decimal" value={value.trailBy} onValueChange={(trailBy) => onChange({ trailBy })} error={errors['exit.trailing.trailBy']} />
          <span />
        </>
      ) : null}
      <TextField label="Exit at (IST)" placeholder="HH:MM, empty = none" value={value.exitAt} onValueChange={(exitAt) => onChange({ exitAt })} error={errors['exit.exitAt']} />
      <TextField
        label="Max re-entries"
        hint="After an exit by stop loss"
        inputMode="numeric"
        value={value.maxReentries}
        onValueChange={(maxReentries) => onChange({ maxReentries })}
        error={errors['exit.maxReentries']}
      />
    </fieldset>
  );
}
