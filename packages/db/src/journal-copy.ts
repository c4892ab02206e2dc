import { finished } from 'node:stream/promises';
import type { EngineEvent } from '@strikedesk/domain';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * An append whose connection failed before the server answered (reset, timeout, server gone): the
 * COPY may still be running in its server session and commit after this error. `backendPid` names
 * that session (Journal.awaitFinalOutcome ends it before anyone reads what landed).
 */
export class JournalAppendInterruptedError extends Error {
  constructor(
    readonly backendPid: number | null,
    cause: unknown,
  ) {
    super(`journal append interrupted: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'JournalAppendInterruptedError';
  }
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
  // Not in @types/pg: the server session's pid, from the BackendKeyData message.
  const backendPid = (client as unknown as { processID: number | null }).processID;
  try {
    const stream = client.query(copyFrom(COPY_SQL));
    stream.end(copyText(rows));
    await finished(stream);
  } catch (error) {
    // The connection's state after a failed COPY is not worth trusting: the pool opens a new one.
    client.release(error instanceof Error ? error : true);
    // The server's own refusal (a constraint, a bad value) is final; anything else may not be.
    throw error instanceof pg.DatabaseError ? error : new JournalAppendInterruptedError(backendPid, error);
  }
  client.release();
}
