'use client';

import { SegmentedControl, SelectField, TextField } from '@strikedesk/ui';
import { CHAIN_UNDERLYINGS } from '../option-chain/chain-controls.tsx';
import { productOptions } from '../order-ticket/order-type-options.ts';
import type { FieldErrors } from './form-reader.ts';
import { expiryOptions } from './form-options.ts';
import type { PortfolioFormValues } from './portfolio-form.ts';
import forms from '../strategies/strategies.module.css';

type Settings = PortfolioFormValues['settings'];
type SettingsSectionProps = { value: Settings; errors: FieldErrors; onChange: (change: Partial<Settings>) => void };

/** Name, what it trades and how big: the rest of the builder reads these. */
export function SettingsSection({ value, errors, onChange }: SettingsSectionProps) {
  const known: readonly string[] = CHAIN_UNDERLYINGS;
  // A portfolio saved on another underlying keeps it on offer.
  const underlyings = known.includes(value.underlying) ? known : [...known, value.underlying];
  return (
    <fieldset className={forms.fieldset}>
      <legend className={forms.legend}>Portfolio</legend>
      <TextField
        label="Name"
        value={value.name}
        onValueChange={(name) => onChange({ name })}
        error={errors['settings.name']}
        maxLength={60}
        className={forms.span2}
        data-testid="portfolio-name"
      />
      <TextField label="Strategy tag" value={value.strategyTag} onValueChange={(strategyTag) => onChange({ strategyTag })} error={errors['settings.strategyTag']} maxLength={30} />
      <SelectField
        label="Underlying"
        value={value.underlying}
        options={underlyings.map((item) => ({ value: item, label: item }))}
        onValueChange={(underlying) => onChange({ underlying })}
      />
      <SelectField label="Expiry" value={value.expiry} options={expiryOptions} onValueChange={(expiry) => onChange({ expiry })} />
      <TextField label="Lot multiplier" inputMode="numeric" value={value.lotMultiplier} onValueChange={(lotMultiplier) => onChange({ lotMultiplier })} error={errors['settings.lotMultiplier']} />
      <div className={forms.span3}>
        <SegmentedControl label="Product" value={value.product} options={productOptions('portfolio')} onValueChange={(product) => onChange({ product })} />
      </div>
    </fieldset>
  );
}
