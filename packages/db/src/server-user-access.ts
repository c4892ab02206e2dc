import { chmod, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout this file lives in (packages/db/src → the repository root). */
const PROJECT_ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));

export class ServerUserAccessError extends Error {
  constructor(directory: string) {
    super(
      `The embedded PostgreSQL runs as the 'postgres' system user when started by root, and that user ` +
        `cannot enter ${directory}. Run npm start as a normal user, put the project (and DATA_DIR) ` +
        `somewhere other users can enter, or set DATABASE_URL to an existing PostgreSQL.`,
    );
    this.name = 'ServerUserAccessError';
  }
}

const inside = (directory: string, root: string): boolean =>
  directory === root || directory.startsWith(`${root}${path.sep}`);

/**
 * As root, PostgreSQL runs as another user (it refuses root), which must be able to traverse every
 * directory above its binaries and its data. A checkout in a 0700 directory (mktemp -d, a root
 * home) blocks it. Directories of this project (or of `ownedRoots`) get traverse-only permission
 * for others (o+x: enter, not list); anything else is not ours to change, so it is reported.
 */
export async function ensureServerUserCanReach(targets: readonly string[], ownedRoots: readonly string[] = []): Promise<void> {
  const roots = [PROJECT_ROOT, ...ownedRoots.map((root) => path.resolve(root))];
  const seen = new Set<string>();
  for (const target of targets) {
    for (let directory = path.resolve(target); ; directory = path.dirname(directory)) {
      if (!seen.has(directory)) {
        seen.add(directory);
        const { mode } = await stat(directory);
        if ((mode & 0o001) === 0) {
          if (!roots.some((root) => inside(directory, root))) throw new ServerUserAccessError(directory);
          await chmod(directory, (mode & 0o7777) | 0o001);
        }
      }
      if (path.dirname(directory) === directory) break;
    }
  }
}
