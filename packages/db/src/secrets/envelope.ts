import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MasterKey, MasterKeyRing } from './master-key-ring.ts';
import { Secret } from './secret.ts';
import { SecretDecryptionError } from './secret-errors.ts';

/**
 * Envelope encryption (docs/adr/0018): each secret is encrypted with its own random data key
 * (AES-256-GCM), and the data key is encrypted ("wrapped") with a master key (AES-256-GCM again).
 * Rotating the master key re-wraps 32-byte data keys and never touches the secrets themselves.
 */
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
/** 96-bit IVs: GCM's native size; random per encryption, and every data key encrypts once. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a row stores for one secret. Nothing here is sensitive without the master key. */
export type SealedSecret = {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  wrappedKey: Buffer;
  wrappedKeyIv: Buffer;
  wrappedKeyTag: Buffer;
  masterKeyId: string;
};

type Encrypted = { ciphertext: Buffer; iv: Buffer; tag: Buffer };

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): Encrypted {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, iv, tag: cipher.getAuthTag() };
}

/** null when authentication fails (altered bytes, other AAD, other key): the caller names what failed. */
function decrypt(key: Buffer, encrypted: Encrypted, aad: Buffer): Buffer | null {
  // A shorter tag would be accepted by GCM and weaken it: only full-length tags and IVs are ours.
  if (encrypted.iv.length !== IV_BYTES || encrypted.tag.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, encrypted.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(encrypted.tag);
    return Buffer.concat([decipher.update(encrypted.ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * The wrapped data key is bound to the same row and field as the secret, and to the master key id
 * written beside it: a wrapped key copied to another row, or relabelled with another key id, fails.
 */
const wrapAad = (aad: string, masterKeyId: string): Buffer => Buffer.from(`${aad}|data-key|${masterKeyId}`, 'utf8');

function wrap(dataKey: Buffer, aad: string, masterKey: MasterKey): Pick<SealedSecret, 'wrappedKey' | 'wrappedKeyIv' | 'wrappedKeyTag' | 'masterKeyId'> {
  const wrapped = encrypt(masterKey.material(), dataKey, wrapAad(aad, masterKey.id));
  return { wrappedKey: wrapped.ciphertext, wrappedKeyIv: wrapped.iv, wrappedKeyTag: wrapped.tag, masterKeyId: masterKey.id };
}

function unwrap(sealed: SealedSecret, aad: string, ring: MasterKeyRing): Buffer {
  const masterKey = ring.get(sealed.masterKeyId);
  if (!masterKey) throw new SecretDecryptionError('UNKNOWN_MASTER_KEY', aad, sealed.masterKeyId);
  const dataKey = decrypt(
    masterKey.material(),
    { ciphertext: sealed.wrappedKey, iv: sealed.wrappedKeyIv, tag: sealed.wrappedKeyTag },
    wrapAad(aad, sealed.masterKeyId),
  );
  if (!dataKey || dataKey.length !== KEY_BYTES) throw new SecretDecryptionError('AUTHENTICATION_FAILED', aad, sealed.masterKeyId);
  return dataKey;
}

/**
 * Encrypts `secret` under a fresh data key wrapped with `masterKey`. `aad` names the row and field
 * the secret belongs to (e.g. `broker_account:<id>:api_secret`) and must be given again to open it.
 */
export function sealSecret(secret: Secret, aad: string, masterKey: MasterKey): SealedSecret {
  const dataKey = randomBytes(KEY_BYTES);
  try {
    const encrypted = encrypt(dataKey, Buffer.from(secret.reveal(), 'utf8'), Buffer.from(aad, 'utf8'));
    return { ...encrypted, ...wrap(dataKey, aad, masterKey) };
  } finally {
    dataKey.fill(0);
  }
}

/** Decrypts a sealed secret; SecretDecryptionError names the row and the key id when it cannot. */
export function openSecret(sealed: SealedSecret, aad: string, ring: MasterKeyRing): Secret {
  const dataKey = unwrap(sealed, aad, ring);
  try {
    const plaintext = decrypt(dataKey, sealed, Buffer.from(aad, 'utf8'));
    if (!plaintext) throw new SecretDecryptionError('AUTHENTICATION_FAILED', aad, sealed.masterKeyId);
    return new Secret(plaintext.toString('utf8'));
  } finally {
    dataKey.fill(0);
  }
}

/** The same secret with its data key wrapped by the ring's current master key; the ciphertext is unchanged. */
export function rewrapSecret(sealed: SealedSecret, aad: string, ring: MasterKeyRing): SealedSecret {
  const dataKey = unwrap(sealed, aad, ring);
  try {
    return { ...sealed, ...wrap(dataKey, aad, ring.current) };
  } finally {
    dataKey.fill(0);
  }
}

/**
 * What may encrypt but has no way to decrypt: the gateway gets this, the engine gets the ring.
 * (The gateway process still holds the master key; this keeps decryption out of its code paths.)
 */
export type SecretSealer = { masterKeyId: string; seal(secret: Secret, aad: string): SealedSecret };

export const createSecretSealer = (ring: MasterKeyRing): SecretSealer => {
  const current = ring.current;
  return { masterKeyId: current.id, seal: (secret, aad) => sealSecret(secret, aad, current) };
};
