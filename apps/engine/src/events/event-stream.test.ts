import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, type EngineEvent, type EngineEventEnvelope } from '@strikedesk/domain';
import { createJournal, createPool, type Pool } from '@strikedesk/db/client';
import type { TestDatabase } from '@strikedesk/db/testing';
import { stubOrderSubmitted } from '@strikedesk/domain/testing';
import { JournalWriter } from '../orders/journal-writer.ts';
import { TradingState } from '../orders/trading-state.ts';
import { ACCOUNT_A, USER_A, createTestDatabase } from '../testing/test-engine.ts';
import { EventStream, EventStreamOverflowError } from './event-stream.ts';
import { SubscriberOverflowError, Topic } from './topic.ts';

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
  return stubOrderSubmitted({ accountId: ACCOUNT_A, userId: USER_A, orderId: `261209-${counter}`, clientOrderId: `s-${counter}` });
};

describe('Topic.subscribe with a bounded buffer', () => {
  it('keeps a consumer that keeps up, and fails one that falls more than the cap behind', async () => {
    const topic = new Topic<number>();
    const keepsUp = topic.subscribe(undefined, { maxBuffered: 2 });
    const fallsBehind = topic.subscribe(undefined, { maxBuffered: 2 });
    for (let value = 1; value <= 5; value += 1) {
      topic.publish(value);
      expect((await keepsUp.next()).value).toBe(value);
    }
    await expect(fallsBehind.next()).rejects.toBeInstanceOf(SubscriberOverflowError);
    expect(fallsBehind.bufferedCount).toBe(0); // the backlog is dropped, not held
    expect(topic.listenerCount).toBe(1);
    await keepsUp.return();
    expect(topic.listenerCount).toBe(0);
  });
});

describe('EventStream live buffer', () => {
  it('ends a subscriber whose socket stays backed up past the cap; resuming from the journal loses nothing', async () => {
    const state = new TradingState();
    const topic = new Topic<EngineEventEnvelope>();
    const journal = createJournal(pool);
    const writer = new JournalWriter(journal, state, topic, { logger: { warn: () => undefined, error: () => undefined }, onFatal: (error) => { throw error; } });
    const events = new EventStream(topic, journal, state, { maxLiveBuffer: 3 });
    const controller = new AbortController();

    const congested = () => true; // the gateway's socket never drains
    const stream = events.stream(null, controller.signal, congested);
    const firstRead = stream.next().catch((error: unknown) => error);
    for (let i = 0; i < 5; i += 1) await writer.commit([submitted()]);

    const error = await firstRead;
    expect(error).toBeInstanceOf(EventStreamOverflowError);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('RATE_LIMITED');
    expect(topic.listenerCount).toBe(0);

    // The consumer resubscribes from the last seq it saw (none) and gets everything from the journal.
    const resumed = events.stream('0', controller.signal);
    const seqs: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const next = await resumed.next();
      if (!next.done) seqs.push(next.value.seq);
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    controller.abort();
    writer.close();
  });

  it('pauses while the socket is backed up and resumes in order once it drains', async () => {
    const state = new TradingState();
    const topic = new Topic<EngineEventEnvelope>();
    const journal = createJournal(pool);
    await pool.query('TRUNCATE engine_events');
    const writer = new JournalWriter(journal, state, topic, { logger: { warn: () => undefined, error: () => undefined }, onFatal: (error) => { throw error; } });
    const events = new EventStream(topic, journal, state, { maxLiveBuffer: 100 });
    const controller = new AbortController();
    let backedUp = true;
    const stream = events.stream(null, controller.signal, () => backedUp);
    let delivered = false;
    const firstRead = stream.next().then((result) => {
      delivered = true;
      return result;
    });
    await writer.commit([submitted()]);
    await writer.commit([submitted()]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(delivered).toBe(false); // held back while the socket has too much queued
    backedUp = false;
    expect((await firstRead).value?.seq).toBe(1);
    expect((await stream.next()).value?.seq).toBe(2);
    controller.abort();
    writer.close();
  });
});
