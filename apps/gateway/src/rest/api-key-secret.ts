import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * `sdk_<prefix>_<secret>`: the prefix (12 hex characters) is public — listed in Settings and used to
 * find the key; the secret (32 base64url characters, 192 random bits) is shown once and only its
 * sha256 is stored. A fast hash is enough for a random 192-bit secret (nothing to brute-force), and
 * a password hash would cost every API request tens of milliseconds.
 */
const API_KEY_PATTERN = /^sdk_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/;

export const hashApiKeySecret = (secret: string): string => createHash('sha256').update(`api-key:${secret}`, 'utf8').digest('hex');

export function newApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  return { key: `sdk_${prefix}_${secret}`, prefix, secretHash: hashApiKeySecret(secret) };
}

/** Null for anything not shaped like one of our keys (no database lookup for those). */
export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const match = API_KEY_PATTERN.exec(key);
  return match ? { prefix: match[1] as string, secret: match[2] as string } : null;
}

/** Compared as hashes in constant time: the answer's timing says nothing about the secret. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashApiKeySecret(secret), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
