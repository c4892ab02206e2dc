import { readFile } from 'node:fs/promises';

/** AES-256: every master key is exactly this many bytes. */
export const MASTER_KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_.-]{1,40}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A key that wraps data keys. Its bytes never print: logs and JSON show only its id. */
export class MasterKey {
  readonly id: string;
  readonly #material: Buffer;

  constructor(id: string, material: Buffer) {
    this.id = id;
    this.#material = material;
  }

  /** The raw key, for node:crypto only. */
  material(): Buffer {
    return this.#material;
  }

  toJSON(): { id: string; key: string } {
    return { id: this.id, key: '[redacted]' };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `MasterKey(${this.id}, [redacted])`;
  }
}

/** The configured master keys: the first is current (new data keys are wrapped with it), the rest still unwrap old rows. */
export type MasterKeyRing = {
  current: MasterKey;
  get(id: string): MasterKey | undefined;
  ids: readonly string[];
};

/** A master key configuration that cannot be used; the message names the source and the key id, never key material. */
export class MasterKeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyConfigError';
  }
}

function decodeKey(encoded: string): Buffer | null {
  if (BASE64.test(encoded)) return Buffer.from(encoded, 'base64');
  if (BASE64URL.test(encoded)) return Buffer.from(encoded, 'base64url');
  return null;
}

/**
 * Parses `k2:BASE64,k1:BASE64` (entries separated by commas or new lines; blank lines and lines
 * starting with # are ignored, so a key file can carry a note). The first entry is current.
 */
export function parseMasterKeys(text: string, source: string): MasterKeyRing {
  const entries = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new MasterKeyConfigError(`${source} holds no master key (expected id:base64key, e.g. k1:…)`);
  const keys = new Map<string, MasterKey>();
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon).trim();
    if (!KEY_ID.test(id)) {
      throw new MasterKeyConfigError(`${source}: entry ${index + 1} must look like id:base64key, with an id of 1-40 letters, digits, '.', '_' or '-'`);
    }
    if (keys.has(id)) throw new MasterKeyConfigError(`${source}: master key id "${id}" appears twice`);
    const material = decodeKey(entry.slice(colon + 1).trim());
    if (!material || material.length !== MASTER_KEY_BYTES) {
      const got = material ? `${material.length} bytes` : 'not base64';
      throw new MasterKeyConfigError(`${source}: master key "${id}" must be ${MASTER_KEY_BYTES} random bytes in base64 (got ${got}); generate one with: openssl rand -base64 32`);
    }
    keys.set(id, new MasterKey(id, material));
  }
  const ids = [...keys.keys()];
  const current = keys.get(ids[0]!)!;
  return { current, get: (id) => keys.get(id), ids };
}

export type MasterKeyConfig = { keys?: string | undefined; file?: string | undefined };

/**
 * The key ring from STRIKEDESK_MASTER_KEYS or the file STRIKEDESK_MASTER_KEY_FILE names (same
 * format); null when neither is set. Both at once is refused: which one wins would be a guess.
 */
export async function loadMasterKeyRing(config: MasterKeyConfig): Promise<MasterKeyRing | null> {
  if (config.keys && config.file) throw new MasterKeyConfigError('set STRIKEDESK_MASTER_KEYS or STRIKEDESK_MASTER_KEY_FILE, not both');
  if (config.keys) return parseMasterKeys(config.keys, 'STRIKEDESK_MASTER_KEYS');
  if (!config.file) return null;
  let text: string;
  try {
    text = await readFile(config.file, 'utf8');
  } catch (error) {
    throw new MasterKeyConfigError(`STRIKEDESK_MASTER_KEY_FILE: cannot read ${config.file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseMasterKeys(text, `STRIKEDESK_MASTER_KEY_FILE (${config.file})`);
}
