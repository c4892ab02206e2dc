import { describe, expect, it } from 'vitest';
import { maxSliceQuantity } from '../orders/slicing.ts';
import { finalSignal, strategyOrders } from '../testing/strategy-signal-run.ts';
import { useStrategyEngines } from '../testing/strategy-test-engine.ts';

/**
 * An alert above the exchange freeze quantity is sent as several slices. The signal must link every
 * one of them: the Signals screen lists its orders from `orderIds`, and a slice left out is an
 * order the trader cannot trace back to the alert that placed it.
 */
const engines = useStrategyEngines();

describe('a signal whose order is sliced', () => {
  it('links every slice, and a restart finds them all without placing any again', async () => {
    const { fixtures, start } = await engines.withFixtures();
    let engine = await start();
    const strategy = await fixtures.createStrategy({ risk: { maxLotsPerOrder: 1_000, maxPositionLots: 1_000 } });
    const future = engine.services.catalog.all.filter((instrument) => instrument.underlying === 'NIFTY' && instrument.kind === 'FUTURE').sort((a, b) => (a.expiry ?? '').localeCompare(b.expiry ?? ''))[0]!;
    const lots = Math.floor(maxSliceQuantity(future) / future.lotSize) + 1; // one lot past a slice

    const signal = await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: lots }));
    const orders = strategyOrders(engine, fixtures, strategy);
    expect(orders.length).toBeGreaterThan(1);
    expect(signal.status).toBe('EXECUTED');
    expect([...signal.orderIds].sort()).toEqual(orders.map((order) => order.orderId).sort());

    // As if the engine had stopped before recording the outcome.
    await engine.close();
    await fixtures.pool.query(`UPDATE signals SET status = 'PROCESSING', order_ids = '{}' WHERE id = $1`, [signal.id]);
    engine = await start();
    const again = await finalSignal(fixtures, signal.id);
    expect([...again.orderIds].sort()).toEqual(orders.map((order) => order.orderId).sort());
    expect(strategyOrders(engine, fixtures, strategy)).toHaveLength(orders.length);
  });
});
