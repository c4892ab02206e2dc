// Everything that opens connections or starts processes. Types and pure mappers are in index.ts.
export { createPool, type Pool } from './pool.ts';
export { migrate, loadMigrations, MigrationChecksumError, MIGRATIONS_DIR } from './migrate.ts';
export { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.ts';
export { createJournal, DuplicateClientOrderIdError, JournalSequenceConflictError, type Journal, type JournalRecord } from './journal.ts';
export { createTickRecorder, type TickRecorder } from './tick-recorder.ts';
export { hasTimescale, readBars, type Bar } from './timeseries.ts';
export { createPrisma, type PrismaClient } from './prisma.ts';
export { openDatabase, type OpenDatabase } from './open-database.ts';
