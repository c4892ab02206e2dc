import { describe, expect, it } from 'vitest';
import { waitUntil } from '@strikedesk/domain/testing';
import { ManualClock, TEST_START } from '../testing/test-engine.ts';
import { finalSignal, strategyOrders } from '../testing/strategy-signal-run.ts';
import { useStrategyEngines } from '../testing/strategy-test-engine.ts';

/**
 * A signal whose order would find the account's per-second order window full waits for room
 * instead of being denied RISK_ORDER_RATE: the bunching is our own lag (a stall, a restart's
 * backlog), not the trader's alerts (pace-order-rate.ts).
 */
const engines = useStrategyEngines();

describe('a signal meeting a full order-rate window', () => {
  it('waits for the window to move on and is traded, not denied', async () => {
    const clock = new ManualClock(TEST_START);
    const { fixtures, engine } = await engines.withEngine(clock);
    engine.runner.stepNow();
    const future = engine.services.catalog.chains[0]?.future;
    if (!future) throw new Error('no NIFTY future');
    const strategy = await fixtures.createStrategy();

    // Ten order messages in this second of the engine's clock: SEBI's 10 a second per segment.
    for (let index = 0; index < 10; index += 1) {
      const order = await engine.services.orders.submit({
        accountId: fixtures.accountId,
        userId: fixtures.userId,
        origin: 'TERMINAL',
        order: { instrumentId: future.id, side: index % 2 === 0 ? 'BUY' : 'SELL', type: 'MARKET', product: 'MIS', quantity: future.lotSize, price: null, triggerPrice: null },
      });
      expect(order.status).not.toBe('DENIED');
    }

    const signalId = await fixtures.receive(strategy, { action: 'BUY', contracts: 1 });
    // The engine has taken the alert up; its order cannot go in this second.
    await waitUntil(async () => (await fixtures.signals.detail(fixtures.userId, signalId))?.status !== 'ACCEPTED', { message: 'signal taken up' });
    clock.advance(1_001); // the window moves on

    expect(await finalSignal(fixtures, signalId)).toMatchObject({ status: 'EXECUTED' });
    const [order] = strategyOrders(engine, fixtures, strategy);
    expect(order?.status).toBe('FILLED');
  });
});
