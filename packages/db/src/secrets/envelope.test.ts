import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, rewrapSecret, sealSecret, type SealedSecret } from './envelope.ts';
import { parseMasterKeys } from './master-key-ring.ts';
import { Secret } from './secret.ts';
import { SecretDecryptionError } from './secret-errors.ts';

const key = () => randomBytes(32).toString('base64');
const k1 = key();
const k2 = key();
const ringK1 = parseMasterKeys(`k1:${k1}`, 'test');
const ringK2K1 = parseMasterKeys(`k2:${k2},k1:${k1}`, 'test');
const ringK2 = parseMasterKeys(`k2:${k2}`, 'test');
const AAD = 'broker_account:2b1f6f3e-0000-4000-8000-000000000001:api_secret';

/** A copy with one byte of one part flipped. */
const flipped = (sealed: SealedSecret, part: keyof Omit<SealedSecret, 'masterKeyId'>): SealedSecret => {
  const bytes = Buffer.from(sealed[part]);
  bytes[0] = bytes[0]! ^ 0x01;
  return { ...sealed, [part]: bytes };
};

const failure = (open: () => unknown): SecretDecryptionError => {
  try {
    open();
  } catch (error) {
    if (error instanceof SecretDecryptionError) return error;
    throw error;
  }
  throw new Error('expected decryption to fail');
};

describe('envelope encryption', () => {
  it('round-trips a secret, with a fresh data key and IVs each time and no plaintext in the sealed bytes', () => {
    const secret = new Secret('kite-api-secret-ünïcode-✓');
    const sealed = sealSecret(secret, AAD, ringK1.current);
    expect(openSecret(sealed, AAD, ringK1).reveal()).toBe('kite-api-secret-ünïcode-✓');
    expect(sealed).toMatchObject({ masterKeyId: 'k1' });
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.tag).toHaveLength(16);
    expect(sealed.wrappedKey).toHaveLength(32);
    expect(sealed.wrappedKeyIv).toHaveLength(12);
    expect(sealed.wrappedKeyTag).toHaveLength(16);
    const all = Buffer.concat([sealed.ciphertext, sealed.iv, sealed.tag, sealed.wrappedKey, sealed.wrappedKeyIv, sealed.wrappedKeyTag]);
    expect(all.includes(Buffer.from('kite-api-secret'))).toBe(false);

    const again = sealSecret(secret, AAD, ringK1.current);
    expect(again.ciphertext.equals(sealed.ciphertext)).toBe(false);
    expect(again.wrappedKey.equals(sealed.wrappedKey)).toBe(false);
    expect(again.iv.equals(sealed.iv)).toBe(false);
  });

  it('detects tampering with the ciphertext, its tag or IV, and with the wrapped data key', () => {
    const sealed = sealSecret(new Secret('s3cret'), AAD, ringK1.current);
    for (const part of ['ciphertext', 'tag', 'iv', 'wrappedKey', 'wrappedKeyTag', 'wrappedKeyIv'] as const) {
      const error = failure(() => openSecret(flipped(sealed, part), AAD, ringK1));
      expect(error.reason, part).toBe('AUTHENTICATION_FAILED');
      expect(error.message).toContain(AAD);
      expect(error.message).not.toContain('s3cret');
    }
    // A truncated tag would weaken GCM: refused, not accepted.
    expect(failure(() => openSecret({ ...sealed, tag: sealed.tag.subarray(0, 12) }, AAD, ringK1)).reason).toBe('AUTHENTICATION_FAILED');
  });

  it('binds the secret to its row and field: other associated data does not decrypt (a copied ciphertext fails)', () => {
    const sealed = sealSecret(new Secret('s3cret'), AAD, ringK1.current);
    expect(failure(() => openSecret(sealed, AAD.replace('0001', '0002'), ringK1)).reason).toBe('AUTHENTICATION_FAILED');
    expect(failure(() => openSecret(sealed, AAD.replace('api_secret', 'access_token'), ringK1)).reason).toBe('AUTHENTICATION_FAILED');
  });

  it('a wrong master key under the right id fails authentication; a missing key id is named', () => {
    const sealed = sealSecret(new Secret('s3cret'), AAD, ringK1.current);
    const impostor = parseMasterKeys(`k1:${key()}`, 'test');
    expect(failure(() => openSecret(sealed, AAD, impostor))).toMatchObject({ reason: 'AUTHENTICATION_FAILED', masterKeyId: 'k1' });
    const missing = failure(() => openSecret(sealed, AAD, ringK2));
    expect(missing).toMatchObject({ reason: 'UNKNOWN_MASTER_KEY', masterKeyId: 'k1', context: AAD });
    expect(missing.message).toContain('master key "k1" is not configured');
    // Relabelling the row with another configured key id does not help either: the id is bound too.
    expect(failure(() => openSecret({ ...sealed, masterKeyId: 'k2' }, AAD, ringK2K1)).reason).toBe('AUTHENTICATION_FAILED');
  });

  it('rotation re-wraps the data key only: k1 → k2, then a ring without k1 still decrypts', () => {
    const sealed = sealSecret(new Secret('s3cret'), AAD, ringK1.current);
    const rewrapped = rewrapSecret(sealed, AAD, ringK2K1);
    expect(rewrapped.masterKeyId).toBe('k2');
    expect(rewrapped.ciphertext.equals(sealed.ciphertext)).toBe(true);
    expect(rewrapped.iv.equals(sealed.iv)).toBe(true);
    expect(rewrapped.tag.equals(sealed.tag)).toBe(true);
    expect(rewrapped.wrappedKey.equals(sealed.wrappedKey)).toBe(false);
    expect(openSecret(rewrapped, AAD, ringK2).reveal()).toBe('s3cret');
    expect(failure(() => openSecret(sealed, AAD, ringK2)).reason).toBe('UNKNOWN_MASTER_KEY');
  });
});
