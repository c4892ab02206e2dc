import { describe, expect, it } from 'vitest';
import { accountNet, finalSignal, reconfigure, RESTING_LIMIT, strategyOrders } from '../testing/strategy-signal-run.ts';
import { useStrategyEngines } from '../testing/strategy-test-engine.ts';

/**
 * A reversal while the strategy's entry still rests at the broker (a LIMIT the market left): the
 * book counts the entry as if filled, and the reversal used to sell the "held" lot plus the new
 * short — selling what was never bought, one lot more short than TradingView's position. Its
 * closing part must cancel the entry and close only what is held; its opening part is the target.
 */
const engines = useStrategyEngines();

describe('a reversing alert while the entry still works', () => {
  it.each([
    ['reverse', { action: 'REVERSE' }],
    ['sell 2', { action: 'SELL', contracts: 2 }],
  ])('%s: cancels the unfilled entry and sells only the new short', async (_name, alert) => {
    const { engine, fixtures } = await engines.withEngine();
    let strategy = await fixtures.createStrategy(RESTING_LIMIT);
    await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: 1 }));
    const [entry] = strategyOrders(engine, fixtures, strategy);
    expect(entry?.status).toBe('OPEN'); // the premise: the entry rests
    const lot = entry!.quantity;

    strategy = await reconfigure(fixtures, strategy, { orderType: 'MARKET' });
    const reversal = await finalSignal(fixtures, await fixtures.receive(strategy, alert));

    expect(reversal.status).toBe('EXECUTED');
    expect(engine.services.state.order(entry!.orderId)?.status).toBe('CANCELED');
    const sells = strategyOrders(engine, fixtures, strategy).filter((order) => order.side === 'SELL');
    expect(sells.map((order) => [order.quantity, order.status])).toEqual([[lot, 'FILLED']]);
    // TradingView's position after the reversal: short 1 lot. Not 2.
    expect(accountNet(engine, fixtures, entry!.instrumentId)).toBe(-lot);
    expect(reversal.events.find((event) => event.stage === 'RISK_CHECKED')?.detail).toMatchObject({ canceledOrderIds: [entry!.orderId], quantity: lot });
  });

  it('with the entry filled, a reversal still sells the held lot and the new short together', async () => {
    const { engine, fixtures } = await engines.withEngine();
    const strategy = await fixtures.createStrategy();
    await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: 1 }));
    const [entry] = strategyOrders(engine, fixtures, strategy);
    expect(entry?.status).toBe('FILLED');

    const reversal = await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'REVERSE' }));
    expect(reversal.status).toBe('EXECUTED');
    const sells = strategyOrders(engine, fixtures, strategy).filter((order) => order.side === 'SELL');
    expect(sells.map((order) => order.quantity)).toEqual([2 * entry!.quantity]);
    expect(accountNet(engine, fixtures, entry!.instrumentId)).toBe(-entry!.quantity);
  });
});
