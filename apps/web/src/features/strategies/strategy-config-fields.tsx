'use client';

import type { StrategyConfig, StrategyTarget } from '@strikedesk/domain';
import { CheckboxField, SegmentedControl, SelectField, TextField, type SegmentOption, type SelectOption } from '@strikedesk/ui';
import { CHAIN_UNDERLYINGS } from '../option-chain/chain-controls.tsx';
import { productOptions } from '../order-ticket/order-type-options.ts';
import { InstrumentPicker } from './instrument-picker.tsx';
import { NTH_VALUES, onlyTradingViewIps, TRADINGVIEW_IPS_TEXT, type StrategyFormErrors, type StrategyFormValues } from './strategy-form.ts';
import styles from './strategies.module.css';

type StrategyConfigFieldsProps = {
  form: StrategyFormValues;
  errors: StrategyFormErrors;
  onChange: (change: Partial<StrategyFormValues>) => void;
  testIdPrefix: string;
};

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

/** The configuration of a TradingView → single instrument strategy: the new-strategy dialog and the editor share it. */
export function StrategyConfigFields({ form, errors, onChange, testIdPrefix: prefix }: StrategyConfigFieldsProps) {
  const targetOptions: SegmentOption<StrategyTarget['kind']>[] = [
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
  const text = (field: keyof StrategyFormValues) => ({
    value: String(form[field]),
    onValueChange: (value: string) => onChange({ [field]: value }),
    error: errors[field] ?? null,
    'data-testid': `${prefix}-${field}`,
  });

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
        <TextField label="Lots when the alert has none" inputMode="numeric" {...text('defaultLots')} />
        <SelectField label="Sizing" value={form.sizing} options={sizingOptions} onValueChange={(sizing) => onChange({ sizing })} data-testid={`${prefix}-sizing`} />
        <div className={styles.span2}>
          <SegmentedControl label="Order type" value={form.orderType} options={orderTypeOptions} onValueChange={(orderType) => onChange({ orderType })} />
        </div>
        {form.orderType === 'LIMIT' ? <TextField label="Limit buffer (%)" inputMode="decimal" hint="Price = LTP ± this, on the tick" {...text('limitBufferPercent')} /> : null}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Guards (checked on every alert)</legend>
        <TextField label="Alerts per minute" inputMode="numeric" {...text('maxSignalsPerMinute')} />
        <TextField label="Alerts per day" inputMode="numeric" {...text('maxSignalsPerDay')} />
        <span />
        <TextField label="Accept from (IST)" placeholder="HH:MM" {...text('windowStart')} />
        <TextField label="Until (IST)" placeholder="HH:MM, 24:00 = midnight" {...text('windowEnd')} />
        <span />
        <div className={styles.span3}>
          <CheckboxField
            label="Only TradingView's addresses"
            hint="Refuses alerts from anywhere but TradingView's webhook servers."
            checked={onlyTradingViewIps(form.allowedIps)}
            onCheckedChange={(checked) => onChange({ allowedIps: checked ? TRADINGVIEW_IPS_TEXT : '' })}
            data-testid={`${prefix}-tradingview-ips`}
          />
        </div>
        <TextField label="Allowed IPs" placeholder="Any address" hint="Comma-separated; empty = any" className={styles.span3} {...text('allowedIps')} />
        <TextField
          label="Ticker aliases"
          placeholder="e.g. NIFTY1!=NFO:NIFTY26DECFUT"
          hint="Extra TradingView tickers: TICKER=EXCHANGE:SYMBOL, comma-separated"
          className={styles.span3}
          {...text('tickerAliases')}
        />
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Strategy risk limits (besides the account&apos;s)</legend>
        <TextField label="Max lots per order" inputMode="numeric" {...text('maxLotsPerOrder')} />
        <TextField label="Max position (lots)" inputMode="numeric" {...text('maxPositionLots')} />
      </fieldset>
    </>
  );
}
