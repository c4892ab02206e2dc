import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMasterKeyRing, MasterKeyConfigError, parseMasterKeys } from './master-key-ring.ts';

const key = randomBytes(32);
const other = randomBytes(32);

describe('master key ring', () => {
  it('parses id:base64 entries; the first is current, the others still resolve', () => {
    const ring = parseMasterKeys(`k2:${key.toString('base64')}, k1:${other.toString('base64url')}`, 'test');
    expect(ring.current.id).toBe('k2');
    expect(ring.current.material().equals(key)).toBe(true);
    expect(ring.get('k1')?.material().equals(other)).toBe(true);
    expect(ring.get('k3')).toBeUndefined();
    expect(ring.ids).toEqual(['k2', 'k1']);
  });

  it('refuses keys that are not 32 bytes, malformed entries and duplicate ids, without echoing key material', () => {
    const short = randomBytes(16).toString('base64');
    const attempts: [string, RegExp][] = [
      [`k1:${short}`, /master key "k1" must be 32 random bytes in base64 \(got 16 bytes\)/],
      ['k1:not base64!', /not base64/],
      [key.toString('base64'), /entry 1 must look like id:base64key/],
      [`k1:${key.toString('base64')},k1:${other.toString('base64')}`, /"k1" appears twice/],
      ['  ', /holds no master key/],
    ];
    for (const [text, message] of attempts) {
      let error: unknown;
      try {
        parseMasterKeys(text, 'STRIKEDESK_MASTER_KEYS');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(MasterKeyConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/^STRIKEDESK_MASTER_KEYS/);
      expect((error as Error).message).not.toContain(short);
    }
  });

  it('never prints key material', () => {
    const ring = parseMasterKeys(`k1:${key.toString('base64')}`, 'test');
    const printed = `${JSON.stringify(ring.current)} ${inspect(ring)} ${inspect(ring.current)}`;
    expect(printed).toContain('k1');
    expect(printed).not.toContain(key.toString('base64'));
    expect(printed).not.toContain(key.toString('hex'));
  });

  describe('loading', () => {
    const scratch = mkdtemp(path.join(tmpdir(), 'sd-keys-'));
    afterAll(async () => rm(await scratch, { recursive: true, force: true }));

    it('reads STRIKEDESK_MASTER_KEYS, or the key file (comments and one key a line allowed); nothing configured is null', async () => {
      expect((await loadMasterKeyRing({ keys: `k1:${key.toString('base64')}` }))?.current.id).toBe('k1');
      const file = path.join(await scratch, 'keys');
      await writeFile(file, `# note\nk2:${other.toString('base64')}\n\nk1:${key.toString('base64')}\n`);
      const ring = await loadMasterKeyRing({ file });
      expect(ring?.ids).toEqual(['k2', 'k1']);
      expect(await loadMasterKeyRing({})).toBeNull();
    });

    it('refuses both sources at once and a missing file', async () => {
      await expect(loadMasterKeyRing({ keys: `k1:${key.toString('base64')}`, file: '/nope' })).rejects.toThrow(/not both/);
      await expect(loadMasterKeyRing({ file: path.join(await scratch, 'missing') })).rejects.toThrow(/cannot read .*missing \(ENOENT\)/);
    });
  });
});
