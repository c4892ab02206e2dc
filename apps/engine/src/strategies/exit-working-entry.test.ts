import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '@strikedesk/domain/testing';
import { StrategyConfigSchema, type Strategy } from '@strikedesk/domain';
import type { RunningEngine } from '../engine.ts';
import { createSignalFixtures } from '../testing/signal-fixtures.ts';
import { createTestDatabase, ManualClock, startTestEngine, TEST_START } from '../testing/test-engine.ts';

/**
 * An exit alert while the strategy's entry is still working at the broker (a LIMIT that the market
 * ran away from): the exit must not sell what was never bought. Sized from book + working order, it
 * used to sell it anyway; the entry then rested unfilled and the account was short — a position
 * the exit opened.
 */
type Fixtures = Awaited<ReturnType<typeof createSignalFixtures>>;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

async function setup() {
  const database = await createTestDatabase();
  const fixtures = await createSignalFixtures(database);
  cleanups.push(() => database.drop(), () => fixtures.close());
  const engine: RunningEngine = await startTestEngine(database, new ManualClock(TEST_START));
  cleanups.push(() => engine.close());
  return { engine, fixtures };
}

const finalSignal = (fixtures: Fixtures, signalId: string) =>
  waitUntil(
    async () => {
      const signal = await fixtures.signals.detail(fixtures.userId, signalId);
      return signal && !['ACCEPTED', 'PROCESSING'].includes(signal.status) ? signal : undefined;
    },
    { timeoutMs: 10_000, message: `signal ${signalId} processed` },
  );

/** A new version of the strategy's configuration (alerts are processed with the version they arrived under). */
const reconfigure = (fixtures: Fixtures, strategy: Strategy, config: Record<string, unknown>): Promise<Strategy> =>
  fixtures.strategies.updateConfig({
    strategyId: strategy.id,
    userId: fixtures.userId,
    expectedVersion: strategy.version,
    config: StrategyConfigSchema.parse({ ...strategy.config, ...config }),
    comment: '',
  });

// A buy limit at the last price (no buffer) rests under the ask of the simulated market.
const RESTING_LIMIT = { orderType: 'LIMIT', limitBufferPercent: 0 };

const accountNet = (engine: RunningEngine, fixtures: Fixtures, instrumentId: string): number =>
  engine.services.state.positionsOf(fixtures.accountId).filter((position) => position.instrumentId === instrumentId).reduce((sum, position) => sum + position.netQuantity, 0);

describe('an exit alert while the entry still works', () => {
  it('cancels the unfilled entry and sells nothing that was not bought', async () => {
    const { engine, fixtures } = await setup();
    let strategy = await fixtures.createStrategy(RESTING_LIMIT);
    await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: 1 }));
    const [entry] = engine.services.state.ordersOf(fixtures.accountId).filter((order) => order.strategyId === strategy.id);
    expect(entry?.status).toBe('OPEN'); // the premise: the entry rests

    strategy = await reconfigure(fixtures, strategy, { orderType: 'MARKET' });
    const exit = await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'EXIT' }));

    const orders = engine.services.state.ordersOf(fixtures.accountId).filter((order) => order.strategyId === strategy.id);
    expect(orders.filter((order) => order.side === 'SELL')).toEqual([]);
    expect(engine.services.state.order(entry!.orderId)?.status).toBe('CANCELED');
    expect(accountNet(engine, fixtures, entry!.instrumentId)).toBe(0);
    expect(exit.status).toBe('NO_ACTION');
    expect(exit.reasonMessage).toMatch(/cancel/i);
  });

  it('with part of the position bought and more still working, closes what is held and cancels the rest', async () => {
    const { engine, fixtures } = await setup();
    let strategy = await fixtures.createStrategy();
    await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: 1 }));
    strategy = await reconfigure(fixtures, strategy, RESTING_LIMIT);
    await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: 1, comment: 'add' }));
    const working = engine.services.state.openOrdersOf(fixtures.accountId).filter((order) => order.strategyId === strategy.id);
    expect(working).toHaveLength(1);
    const lot = working[0]!.quantity;

    strategy = await reconfigure(fixtures, strategy, { orderType: 'MARKET' });
    const exit = await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'EXIT' }));

    expect(exit.status).toBe('EXECUTED');
    const sells = engine.services.state.ordersOf(fixtures.accountId).filter((order) => order.strategyId === strategy.id && order.side === 'SELL');
    expect(sells.map((order) => order.quantity)).toEqual([lot]);
    expect(engine.services.state.order(working[0]!.orderId)?.status).toBe('CANCELED');
    expect(engine.services.state.openOrdersOf(fixtures.accountId)).toEqual([]);
    expect(accountNet(engine, fixtures, working[0]!.instrumentId)).toBe(0);
  });
});
