import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOrderEvent, type EngineEventEnvelope, type Instrument, type Order, type PlaceOrderInput } from '@strikedesk/domain';
import { createJournal, createPool, createSnapshotStore, type Pool } from '@strikedesk/db/client';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { RunningEngine } from '../engine.ts';
import { TradingState } from '../orders/trading-state.ts';
import { ACCOUNT_A, ACCOUNT_B, ManualClock, TEST_START, USER_A, createTestDatabase, restingBuyPrice, startTestEngine } from '../testing/test-engine.ts';
import { SNAPSHOT_FORMAT } from './snapshot-codec.ts';

let database: TestDatabase;
let pool: Pool;
let engine: RunningEngine;
let clock = new ManualClock(TEST_START);

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
  engine = await startTestEngine(database, clock);
});
afterAll(async () => {
  await engine?.close();
  await pool?.end();
  await database?.drop();
});

const future = (): Instrument => engine.services.catalog.chains[0]!.future!;
const submit = (order: Partial<PlaceOrderInput>, account = ACCOUNT_A): Promise<Order> => {
  clock.advance(250);
  return engine.services.orders.submit({
    accountId: account,
    userId: USER_A,
    origin: 'TERMINAL',
    order: { instrumentId: future().id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: 65, price: null, triggerPrice: null, ...order },
  });
};
async function trade(rounds: number): Promise<void> {
  for (let index = 0; index < rounds; index += 1) {
    await submit({ side: index % 3 === 0 ? 'SELL' : 'BUY', quantity: 65 * (1 + (index % 4)), strategyId: index % 2 === 0 ? ('trend' as never) : undefined });
    await submit({ type: 'LIMIT', price: restingBuyPrice(engine, future().id) }, index % 2 === 0 ? ACCOUNT_A : ACCOUNT_B);
  }
}
const fullReplay = async (): Promise<TradingState> => {
  const state = new TradingState();
  for (const record of await createJournal(pool).readAfter(0, 1_000_000)) state.apply(record);
  return state;
};
const views = () => ({
  ordersA: engine.services.orders.listOrders(ACCOUNT_A),
  ordersB: engine.services.orders.listOrders(ACCOUNT_B),
  positionsA: engine.services.orders.listPositions(ACCOUNT_A),
  booksA: engine.services.orders.listBookPositions(ACCOUNT_A),
});

describe('journal snapshots', () => {
  it('are folded by a worker from the journal; a restart loads the newest and replays only the tail, to the same state', async () => {
    await trade(12);
    const taken = await engine.services.snapshots.snapshotNow();
    if ('error' in taken) throw new Error(taken.error);
    expect(taken.seq).toBe(engine.services.lastSeq());
    expect(taken.bytes).toBeGreaterThan(0);
    await trade(4); // the tail after the snapshot
    const before = { views: views(), lastSeq: engine.services.lastSeq() };
    await engine.close();

    clock = new ManualClock(clock.time);
    engine = await startTestEngine(database, clock);
    expect(engine.recovered).toMatchObject({ snapshotSeq: taken.seq, replayed: before.lastSeq - taken.seq, lastSeq: before.lastSeq });
    expect(views()).toEqual(before.views);
    expect(engine.services.state.toSnapshot()).toEqual((await fullReplay()).toSnapshot());
  });

  it('a second snapshot continues from the first, and only the newest two are kept', async () => {
    await trade(2);
    const second = await engine.services.snapshots.snapshotNow();
    await trade(2);
    const third = await engine.services.snapshots.snapshotNow();
    if ('error' in second || 'error' in third) throw new Error('snapshot failed');
    expect(second.replayed).toBeGreaterThan(0);
    expect(third.replayed).toBe(third.seq - second.seq); // folded from the previous snapshot, not from seq 0
    const kept = await pool.query<{ seq: number }>('SELECT seq FROM engine_snapshots ORDER BY seq');
    expect(kept.rows.map((row) => row.seq)).toEqual([second.seq, third.seq]);
  });

  it('the event stream serves orders older than the snapshot from the journal, as they stood at each seq', async () => {
    const envelopes: EngineEventEnvelope[] = [];
    const controller = new AbortController();
    const lastSeq = engine.services.lastSeq();
    for await (const envelope of engine.services.events.stream('0', controller.signal)) {
      envelopes.push(envelope);
      if (envelope.seq === lastSeq) break;
    }
    controller.abort();
    expect(envelopes.map((envelope) => envelope.seq)).toEqual(Array.from({ length: lastSeq }, (_, index) => index + 1));
    const folded = new Map<string, Order>();
    for (const envelope of envelopes) {
      const order = applyOrderEvent(folded.get(envelope.event.orderId), envelope.event);
      folded.set(order.orderId, order);
      expect(envelope.order).toEqual(order);
    }
  });

  it('ignores a snapshot it cannot read, or one ahead of the journal, and replays the whole journal instead', async () => {
    const store = createSnapshotStore(pool);
    const lastSeq = engine.services.lastSeq();
    await engine.close();
    await pool.query('DELETE FROM engine_snapshots');
    await store.save({ seq: lastSeq, format: SNAPSHOT_FORMAT, state: Buffer.from('not a snapshot') });
    clock = new ManualClock(clock.time);
    engine = await startTestEngine(database, clock);
    expect(engine.recovered).toMatchObject({ snapshotSeq: null, replayed: lastSeq });

    await engine.close();
    await pool.query('DELETE FROM engine_snapshots');
    const good = await fullReplay();
    await store.save({ seq: lastSeq + 10, format: SNAPSHOT_FORMAT, state: Buffer.from('from another database') });
    engine = await startTestEngine(database, clock);
    expect(engine.recovered).toMatchObject({ snapshotSeq: null, replayed: lastSeq });
    expect(engine.services.state.toSnapshot()).toEqual(good.toSnapshot());
    // Deleted, not only skipped: once this journal grows past its seq it must not be loaded.
    expect(await store.latest(SNAPSHOT_FORMAT)).toBeNull();
    await trade(6);
    await engine.close();
    const grown = await fullReplay();
    expect(grown.lastSeq).toBeGreaterThan(lastSeq + 10);
    engine = await startTestEngine(database, clock);
    expect(engine.recovered).toMatchObject({ snapshotSeq: null, replayed: grown.lastSeq });
    expect(engine.services.state.toSnapshot()).toEqual(grown.toSnapshot());
  });
});
