import { mkdtemp, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@strikedesk/db/embedded';

export const LOCAL_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The PostgreSQL server tests run against: DATABASE_URL when set (CI), else the local `test`
 * database, else — on a machine with no PostgreSQL at all — a throwaway embedded one, so that
 * `npm test` works on a fresh clone either way.
 */
export async function resolveTestDatabaseServer(
  configured: string | undefined,
  say: (line: string) => void,
): Promise<{ url: string; stop(): Promise<void> }> {
  if (configured) {
    if (!(await reachable(configured))) throw new Error(`DATABASE_URL is set but not reachable: ${new URL(configured).host}`);
    return { url: configured, stop: async () => undefined };
  }
  if (await reachable(LOCAL_TEST_DATABASE_URL)) return { url: LOCAL_TEST_DATABASE_URL, stop: async () => undefined };
  say('no PostgreSQL at 127.0.0.1:5432 and no DATABASE_URL: starting a throwaway embedded PostgreSQL for the tests');
  const directory = await mkdtemp(path.join(tmpdir(), 'strikedesk-test-pg-'));
  await chmod(directory, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: directory });
  return { url: embedded.url, stop: () => embedded.stop() };
}

export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
