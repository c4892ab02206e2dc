'use client';

import type { HedgeSettings } from '@strikedesk/domain';
import { CheckboxField, SegmentedControl, TextField, type SegmentOption } from '@strikedesk/ui';
import type { FieldErrors } from './form-reader.ts';
import type { PortfolioFormValues } from './portfolio-form.ts';
import forms from '../strategies/strategies.module.css';

type Hedge = PortfolioFormValues['hedge'];
type HedgeSectionProps = { value: Hedge; errors: FieldErrors; onChange: (change: Partial<Hedge>) => void };

const instrumentOptions: SegmentOption<HedgeSettings['instrument']>[] = [
  { value: 'FUTURE', label: 'Futures' },
  { value: 'OPTION', label: 'ATM options' },
];

/** Dynamic delta hedge: trade back towards delta-neutral when the net delta leaves its band. */
export function HedgeSection({ value, errors, onChange }: HedgeSectionProps) {
  return (
    <fieldset className={forms.fieldset}>
      <legend className={forms.legend}>Delta hedge</legend>
      <div className={forms.span3}>
        <CheckboxField
          label="Hedge the net delta"
          hint="When the net delta (units of the underlying) leaves ± the band, trade to bring it back towards zero."
          checked={value.enabled}
          onCheckedChange={(enabled) => onChange({ enabled })}
        />
      </div>
      {value.enabled ? (
        <>
          <TextField label="Delta band (±units)" inputMode="decimal" value={value.deltaBand} onValueChange={(deltaBand) => onChange({ deltaBand })} error={errors['hedge.deltaBand']} />
          <TextField label="Max hedges" hint="Per entry" inputMode="numeric" value={value.maxHedges} onValueChange={(maxHedges) => onChange({ maxHedges })} error={errors['hedge.maxHedges']} />
          <span />
          <div className={forms.span3}>
            <SegmentedControl label="Hedge with" value={value.instrument} options={instrumentOptions} onValueChange={(instrument) => onChange({ instrument })} />
          </div>
        </>
      ) : null}
    </fieldset>
  );
}
