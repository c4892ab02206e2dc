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
