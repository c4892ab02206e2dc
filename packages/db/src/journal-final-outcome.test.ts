import { asAccountId, asOrderId, type EngineEvent } from '@strikedesk/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { from as copyFrom } from 'pg-copy-streams';
import { finished } from 'node:stream/promises';
import { copyText, JournalAppendInterruptedError, serverSessionOf } from './journal-copy.ts';
import { createJournal } from './journal.ts';
import { createPool, type Pool } from './pool.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

const accountId = asAccountId('0b6f7a4e-1c1d-4f7e-9a55-2f4d3c2b1a00');
const rejected = (orderId: string): EngineEvent => ({ type: 'OrderRejected', accountId, orderId: asOrderId(orderId), at: 3, reasonCode: 'RMS', reasonMessage: 'x' });
const COPY_SQL = 'COPY engine_events (seq, account_id, order_id, client_order_id, type, payload) FROM STDIN';

/**
 * Stands in for "the server session still holds the cut-off COPY and may commit it": the COPY's
 * rows are in, its transaction not yet committed. awaitFinalOutcome must end that session before
 * it resolves, so the late COMMIT below never lands.
 */
async function lateCommitAfterAwait(database: TestDatabase, pool: Pool, sessionSetup: string | null): Promise<{ before: number; after: number }> {
  const journal = createJournal(pool);
  const session = createPool(database.url, { max: 1 });
  try {
    const client = await session.connect();
    client.on('error', () => {});
    const serverSession = await serverSessionOf(client);
    if (sessionSetup) await client.query(sessionSetup);
    const before = await journal.lastSeq();
    await client.query('BEGIN');
    const stream = client.query(copyFrom(COPY_SQL));
    stream.end(copyText([{ seq: before + 1, event: rejected(`late-${before}`), clientOrderId: null }]));
    await finished(stream);
    // The engine's side lost the connection here: it only has the error and the session's pid.
    await journal.awaitFinalOutcome(new JournalAppendInterruptedError(serverSession, new Error('Connection terminated unexpectedly')));
    await client.query('COMMIT').catch(() => {});
    client.release(true);
    return { before, after: await journal.lastSeq() };
  } finally {
    await session.end();
  }
}

describe('Journal.awaitFinalOutcome', () => {
  let database: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('ends the session that still holds the cut-off COPY: its late commit never lands', async () => {
    const { before, after } = await lateCommitAfterAwait(database, pool, null);
    expect(after).toBe(before);
  });

  it('ends the session with track_activities off too (no query text to go by): nothing lands late', async () => {
    const { before, after } = await lateCommitAfterAwait(database, pool, 'SET track_activities = off');
    expect(after).toBe(before);
  });
});
