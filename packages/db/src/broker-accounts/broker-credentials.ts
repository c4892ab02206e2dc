import { DomainError, type BrokerAccount, type BrokerAccountId } from '@strikedesk/domain';
import type pg from 'pg';
import { openSecret } from '../secrets/envelope.ts';
import type { MasterKeyRing } from '../secrets/master-key-ring.ts';
import type { Secret } from '../secrets/secret.ts';
import { SecretDecryptionError } from '../secrets/secret-errors.ts';
import { SELECT_ACCOUNTS, toBrokerAccount, type BrokerAccountRow } from './broker-account-row.ts';
import { SECRET_COLUMNS, secretAad, toSealed, type SecretRow } from './broker-account-secrets.ts';

/**
 * An account with its secrets decrypted, for the broker adapter that logs in with them. Secrets
 * are Secret values (printing one shows `[redacted]`); `null` = none stored. URLs in `account` that
 * are null mean the broker's default (KITE_DEFAULT_URLS; XTS market data = the root URL).
 */
export type BrokerCredentials = {
  account: BrokerAccount;
  apiSecret: Secret | null;
  interactiveSecret: Secret | null;
  marketDataSecret: Secret | null;
  accessToken: Secret | null;
};

export type BrokerCredentialsReader = {
  /** Throws BROKER_ACCOUNT_NOT_FOUND, or SecretDecryptionError (unknown key id / tampered row). */
  credentialsFor(accountId: BrokerAccountId): Promise<BrokerCredentials>;
};

/**
 * The day's access token is the one secret no admin can type again: after a lost master key, the
 * admin re-enters the API secret (runbook), but a token sealed with the lost key would keep the
 * whole account unreadable for good (no start, no "Connect Zerodha"). It is only a session, worth
 * nothing by tomorrow: one that cannot be opened is no session — the trader connects again.
 */
function openSessionToken(open: () => Secret | null): Secret | null {
  try {
    return open();
  } catch (error) {
    if (error instanceof SecretDecryptionError) return null;
    throw error;
  }
}

/**
 * For the engine process only: the one code path that decrypts broker secrets. The gateway never
 * creates this (it gets a BrokerAccountStore with a sealer), so no API can return a plaintext secret.
 */
export function createBrokerCredentialsReader(pool: pg.Pool, ring: MasterKeyRing): BrokerCredentialsReader {
  return {
    async credentialsFor(accountId) {
      const [accounts, secrets] = await Promise.all([
        pool.query<BrokerAccountRow>(`${SELECT_ACCOUNTS} WHERE a.id = $1`, [accountId]),
        pool.query<SecretRow>(`SELECT ${SECRET_COLUMNS} FROM broker_account_secrets WHERE account_id = $1`, [accountId]),
      ]);
      const row = accounts.rows[0];
      if (!row) throw new DomainError('BROKER_ACCOUNT_NOT_FOUND');
      const open = (field: SecretRow['field']): Secret | null => {
        const stored = secrets.rows.find((secret) => secret.field === field);
        return stored ? openSecret(toSealed(stored), secretAad(accountId, field), ring) : null;
      };
      return {
        account: toBrokerAccount(row),
        apiSecret: open('api_secret'),
        interactiveSecret: open('interactive_secret'),
        marketDataSecret: open('market_data_secret'),
        accessToken: openSessionToken(() => open('access_token')),
      };
    },
  };
}
