import { describe, expect, it } from 'vitest';
import type { RunningEngine } from '../engine.ts';
import { finalSignal, type SignalFixtures } from '../testing/strategy-signal-run.ts';
import { useStrategyEngines } from '../testing/strategy-test-engine.ts';

const engines = useStrategyEngines();

const webhookOrders = (engine: RunningEngine, fixtures: SignalFixtures) => engine.services.state.ordersOf(fixtures.accountId).filter((order) => order.origin === 'WEBHOOK');

describe('signal processing in the engine', () => {
  it('an alert stored while the engine was down is processed once when it starts', async () => {
    const { fixtures, start } = await engines.withFixtures();
    const strategy = await fixtures.createStrategy();
    const signalId = await fixtures.receive(strategy, { action: 'BUY', contracts: 1 });

    const engine = await start();
    const signal = await finalSignal(fixtures, signalId);
    expect(signal.status).toBe('EXECUTED');
    expect(webhookOrders(engine, fixtures)).toHaveLength(1);
  });

  it('an engine that stopped after placing the order but before recording it places no second order', async () => {
    const { fixtures, start } = await engines.withFixtures();
    const strategy = await fixtures.createStrategy();
    const first = await start();
    const signalId = await fixtures.receive(strategy, { action: 'BUY', contracts: 2 });
    await finalSignal(fixtures, signalId);
    const [order] = webhookOrders(first, fixtures);
    expect(order).toBeDefined();
    await first.close();

    // What a crash between the order's journal commit and the signal's outcome leaves behind.
    await fixtures.pool.query(`UPDATE signals SET status = 'PROCESSING', order_ids = '{}' WHERE id = $1`, [signalId]);
    const second = await start();
    const signal = await finalSignal(fixtures, signalId);
    expect(signal).toMatchObject({ status: 'EXECUTED', orderIds: [order!.orderId] });
    expect(webhookOrders(second, fixtures)).toHaveLength(1);
    expect(second.services.state.bookPositionsOf(fixtures.accountId).find((position) => position.strategyId === strategy.id)?.netQuantity).toBe(order!.quantity);
  });

  it('signals of one strategy are processed in arrival order', async () => {
    const { fixtures, start } = await engines.withFixtures();
    const strategy = await fixtures.createStrategy();
    const ids = [];
    // Stored before the engine starts, so one batch holds all of them.
    for (const message of [{ action: 'BUY', contracts: 2 }, { action: 'SELL', contracts: 1 }, { action: 'EXIT' }, { action: 'SELL', contracts: 1, comment: 'again' }]) {
      ids.push(await fixtures.receive(strategy, message));
    }
    const engine = await start();
    for (const id of ids) await finalSignal(fixtures, id);
    const sides = webhookOrders(engine, fixtures)
      .reverse()
      .map((order) => `${order.side} ${order.quantity / 65}`);
    expect(sides).toEqual(['BUY 2', 'SELL 1', 'SELL 1', 'SELL 1']);
  });

  it('the kill switch stops automation: the signal is rejected with its reason and nothing is sent', async () => {
    const { fixtures, start } = await engines.withFixtures();
    const strategy = await fixtures.createStrategy();
    const engine = await start();
    await engine.services.killSwitch.engage({ accountId: fixtures.accountId, userId: fixtures.userId, halt: { scope: 'ACCOUNT', reason: 'stop the bots', flatten: false } });
    const signal = await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: 1 }));
    expect(signal).toMatchObject({ status: 'REJECTED', reasonCode: 'KILL_SWITCH_ENGAGED' });
    expect(signal.reasonMessage).toContain('stop the bots');
    expect(webhookOrders(engine, fixtures)).toHaveLength(0);
  });

  it("a daily-loss stop refuses an alert's new position but lets its exit close the strategy's", async () => {
    const { fixtures, start } = await engines.withFixtures();
    const strategy = await fixtures.createStrategy();
    const engine = await start();
    expect((await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: 2 }))).status).toBe('EXECUTED');
    await engine.services.halts.engage({ scope: 'ACCOUNT', accountId: fixtures.accountId, kind: 'DAILY_LOSS', reason: 'Daily loss limit reached', flatten: false, engagedBy: null });

    const entry = await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: 1, comment: 'more' }));
    expect(entry).toMatchObject({ status: 'REJECTED', reasonCode: 'RISK_DAILY_LOSS' });
    const exit = await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'EXIT' }));
    expect(exit.status).toBe('EXECUTED');
    expect(engine.services.state.bookPositionsOf(fixtures.accountId).find((position) => position.strategyId === strategy.id)?.netQuantity).toBe(0);
  });

  it('LIMIT strategies price at LTP plus the buffer, on the tick', async () => {
    const { fixtures, start } = await engines.withFixtures();
    const strategy = await fixtures.createStrategy({ orderType: 'LIMIT', limitBufferPercent: 1 });
    const engine = await start();
    const signal = await finalSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', contracts: 1 }));
    const [order] = webhookOrders(engine, fixtures);
    const instrument = engine.services.catalog.get(order!.instrumentId)!;
    const last = engine.services.market.latest(order!.instrumentId)!.lastPrice;
    expect(signal.status).toBe('EXECUTED');
    expect(order!.type).toBe('LIMIT');
    expect(order!.price! % instrument.tickSize).toBe(0);
    expect(order!.price!).toBeGreaterThanOrEqual(last * 1.01);
    expect(order!.price!).toBeLessThan(last * 1.01 + instrument.tickSize);
  });

  it('a queued alert is checked again when processed: a strategy disabled meanwhile, or an alert that waited too long, trades nothing', async () => {
    const { fixtures, start } = await engines.withFixtures();
    const disabled = await fixtures.createStrategy();
    const late = await fixtures.createStrategy({ guards: { maxDelaySeconds: 60 } });
    const disabledSignal = await fixtures.receive(disabled, { action: 'BUY', contracts: 1 });
    const lateSignal = await fixtures.receive(late, { action: 'BUY', contracts: 1 });
    await fixtures.strategies.updateSettings({ strategyId: disabled.id, userId: fixtures.userId, enabled: false });
    await fixtures.pool.query(`UPDATE signals SET received_at = now() - interval '5 minutes' WHERE id = $1`, [lateSignal]);

    const engine = await start();
    expect(await finalSignal(fixtures, disabledSignal)).toMatchObject({ status: 'REJECTED', reasonCode: 'WEBHOOK_STRATEGY_DISABLED' });
    expect(await finalSignal(fixtures, lateSignal)).toMatchObject({ status: 'REJECTED', reasonCode: 'SIGNAL_TOO_OLD' });
    expect(webhookOrders(engine, fixtures)).toHaveLength(0);
  });

  it('claiming a notified signal takes the older waiting signals of its strategy first', async () => {
    const { fixtures } = await engines.withFixtures();
    const strategy = await fixtures.createStrategy();
    const other = await fixtures.createStrategy();
    const first = await fixtures.receive(strategy, { action: 'BUY', contracts: 1 });
    const unrelated = await fixtures.receive(other, { action: 'BUY', contracts: 1 });
    const second = await fixtures.receive(strategy, { action: 'EXIT' });
    // The notification of `second` arrived before that of `first`.
    const claimed = await fixtures.signals.claim(10, [second]);
    expect(claimed.map((signal) => signal.id)).toEqual([first, second]);
    expect((await fixtures.signals.claim(10)).map((signal) => signal.id)).toEqual([unrelated]);
  });
});
