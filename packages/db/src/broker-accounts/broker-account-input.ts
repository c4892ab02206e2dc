import { brokerProtocol, type CreateBrokerAccount, type UpdateBrokerAccount } from '@strikedesk/domain';
import { Secret } from '../secrets/secret.ts';
import type { SecretField } from './broker-account-secrets.ts';

/** The input fields that carry secrets, and the broker_account_secrets field each is stored as. */
export const SECRET_INPUTS = { apiSecret: 'api_secret', interactiveSecret: 'interactive_secret', marketDataSecret: 'market_data_secret' } as const satisfies Record<
  string,
  SecretField
>;
type SecretInputKey = keyof typeof SECRET_INPUTS;

/** An input with its secrets wrapped in Secret (each union member mapped on its own). */
export type WithSecrets<T> = T extends unknown ? { [K in keyof T]: K extends SecretInputKey ? Secret | undefined : T[K] } : never;
export type NewBrokerAccount = WithSecrets<CreateBrokerAccount>;
export type BrokerAccountChange = WithSecrets<UpdateBrokerAccount>;

/**
 * Wraps the secrets of a parsed input the moment it arrives, so nothing downstream (a log line,
 * an error report) can print them: the gateway calls this first thing in a procedure.
 */
export function protectSecrets<T extends Partial<Record<SecretInputKey, string | undefined>>>(input: T): WithSecrets<T> {
  const protectedInput: Record<string, unknown> = { ...input };
  for (const key of Object.keys(SECRET_INPUTS) as SecretInputKey[]) {
    const value = input[key];
    if (typeof value === 'string') protectedInput[key] = new Secret(value);
  }
  return protectedInput as WithSecrets<T>;
}

/** The secrets an input sets (absent ones stay as stored). */
export function secretsOf(input: Partial<Record<SecretInputKey, Secret | undefined>>): [SecretField, Secret][] {
  const found: [SecretField, Secret][] = [];
  for (const [key, field] of Object.entries(SECRET_INPUTS) as [SecretInputKey, SecretField][]) {
    const value = input[key];
    if (value instanceof Secret) found.push([field, value]);
  }
  return found;
}

export const SETTINGS_COLUMNS = [
  'api_key',
  'api_url',
  'login_url',
  'ticker_url',
  'root_url',
  'market_data_url',
  'client_id',
  'interactive_app_key',
  'market_data_app_key',
] as const;
type Settings = Record<(typeof SETTINGS_COLUMNS)[number], string | null>;

/** The public settings columns of an input; the other protocol's columns are always null. */
export function settingsOf(input: NewBrokerAccount | BrokerAccountChange): Settings {
  const none: Settings = {
    api_key: null,
    api_url: null,
    login_url: null,
    ticker_url: null,
    root_url: null,
    market_data_url: null,
    client_id: null,
    interactive_app_key: null,
    market_data_app_key: null,
  };
  if (input.broker === 'KITE' || input.broker === 'SIMULATED_KITE') {
    return { ...none, api_key: input.apiKey ?? null, api_url: input.apiUrl ?? null, login_url: input.loginUrl ?? null, ticker_url: input.tickerUrl ?? null };
  }
  if (brokerProtocol(input.broker) !== 'XTS') throw new Error(`unknown broker ${String(input.broker)}`);
  return {
    ...none,
    root_url: input.rootUrl ?? null,
    market_data_url: input.marketDataUrl ?? null,
    client_id: input.clientId ?? null,
    interactive_app_key: input.interactiveAppKey ?? null,
    market_data_app_key: input.marketDataAppKey ?? null,
  };
}
