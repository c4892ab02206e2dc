import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** 32 base64url characters (192 random bits): the unguessable part of a strategy's webhook URL. */
export const WEBHOOK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** A new webhook token; only its hash is stored, the URL is shown to the trader once. */
export function newWebhookToken(): { token: string; hash: string; hint: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashWebhookToken(token), hint: token.slice(-4) };
}

export const hashWebhookToken = (token: string): string => sha256(`webhook-token:${token}`);

/**
 * Passphrases are compared as hashes in constant time. A fast hash is enough: the passphrase is a
 * second factor behind a 192-bit URL token, and every alert must be acknowledged within TradingView's
 * 3 s (a password hash at 200 alerts/s would not be).
 */
export const hashPassphrase = (passphrase: string): string => sha256(`webhook-passphrase:${passphrase}`);

export function passphraseMatches(given: string | null, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashPassphrase(given ?? ''), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual) && given !== null;
}
