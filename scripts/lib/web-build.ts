import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['node_modules', '.next', 'e2e', 'test-results', 'playwright-report']);

function newestMtime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(directory, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/** True when the Next build is missing or older than any source the web app is built from. */
export function webBuildIsStale(root: string): boolean {
  const buildId = path.join(root, 'apps/web/.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = ['apps/web', 'packages/ui/src', 'packages/domain/src'].map((dir) => path.join(root, dir));
  return sources.some((dir) => existsSync(dir) && newestMtime(dir) > builtAt);
}
