'use client';

import type { StrategyTemplate } from '@strikedesk/domain';
import { CheckboxField, TextField } from '@strikedesk/ui';
import { textFieldProps, type ConfigFieldsProps } from './config-field-props.ts';
import { onlyTradingViewIps, TRADINGVIEW_IPS_TEXT } from './strategy-form.ts';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

/** The checks every alert passes before it may trade: caps, how late, when and from where. */
export function StrategyGuardFields({ template, ...props }: ConfigFieldsProps & { template: StrategyTemplate }) {
  const { form, onChange, testIdPrefix: prefix } = props;
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Guards (checked on every alert)</legend>
      {template === 'SCHEDULED_PORTFOLIO' ? (
        // The engine files the scheduled entry itself: it never passes the URL's window and address checks.
        <p className={`${layout.muted} ${styles.span3}`}>
          The scheduled entry counts against the caps and is never made later than the max delay; the window and addresses apply to alerts
          posted to the URL.
        </p>
      ) : null}
      <TextField label="Alerts per minute" inputMode="numeric" {...textFieldProps(props, 'maxSignalsPerMinute')} />
      <TextField label="Alerts per day" inputMode="numeric" {...textFieldProps(props, 'maxSignalsPerDay')} />
      <TextField label="Max delay (s)" inputMode="numeric" title="An alert (or scheduled entry) still waiting this long is refused, not traded late" {...textFieldProps(props, 'maxDelaySeconds')} />
      <TextField label="Accept from (IST)" placeholder="HH:MM" {...textFieldProps(props, 'windowStart')} />
      <TextField label="Until (IST)" placeholder="HH:MM, 24:00 = midnight" {...textFieldProps(props, 'windowEnd')} />
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
      <TextField label="Allowed IPs" placeholder="Any address" hint="Comma-separated; empty = any" className={styles.span3} {...textFieldProps(props, 'allowedIps')} />
      {template === 'TV_INSTRUMENT' ? (
        <TextField
          label="Ticker aliases"
          placeholder="e.g. NIFTY1!=NFO:NIFTY26DECFUT"
          hint="Extra TradingView tickers: TICKER=EXCHANGE:SYMBOL, comma-separated"
          className={styles.span3}
          {...textFieldProps(props, 'tickerAliases')}
        />
      ) : null}
    </fieldset>
  );
}
