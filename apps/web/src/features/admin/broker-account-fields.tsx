'use client';

import { brokerProtocol, isSimulatedBroker, KITE_DEFAULT_URLS } from '@strikedesk/domain';
import { TextField } from '@strikedesk/ui';
import type { BrokerAccountForm, BrokerAccountTextField, FormErrors } from './broker-account-form.ts';
import styles from './broker-accounts.module.css';

type FieldsProps = {
  form: BrokerAccountForm;
  errors: FormErrors;
  onChange: (field: BrokerAccountTextField, value: string) => void;
  /** Which secrets the account already stores (editing); empty on add. */
  stored: { apiSecret: boolean; interactiveSecret: boolean; marketDataSecret: boolean } | null;
};

const testId = (field: string) => `broker-account-${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** The fields of the account's protocol: Kite (key, secret) or XTS (root URL, client id, two apps). */
export function BrokerAccountFields({ form, errors, onChange, stored }: FieldsProps) {
  const simulated = isSimulatedBroker(form.broker);
  const text = (field: BrokerAccountTextField, label: string, hint?: string) => (
    <TextField
      label={label}
      value={form[field]}
      onValueChange={(value) => onChange(field, value)}
      error={errors[field] ?? null}
      hint={hint}
      autoComplete="off"
      spellCheck={false}
      data-testid={testId(field)}
    />
  );
  // Password inputs: never echoed, never offered to the browser's password manager as a login.
  const secret = (field: 'apiSecret' | 'interactiveSecret' | 'marketDataSecret', label: string) => (
    <TextField
      label={label}
      type="password"
      value={form[field]}
      onValueChange={(value) => onChange(field, value)}
      error={errors[field] ?? null}
      hint={stored?.[field] ? 'Stored encrypted — leave empty to keep it' : simulated ? 'Optional for a simulated broker' : 'Stored encrypted; never shown again'}
      autoComplete="new-password"
      data-testid={testId(field)}
    />
  );

  if (brokerProtocol(form.broker) === 'KITE') {
    return (
      <>
        {text('apiKey', 'API key', simulated ? 'Optional for a simulated broker' : 'From your Kite Connect app (developers.kite.trade)')}
        {secret('apiSecret', 'API secret')}
        <details className={styles.advanced}>
          <summary>Base URLs (leave empty for Kite’s own)</summary>
          {text('apiUrl', 'API URL', KITE_DEFAULT_URLS.apiUrl)}
          {text('loginUrl', 'Login URL', KITE_DEFAULT_URLS.loginUrl)}
          {text('tickerUrl', 'Ticker URL', KITE_DEFAULT_URLS.tickerUrl)}
        </details>
      </>
    );
  }
  return (
    <>
      {text('rootUrl', 'Root URL', simulated ? 'Optional: the built-in simulator is used when empty' : 'Your broker’s XTS address, e.g. https://xts.yourbroker.in')}
      {text('clientId', 'Client id', 'Required when the interactive keys are a dealer login (the client code it trades for); leave empty for your own account')}
      {text('interactiveAppKey', 'Interactive app key')}
      {secret('interactiveSecret', 'Interactive secret')}
      {text('marketDataAppKey', 'Market data app key')}
      {secret('marketDataSecret', 'Market data secret')}
      <details className={styles.advanced}>
        <summary>Market data URL (leave empty to use the root URL)</summary>
        {text('marketDataUrl', 'Market data URL')}
      </details>
    </>
  );
}
