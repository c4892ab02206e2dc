import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';

export type OpenDatabase = { url: string; embedded: boolean; migrationsApplied: string[]; close(): Promise<void> };

/**
 * The database for `npm start`: DATABASE_URL when given, otherwise an embedded PostgreSQL with
 * its data under dataDir. Migrations are applied either way, offline.
 */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  log?: (line: string) => void;
}): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    const migrationsApplied = await migrate(options.databaseUrl);
    return { url: options.databaseUrl, embedded: false, migrationsApplied, close: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, ...(options.log ? { log: options.log } : {}) });
  try {
    const migrationsApplied = await migrate(embedded.url);
    return { url: embedded.url, embedded: true, migrationsApplied, close: () => embedded.stop() };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}
