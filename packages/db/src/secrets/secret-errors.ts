/**
 * Why a stored secret could not be decrypted. Both are fatal for that secret: retrying cannot help,
 * an operator must restore the key (UNKNOWN_MASTER_KEY) or the secret must be entered again.
 */
export type SecretDecryptionReason = 'UNKNOWN_MASTER_KEY' | 'AUTHENTICATION_FAILED';

export class SecretDecryptionError extends Error {
  readonly reason: SecretDecryptionReason;
  /** What the secret belongs to (its associated data, e.g. `broker_account:<id>:api_secret`): no secret material. */
  readonly context: string;
  readonly masterKeyId: string;

  constructor(reason: SecretDecryptionReason, context: string, masterKeyId: string) {
    super(
      reason === 'UNKNOWN_MASTER_KEY'
        ? `cannot decrypt ${context}: master key "${masterKeyId}" is not configured (add it back to STRIKEDESK_MASTER_KEYS / STRIKEDESK_MASTER_KEY_FILE, or enter the secret again)`
        : `cannot decrypt ${context}: authentication failed — the stored data was altered or copied from another row, or master key "${masterKeyId}" is not the key it was sealed with`,
    );
    this.name = 'SecretDecryptionError';
    this.reason = reason;
    this.context = context;
    this.masterKeyId = masterKeyId;
  }
}
