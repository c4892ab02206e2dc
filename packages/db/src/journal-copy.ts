import { finished } from 'node:stream/promises';
import type { EngineEvent } from '@strikedesk/domain';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A server session, told apart from a later one that reuses its pid by when it started. */
export type ServerSession = { pid: number; startedAtMicros: number };

/**
 * An append whose connection failed before the server answered (reset, timeout, server gone): the
 * COPY may still be running in its server session and commit after this error. `session` names
 * it (Journal.awaitFinalOutcome ends it before anyone reads what landed).
 */
export class JournalAppendInterruptedError extends Error {
  constructor(
    readonly session: ServerSession,
    cause: unknown,
  ) {
    super(`journal append interrupted: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'JournalAppendInterruptedError';
  }
}

const sessions = new WeakMap<pg.PoolClient, ServerSession>();

/**
 * The server session behind a pooled connection, as the server sees it (once per connection). Not
 * the pid the client was told at connect: behind a session pooler that is the pooler's.
 */
export async function serverSessionOf(client: pg.PoolClient): Promise<ServerSession> {
  const known = sessions.get(client);
  if (known) return known;
  const result = await client.query<{ pid: number; started: number }>(
    'SELECT pid, (extract(epoch FROM backend_start) * 1000000)::bigint AS started FROM pg_stat_activity WHERE pid = pg_backend_pid()',
  );
  const row = result.rows[0];
  if (!row) throw new Error('the server does not list its own session in pg_stat_activity');
  const session = { pid: row.pid, startedAtMicros: row.started };
  sessions.set(client, session);
  return session;
}

/** What one journal row holds besides its payload (the columns the journal is looked up by). */
export type JournalRow = { seq: number; event: EngineEvent; clientOrderId: string | null };

const COPY_SQL = 'COPY engine_events (seq, account_id, order_id, client_order_id, type, payload) FROM STDIN';
const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A field in COPY's text format: backslash, tab, newline and carriage return are escaped. */
function copyField(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

const optionalField = (value: string | null): string => (value === null ? '\\N' : copyField(value));

/** The rows as COPY text: one line each, tab-separated, `\N` for NULL. */
export function copyText(rows: readonly JournalRow[]): string {
  let text = '';
  for (const { seq, event, clientOrderId } of rows) {
    text += `${seq}\t${copyField(event.accountId)}\t${copyField(event.orderId)}\t${optionalField(clientOrderId)}\t${copyField(event.type)}\t${copyField(JSON.stringify(event))}\n`;
  }
  return text;
}

/**
 * Writes the rows with one COPY: a single statement, so every row lands or none does. COPY costs
 * PostgreSQL about half what an INSERT of the same rows does (docs/adr/0024-journal-copy-json.md);
 * the journal is the engine's hottest write.
 */
export async function copyJournalRows(pool: pg.Pool, rows: readonly JournalRow[]): Promise<void> {
  const client = await pool.connect();
  let session: ServerSession;
  try {
    session = await serverSessionOf(client);
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error; // nothing was sent
  }
  try {
    const stream = client.query(copyFrom(COPY_SQL));
    stream.end(copyText(rows));
    await finished(stream);
  } catch (error) {
    // The connection's state after a failed COPY is not worth trusting: the pool opens a new one.
    client.release(error instanceof Error ? error : true);
    // The server's own refusal (a constraint, a bad value) is final; anything else may not be.
    throw error instanceof pg.DatabaseError ? error : new JournalAppendInterruptedError(session, error);
  }
  client.release();
}
