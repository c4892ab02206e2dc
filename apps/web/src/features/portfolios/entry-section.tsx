'use client';

import type { EntryRule } from '@strikedesk/domain';
import { Button, SegmentedControl, SelectField, TextField, type SegmentOption, type SelectOption } from '@strikedesk/ui';
import type { FieldErrors } from './form-reader.ts';
import type { ConditionForm, PortfolioFormValues } from './portfolio-form.ts';
import forms from '../strategies/strategies.module.css';

type Entry = PortfolioFormValues['entry'];
type RangeRule = Extract<EntryRule, { kind: 'RANGE_BREAKOUT' }>;
type EntrySectionProps = { value: Entry; errors: FieldErrors; onChange: (change: Partial<Entry>) => void };

const MAX_CONDITIONS = 4;

const ruleOptions: SegmentOption<EntryRule['kind']>[] = [
  { value: 'IMMEDIATE', label: 'Immediately' },
  { value: 'AT_TIME', label: 'At a time' },
  { value: 'RANGE_BREAKOUT', label: 'Range breakout' },
];
const sourceOptions: SelectOption<RangeRule['source']>[] = [
  { value: 'UNDERLYING', label: 'Underlying' },
  { value: 'COMBINED_PREMIUM', label: 'Combined premium' },
];
const directionOptions: SegmentOption<RangeRule['direction']>[] = [
  { value: 'UP', label: 'Up' },
  { value: 'DOWN', label: 'Down' },
  { value: 'EITHER', label: 'Either' },
];
const conditionOptions: SelectOption<ConditionForm['kind']>[] = [
  { value: 'UNDERLYING_ABOVE', label: 'Underlying above' },
  { value: 'UNDERLYING_BELOW', label: 'Underlying below' },
];

/** When the armed portfolio enters, and what must also hold at that moment. */
export function EntrySection({ value, errors, onChange }: EntrySectionProps) {
  const { conditions } = value;
  const setCondition = (index: number, change: Partial<ConditionForm>) =>
    onChange({ conditions: conditions.map((condition, at) => (at === index ? { ...condition, ...change } : condition)) });
  return (
    <fieldset className={forms.fieldset}>
      <legend className={forms.legend}>Entry</legend>
      <div className={forms.span3}>
        <SegmentedControl label="Entry" value={value.rule} options={ruleOptions} onValueChange={(rule) => onChange({ rule })} />
      </div>
      {value.rule === 'AT_TIME' ? (
        <TextField label="Enter at (IST)" placeholder="HH:MM" value={value.time} onValueChange={(time) => onChange({ time })} error={errors['entry.rule.time']} />
      ) : null}
      {value.rule === 'RANGE_BREAKOUT' ? (
        <>
          <SelectField label="Range of" value={value.source} options={sourceOptions} onValueChange={(source) => onChange({ source })} />
          <TextField label="Window from (IST)" placeholder="HH:MM" value={value.windowStart} onValueChange={(windowStart) => onChange({ windowStart })} error={errors['entry.rule.windowStart']} />
          <TextField label="Window until (IST)" placeholder="HH:MM" value={value.windowEnd} onValueChange={(windowEnd) => onChange({ windowEnd })} error={errors['entry.rule.windowEnd']} />
          <div className={forms.span3}>
            <SegmentedControl label="Breakout direction" value={value.direction} options={directionOptions} onValueChange={(direction) => onChange({ direction })} />
          </div>
        </>
      ) : null}
      {conditions.map((condition, index) => (
        <div key={index} className={`${forms.span3} ${forms.row}`} role="group" aria-label={`Entry condition ${index + 1}`}>
          <SelectField label="Only if" value={condition.kind} options={conditionOptions} onValueChange={(kind) => setCondition(index, { kind })} />
          <TextField
            label="Level (₹)"
            inputMode="decimal"
            value={condition.level}
            onValueChange={(level) => setCondition(index, { level })}
            error={errors[`entry.conditions.${index}`]}
          />
          <Button size="small" onClick={() => onChange({ conditions: conditions.filter((_, at) => at !== index) })}>
            Remove condition
          </Button>
        </div>
      ))}
      <div className={forms.span3}>
        <Button
          size="small"
          disabled={conditions.length >= MAX_CONDITIONS}
          onClick={() => onChange({ conditions: [...conditions, { kind: 'UNDERLYING_ABOVE', level: '' }] })}
        >
          Add condition
        </Button>
      </div>
    </fieldset>
  );
}
