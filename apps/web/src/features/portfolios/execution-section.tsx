'use client';

import type { ExecutionSettings } from '@strikedesk/domain';
import { CheckboxField, SegmentedControl, SelectField, TextField, type SegmentOption, type SelectOption } from '@strikedesk/ui';
import type { FieldErrors } from './form-reader.ts';
import type { PortfolioFormValues } from './portfolio-form.ts';
import forms from '../strategies/strategies.module.css';

type Execution = PortfolioFormValues['execution'];
type ExecutionSectionProps = { value: Execution; errors: FieldErrors; onChange: (change: Partial<Execution>) => void };

const legOrderOptions: SegmentOption<ExecutionSettings['legOrder']>[] = [
  { value: 'BUY_FIRST', label: 'Buy legs first' },
  { value: 'AS_LISTED', label: 'As listed' },
];
const orderTypeOptions: SegmentOption<ExecutionSettings['orderType']>[] = [
  { value: 'MARKET', label: 'Market with protection' },
  { value: 'LIMIT', label: 'Limit at LTP ± buffer' },
];
const failureOptions: SelectOption<ExecutionSettings['onLegFailure']>[] = [
  { value: 'UNWIND', label: 'Unwind the legs already done' },
  { value: 'COMPLETE', label: 'Keep trying to complete' },
];

/** How the basket goes to the market: leg order, pricing, retries and what a failed leg means. */
export function ExecutionSection({ value, errors, onChange }: ExecutionSectionProps) {
  const text = (field: 'marketProtectionPercent' | 'limitBufferPercent' | 'repriceAfterSeconds' | 'maxReprices' | 'maxRetries') => ({
    value: value[field],
    onValueChange: (typed: string) => onChange({ [field]: typed }),
    error: errors[`execution.${field}`],
    inputMode: 'decimal' as const,
  });
  return (
    <fieldset className={forms.fieldset}>
      <legend className={forms.legend}>Execution</legend>
      <div className={forms.span3}>
        <SegmentedControl label="Leg order" value={value.legOrder} options={legOrderOptions} onValueChange={(legOrder) => onChange({ legOrder })} />
      </div>
      <div className={forms.span3}>
        <SegmentedControl label="Order type" value={value.orderType} options={orderTypeOptions} onValueChange={(orderType) => onChange({ orderType })} />
      </div>
      {value.orderType === 'MARKET' ? (
        <TextField label="Market protection (%)" hint="Never fills beyond the touch ± this" {...text('marketProtectionPercent')} />
      ) : (
        <>
          <TextField label="Limit buffer (%)" hint="LTP ± this" {...text('limitBufferPercent')} />
          <TextField label="Reprice after (s)" {...text('repriceAfterSeconds')} />
          <TextField label="Max reprices" {...text('maxReprices')} />
        </>
      )}
      <TextField label="Max retries" hint="After a rejected leg order" {...text('maxRetries')} />
      <SelectField label="If a leg fails" value={value.onLegFailure} options={failureOptions} onValueChange={(onLegFailure) => onChange({ onLegFailure })} className={forms.span2} />
      <div className={forms.span3}>
        <CheckboxField
          label="Stop losses rest at the broker"
          hint="An SL-M order at the broker for every leg with a stop loss."
          checked={value.stopLossAtBroker}
          onCheckedChange={(stopLossAtBroker) => onChange({ stopLossAtBroker })}
        />
      </div>
    </fieldset>
  );
}
