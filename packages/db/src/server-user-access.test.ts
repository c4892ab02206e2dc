import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureServerUserCanReach, ServerUserAccessError } from './server-user-access.ts';

describe('ensureServerUserCanReach', () => {
  const created: string[] = [];
  afterAll(async () => {
    await Promise.all(created.map((directory) => rm(directory, { recursive: true, force: true })));
  });

  it('makes our own 0700 directories traversable (not listable) and refuses to touch foreign ones', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'sd-reach-')); // 0700, like mktemp -d
    created.push(base);
    const owned = path.join(base, 'project');
    const deep = path.join(owned, 'node_modules', 'bin');
    await mkdir(deep, { recursive: true });
    await chmod(owned, 0o700);

    // The base directory is not ours: reported, and left exactly as it was.
    await expect(ensureServerUserCanReach([deep], [owned])).rejects.toBeInstanceOf(ServerUserAccessError);
    expect((await stat(base)).mode & 0o777).toBe(0o700);

    // Once the foreign part is passable, our own directories are opened for traversal only.
    await chmod(base, 0o711);
    await ensureServerUserCanReach([deep], [owned]);
    expect((await stat(owned)).mode & 0o777).toBe(0o701);
  });
});
