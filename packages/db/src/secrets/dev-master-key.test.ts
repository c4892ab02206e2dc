import { stat, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDevMasterKeyFile, resolveMasterKeyConfig } from './dev-master-key.ts';
import { loadMasterKeyRing } from './master-key-ring.ts';

describe('zero-configuration master key', () => {
  const scratch = mkdtemp(path.join(tmpdir(), 'sd-devkey-'));
  afterAll(async () => rm(await scratch, { recursive: true, force: true }));

  it('is generated once into the data directory (mode 0600) and reused after', async () => {
    const dataDir = path.join(await scratch, 'data');
    const first = await ensureDevMasterKeyFile(dataDir);
    expect(first).toEqual({ file: path.join(dataDir, 'master-keys'), created: true });
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);
    const text = await readFile(first.file, 'utf8');
    expect(text).toContain('back this file up');
    const ring = await loadMasterKeyRing({ file: first.file });
    expect(ring?.current.id).toMatch(/^local-[0-9a-f]{8}$/);

    const [second, third] = await Promise.all([ensureDevMasterKeyFile(dataDir), ensureDevMasterKeyFile(dataDir)]);
    expect(second.created || third.created).toBe(false);
    expect(await readFile(first.file, 'utf8')).toBe(text);
  });

  it('is not generated when the operator configured keys or a key file', async () => {
    const dataDir = path.join(await scratch, 'configured');
    expect(await resolveMasterKeyConfig({ dataDir, keys: 'k1:x' })).toEqual({ keys: 'k1:x', file: undefined, generated: false });
    expect(await resolveMasterKeyConfig({ dataDir, file: '/etc/keys' })).toEqual({ keys: undefined, file: '/etc/keys', generated: false });
    expect(await resolveMasterKeyConfig({ dataDir }, { create: false })).toEqual({ file: path.join(dataDir, 'master-keys'), generated: false });
    await expect(stat(path.join(dataDir, 'master-keys'))).rejects.toThrow(/ENOENT/);
    const generated = await resolveMasterKeyConfig({ dataDir });
    expect(generated).toEqual({ file: path.join(dataDir, 'master-keys'), generated: true });
    expect(await resolveMasterKeyConfig({ dataDir })).toEqual({ file: path.join(dataDir, 'master-keys'), generated: false });
  });
});
