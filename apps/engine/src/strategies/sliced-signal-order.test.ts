import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '@strikedesk/domain/testing';
import type { RunningEngine } from '../engine.ts';
import { maxSliceQuantity } from '../orders/slicing.ts';
import { createSignalFixtures } from '../testing/signal-fixtures.ts';
import { createTestDatabase, ManualClock, startTestEngine, TEST_START } from '../testing/test-engine.ts';

/**
 * An alert above the exchange freeze quantity is sent as several slices. The signal must link every
 * one of them: the Signals screen lists its orders from `orderIds`, and a slice left out is an
 * order the trader cannot trace back to the alert that placed it.
 */
type Fixtures = Awaited<ReturnType<typeof createSignalFixtures>>;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

const finalSignal = (fixtures: Fixtures, signalId: string) =>
  waitUntil(
    async () => {
      const signal = await fixtures.signals.detail(fixtures.userId, signalId);
      return signal && !['ACCEPTED', 'PROCESSING'].includes(signal.status) ? signal : undefined;
    },
    { timeoutMs: 10_000, message: `signal ${signalId} processed` },
  );

describe('a signal whose order is sliced', () => {
  it('links every slice, and a restart finds them all without placing any again', async () => {
    const database = await createTestDatabase();
    const fixtures = await createSignalFixtures(database);
    cleanups.push(() => database.drop(), () => fixtures.close());
    let engine: RunningEngine = await startTestEngine(database, new ManualClock(TEST_START));
    cleanups.push(() => engine.close());
    const strategy = await fixtures.createStrategy({ risk: { maxLotsPerOrder: 1_000, maxPositionLots: 1_000 } });
    const future = engine.services.catalog.all.filter((instrument) => instrument.underlying === 'NIFTY' && instrument.kind === 'FUTURE').sort((a, b) => (a.expiry ?? '').localeCompare(b.expiry ?? ''))[0]!;
    const lots = Math.floor(maxSliceQuantity(future) / future.lotSize) + 1; // one lot past a slice

    const signal = await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: lots }));
    const orders = engine.services.state.ordersOf(fixtures.accountId).filter((order) => order.strategyId === strategy.id);
    expect(orders.length).toBeGreaterThan(1);
    expect(signal.status).toBe('EXECUTED');
    expect([...signal.orderIds].sort()).toEqual(orders.map((order) => order.orderId).sort());

    // As if the engine had stopped before recording the outcome.
    await engine.close();
    cleanups.pop();
    await fixtures.pool.query(`UPDATE signals SET status = 'PROCESSING', order_ids = '{}' WHERE id = $1`, [signal.id]);
    engine = await startTestEngine(database, new ManualClock(TEST_START));
    cleanups.push(() => engine.close());
    const again = await finalSignal(fixtures, signal.id);
    expect([...again.orderIds].sort()).toEqual(orders.map((order) => order.orderId).sort());
    expect(engine.services.state.ordersOf(fixtures.accountId).filter((order) => order.strategyId === strategy.id)).toHaveLength(orders.length);
  });
});
