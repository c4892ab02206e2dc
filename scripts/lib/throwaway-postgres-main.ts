/**
 * A throwaway embedded PostgreSQL for `npm run test:at`: started under the same faked clock as the
 * tests (so `now()` agrees with the engine's), prints `URL <url>` and `DIR <data directory>` once it
 * serves. `test:at` ends it with SIGTERM to its process group (the server's processes get it too and
 * shut down) and removes the directory.
 */
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '@strikedesk/db/embedded';

const directory = await mkdtemp(path.join(tmpdir(), 'strikedesk-test-at-pg-'));
await chmod(directory, 0o755);
const database = await startEmbeddedPostgres({ dataDir: directory });
process.stdout.write(`DIR ${directory}\nURL ${database.url}\n`);
setInterval(() => undefined, 1 << 30);
