import { describe, expect, it } from 'vitest';
import { accountNet, finalSignal, reconfigure, RESTING_LIMIT, strategyOrders } from '../testing/strategy-signal-run.ts';
import { useStrategyEngines } from '../testing/strategy-test-engine.ts';

/**
 * An exit alert while the strategy's entry is still working at the broker (a LIMIT that the market
 * ran away from): the exit must not sell what was never bought. Sized from book + working order, it
 * used to sell it anyway; the entry then rested unfilled and the account was short — a position
 * the exit opened.
 */
const engines = useStrategyEngines();

describe('an exit alert while the entry still works', () => {
  it('cancels the unfilled entry and sells nothing that was not bought', async () => {
    const { engine, fixtures } = await engines.withEngine();
    let strategy = await fixtures.createStrategy(RESTING_LIMIT);
    await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: 1 }));
    const [entry] = strategyOrders(engine, fixtures, strategy);
    expect(entry?.status).toBe('OPEN'); // the premise: the entry rests

    strategy = await reconfigure(fixtures, strategy, { orderType: 'MARKET' });
    const exit = await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'EXIT' }));

    const orders = strategyOrders(engine, fixtures, strategy);
    expect(orders.filter((order) => order.side === 'SELL')).toEqual([]);
    expect(engine.services.state.order(entry!.orderId)?.status).toBe('CANCELED');
    expect(accountNet(engine, fixtures, entry!.instrumentId)).toBe(0);
    expect(exit.status).toBe('NO_ACTION');
    expect(exit.reasonMessage).toMatch(/cancel/i);
  });

  it('with part of the position bought and more still working, closes what is held and cancels the rest', async () => {
    const { engine, fixtures } = await engines.withEngine();
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
    const sells = strategyOrders(engine, fixtures, strategy).filter((order) => order.side === 'SELL');
    expect(sells.map((order) => order.quantity)).toEqual([lot]);
    expect(engine.services.state.order(working[0]!.orderId)?.status).toBe('CANCELED');
    expect(engine.services.state.openOrdersOf(fixtures.accountId)).toEqual([]);
    expect(accountNet(engine, fixtures, working[0]!.instrumentId)).toBe(0);
  });
});
