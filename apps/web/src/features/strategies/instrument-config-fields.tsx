'use client';

import type { StrategyConfig } from '@strikedesk/domain';
import { SegmentedControl, SelectField, TextField, type SegmentOption, type SelectOption } from '@strikedesk/ui';
import { CHAIN_UNDERLYINGS } from '../option-chain/chain-controls.tsx';
import { productOptions } from '../order-ticket/order-type-options.ts';
import { textFieldProps, type ConfigFieldsProps } from './config-field-props.ts';
import { InstrumentPicker } from './instrument-picker.tsx';
import { NTH_VALUES, type StrategyFormValues } from './strategy-form.ts';
import styles from './strategies.module.css';

const NTH_LABELS: Record<StrategyFormValues['nth'], string> = { '1': '1st — near month (NIFTY1!)', '2': '2nd — next month (NIFTY2!)', '3': '3rd — far month (NIFTY3!)' };
const nthOptions: SelectOption<StrategyFormValues['nth']>[] = NTH_VALUES.map((value) => ({ value, label: NTH_LABELS[value] }));
const contractsOptions: SelectOption<StrategyConfig['contractsAre']>[] = [
  { value: 'LOTS', label: 'Lots' },
  { value: 'UNITS', label: 'Units (lot multiples)' },
];
const sizingOptions: SelectOption<StrategyConfig['sizing']>[] = [
  { value: 'ORDER', label: "Alert's contracts" },
  { value: 'POSITION', label: "TradingView's position" },
];

/** A TradingView → single instrument strategy's target and how its alerts become orders. */
export function InstrumentTradeFields(props: ConfigFieldsProps) {
  const { form, errors, onChange, testIdPrefix: prefix } = props;
  const targetOptions: SegmentOption<StrategyFormValues['targetKind']>[] = [
    { value: 'CONTINUOUS_FUTURE', label: 'Continuous future', testId: `${prefix}-target-CONTINUOUS_FUTURE` },
    { value: 'INSTRUMENT', label: 'One instrument', testId: `${prefix}-target-INSTRUMENT` },
  ];
  const orderTypeOptions: SegmentOption<StrategyConfig['orderType']>[] = [
    { value: 'MARKET', label: 'Market', testId: `${prefix}-order-type-MARKET` },
    { value: 'LIMIT', label: 'Limit at LTP ± buffer', testId: `${prefix}-order-type-LIMIT` },
  ];
  const known: readonly string[] = CHAIN_UNDERLYINGS;
  // A version saved with another underlying keeps it on offer.
  const underlyings = known.includes(form.underlying) ? known : [...known, form.underlying];

  return (
    <>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>What it trades</legend>
        <div className={styles.span3}>
          <SegmentedControl label="Target" value={form.targetKind} options={targetOptions} onValueChange={(targetKind) => onChange({ targetKind })} />
        </div>
        {form.targetKind === 'CONTINUOUS_FUTURE' ? (
          <>
            <SelectField
              label="Underlying"
              value={form.underlying}
              options={underlyings.map((value) => ({ value, label: value }))}
              onValueChange={(underlying) => onChange({ underlying })}
              data-testid={`${prefix}-underlying`}
            />
            <SelectField label="Which future" value={form.nth} options={nthOptions} onValueChange={(nth) => onChange({ nth })} className={styles.span2} data-testid={`${prefix}-nth`} />
            {errors.underlying || errors.nth ? <p className={`${styles.error} ${styles.span3}`}>{errors.underlying ?? errors.nth}</p> : null}
          </>
        ) : (
          <InstrumentPicker
            chosenLabel={form.instrumentLabel}
            onChoose={(instrument) => onChange({ instrumentId: instrument.id, instrumentLabel: instrument.displayName })}
            error={errors.instrumentId}
            testIdPrefix={prefix}
          />
        )}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Orders</legend>
        <div className={styles.span3}>
          <SegmentedControl label="Product" value={form.product} options={productOptions(prefix)} onValueChange={(product) => onChange({ product })} />
        </div>
        <SelectField label="Alert contracts are" value={form.contractsAre} options={contractsOptions} onValueChange={(contractsAre) => onChange({ contractsAre })} />
        <TextField label="Lots when the alert has none" inputMode="numeric" {...textFieldProps(props, 'defaultLots')} />
        <SelectField label="Sizing" value={form.sizing} options={sizingOptions} onValueChange={(sizing) => onChange({ sizing })} data-testid={`${prefix}-sizing`} />
        <div className={styles.span2}>
          <SegmentedControl label="Order type" value={form.orderType} options={orderTypeOptions} onValueChange={(orderType) => onChange({ orderType })} />
        </div>
        {form.orderType === 'LIMIT' ? <TextField label="Limit buffer (%)" inputMode="decimal" hint="Price = LTP ± this, on the tick" {...textFieldProps(props, 'limitBufferPercent')} /> : null}
      </fieldset>
    </>
  );
}

/** A single-instrument strategy's own lot limits, on top of the account's. */
export function InstrumentRiskFields(props: ConfigFieldsProps) {
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Strategy risk limits (besides the account&apos;s)</legend>
      <TextField label="Max lots per order" inputMode="numeric" {...textFieldProps(props, 'maxLotsPerOrder')} />
      <TextField label="Max position (lots)" inputMode="numeric" {...textFieldProps(props, 'maxPositionLots')} />
    </fieldset>
  );
}
