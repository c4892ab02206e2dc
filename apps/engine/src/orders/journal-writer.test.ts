import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DomainError, type EngineEvent, type EngineEventEnvelope } from '@strikedesk/domain';
import { createJournal, createPool, type Pool } from '@strikedesk/db/client';
import type { TestDatabase } from '@strikedesk/db/testing';
import { stubOrderSubmitted } from '@strikedesk/domain/testing';
import { Topic } from '../events/topic.ts';
import { FaultyJournal } from '../testing/faulty-journal.ts';
import { ACCOUNT_A, USER_A, createTestDatabase } from '../testing/test-engine.ts';
import { JournalUnavailableError, JournalWriter } from './journal-writer.ts';
import { TradingState } from './trading-state.ts';

let database: TestDatabase;
let pool: Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

let counter = 0;
const submitted = (): EngineEvent => {
  counter += 1;
  return stubOrderSubmitted({ accountId: ACCOUNT_A, userId: USER_A, orderId: `261209-${counter}`, clientOrderId: `w-${counter}` });
};

type Harness = { writer: JournalWriter; state: TradingState; journal: FaultyJournal; published: EngineEventEnvelope[]; fatal: unknown[] };
let harness: Harness;

beforeEach(async () => {
  await pool.query('TRUNCATE engine_events');
  const journal = new FaultyJournal(createJournal(pool));
  const state = new TradingState();
  const topic = new Topic<EngineEventEnvelope>();
  const published: EngineEventEnvelope[] = [];
  topic.listen((envelope) => published.push(envelope));
  const fatal: unknown[] = [];
  const logger = { warn: () => undefined, error: () => undefined };
  const writer = new JournalWriter(journal, state, topic, { logger, onFatal: (error) => fatal.push(error), retry: { initialMs: 5, maxMs: 20 } });
  harness = { writer, state, journal, published, fatal };
});
afterEach(() => harness.writer.close());

const journaledSeqs = async (): Promise<number[]> => (await createJournal(pool).readAfter(0)).map((record) => record.seq);

describe('JournalWriter when an append fails', () => {
  it('applies, publishes and returns a record that landed although the append reported an error', async () => {
    const { writer, state, journal, published } = harness;
    journal.failAppends('after', () => true);
    const event = submitted();
    const [envelope] = await writer.commit([event]);
    expect(envelope).toMatchObject({ seq: 1, event: { orderId: event.orderId }, order: { status: 'SUBMITTED' } });
    expect(state.lastSeq).toBe(1);
    expect(published.map((e) => e.seq)).toEqual([1]);
    // The next commit takes the next seq instead of colliding with the one that landed.
    await writer.commit([submitted()]);
    expect(await journaledSeqs()).toEqual([1, 2]);
    expect(published.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('waits for the outcome of an append cut off mid-statement before re-reading: rows the server committed afterwards count', async () => {
    const { writer, state, journal, published } = harness;
    journal.failAppends('late', () => true);
    const event = submitted();
    const [envelope] = await writer.commit([event]);
    expect(envelope).toMatchObject({ seq: 1, event: { orderId: event.orderId } });
    expect(state.lastSeq).toBe(1);
    expect(published.map((e) => e.seq)).toEqual([1]);
    await writer.commit([submitted()]);
    expect(await journaledSeqs()).toEqual([1, 2]);
  });

  it('fails the command with a DomainError when the record did not land, and goes on with the same seq', async () => {
    const { writer, state, journal, published } = harness;
    journal.failAppends('before', () => true);
    const error = await writer.commit([submitted()]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JournalUnavailableError);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INTERNAL');
    expect((error as Error).message).toMatch(/nothing was changed/);
    expect(state.lastSeq).toBe(0);
    expect(published).toEqual([]);
    await writer.commit([submitted()]);
    expect(await journaledSeqs()).toEqual([1]);
  });

  it('holds later commits while the journal cannot be re-read, then applies what landed first', async () => {
    const { writer, journal, published } = harness;
    journal.failAppends('after', () => true);
    journal.failReads = 3; // the database is away for a moment right after the commit
    const first = writer.commit([submitted()]);
    const second = writer.commit([submitted()]);
    const [a] = await first;
    const [b] = await second;
    expect(journal.calls.failedReads).toBe(3);
    expect([a?.seq, b?.seq]).toEqual([1, 2]);
    expect(published.map((e) => e.seq)).toEqual([1, 2]);
    expect(await journaledSeqs()).toEqual([1, 2]);
  });

  it('treats a state that refuses a journaled record as fatal and refuses every later commit', async () => {
    const { writer, state, journal, fatal } = harness;
    // A bug: something applies the record behind the writer's back, so the writer's own apply
    // sees a gap right after a successful append.
    journal.onAppended = (records) => {
      journal.onAppended = null;
      for (const record of records) state.apply(record);
    };
    const error = await writer.commit([submitted()]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JournalUnavailableError);
    expect(fatal).toHaveLength(1);
    expect(String(fatal[0])).toMatch(/journal out of order/);
    const later = await writer.commit([submitted()]).catch((caught: unknown) => caught);
    expect(later).toBeInstanceOf(JournalUnavailableError);
    expect(await journaledSeqs()).toEqual([1]);
  });
});

describe('JournalWriter group commit', () => {
  it('writes the commits that queue behind an INSERT in flight as one batch, in order, with contiguous seqs', async () => {
    const { writer, journal, published } = harness;
    const events = Array.from({ length: 50 }, () => submitted());
    const results = await Promise.all(events.map((event) => writer.commit([event])));
    // The first commit starts an INSERT at once; the other 49 arrive while it is in flight.
    expect(journal.calls.append).toBe(2);
    expect(writer.stats).toEqual({ batches: 2, records: 50 });
    expect(results.map(([envelope]) => envelope?.event.orderId)).toEqual(events.map((event) => event.orderId));
    expect(results.map(([envelope]) => envelope?.seq)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(published.map((envelope) => envelope.seq)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(await journaledSeqs()).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
  });

  it('refuses an illegal commit alone; the rest of its batch lands', async () => {
    const { writer } = harness;
    const first = writer.commit([submitted()]);
    const good = submitted();
    const illegal: EngineEvent = { type: 'OrderAccepted', accountId: ACCOUNT_A, orderId: 'no-such-order' as never, at: 1, brokerOrderId: 'B' };
    const results = await Promise.allSettled([first, writer.commit([illegal]), writer.commit([good])]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.name).toBe('IllegalTransitionError');
    expect(await journaledSeqs()).toEqual([1, 2]);
  });

  it('fails only the commit whose client order id the database already holds, writing the others', async () => {
    const { writer, state } = harness;
    const duplicate = submitted();
    if (duplicate.type !== 'OrderSubmitted') throw new Error('stub');
    // Written behind this writer's back (another engine on the same database), out of its seq range.
    await pool.query("INSERT INTO engine_events (seq, account_id, order_id, client_order_id, type, payload) VALUES (-1, $1, 'x', $2, 'OrderSubmitted', '{}')", [ACCOUNT_A, duplicate.clientOrderId]);
    const first = writer.commit([submitted()]);
    const results = await Promise.allSettled([first, writer.commit([submitted()]), writer.commit([duplicate]), writer.commit([submitted()])]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason.name).toBe('DuplicateClientOrderIdError');
    expect(await journaledSeqs()).toEqual([1, 2, 3]);
    expect(state.lastSeq).toBe(3);
  });
});
