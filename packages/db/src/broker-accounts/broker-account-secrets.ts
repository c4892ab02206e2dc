import type pg from 'pg';
import type { SealedSecret, SecretSealer } from '../secrets/envelope.ts';
import type { Secret } from '../secrets/secret.ts';

/** The secrets a broker account can hold (column `field` of broker_account_secrets). */
export const SECRET_FIELDS = ['api_secret', 'interactive_secret', 'market_data_secret', 'access_token'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

/**
 * The associated data every secret of a row is sealed with: decrypting needs the same account id
 * and field, so ciphertext copied into another row (or another field of this one) fails.
 */
export const secretAad = (accountId: string, field: SecretField): string => `broker_account:${accountId}:${field}`;

export type SecretRow = {
  account_id: string;
  field: SecretField;
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  wrapped_key: Buffer;
  wrapped_key_iv: Buffer;
  wrapped_key_tag: Buffer;
  master_key_id: string;
};

export const SECRET_COLUMNS = 'account_id, field, ciphertext, iv, tag, wrapped_key, wrapped_key_iv, wrapped_key_tag, master_key_id';

export const toSealed = (row: SecretRow): SealedSecret => ({
  ciphertext: row.ciphertext,
  iv: row.iv,
  tag: row.tag,
  wrappedKey: row.wrapped_key,
  wrappedKeyIv: row.wrapped_key_iv,
  wrappedKeyTag: row.wrapped_key_tag,
  masterKeyId: row.master_key_id,
});

/** Seals and stores (or replaces) one secret of an account, inside the caller's transaction. */
export async function writeSecret(
  client: pg.ClientBase,
  sealer: SecretSealer,
  accountId: string,
  field: SecretField,
  secret: Secret,
): Promise<void> {
  const sealed = sealer.seal(secret, secretAad(accountId, field));
  await client.query(
    `INSERT INTO broker_account_secrets (${SECRET_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (account_id, field) DO UPDATE SET
       ciphertext = excluded.ciphertext, iv = excluded.iv, tag = excluded.tag, wrapped_key = excluded.wrapped_key,
       wrapped_key_iv = excluded.wrapped_key_iv, wrapped_key_tag = excluded.wrapped_key_tag,
       master_key_id = excluded.master_key_id, updated_at = now()`,
    [accountId, field, sealed.ciphertext, sealed.iv, sealed.tag, sealed.wrappedKey, sealed.wrappedKeyIv, sealed.wrappedKeyTag, sealed.masterKeyId],
  );
}
