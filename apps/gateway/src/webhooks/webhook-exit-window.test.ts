import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { istMinuteOfDay } from '@strikedesk/domain';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import type { GatewayClient } from '../testing/gateway-client.ts';
import { createLiveStrategy, postAlert, processedSignal } from '../testing/webhook-fixtures.ts';

/**
 * After the strategy's time window an entry is refused at intake (409), but an alert that may
 * close the position is stored for the engine, which sends only what closes it: refused, an exit
 * after the window left the position open while TradingView showed flat.
 */
let stack: TestStack;
let trader: GatewayClient;
beforeAll(async () => {
  stack = await startTestStack();
  trader = await signedInUser(stack, 'tv-window-trader', 'trader');
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

/** A window that has already closed (or not yet opened) now, IST. */
const closedWindow = () => (istMinuteOfDay(Date.now()) >= 60 ? { start: '00:00', end: '00:30' } : { start: '12:00', end: '12:30' });
const bookUnits = async (strategyId: string) =>
  (await trader.trpc.positions.books.query()).filter((position) => position.strategyId === strategyId).reduce((sum, position) => sum + position.netQuantity, 0);

describe('TradingView webhook: exits outside the time window', () => {
  it('refuses an entry with 409 but takes a partial exit and an exit through to the engine', async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    const bought = await postAlert(url, { alert_id: 'w-1', action: 'buy', contracts: 2 });
    await processedSignal(trader, bought.body['signalId'], 'FILLED');
    const lot = (await bookUnits(strategy.id)) / 2;
    await trader.trpc.strategies.updateConfig.mutate({
      strategyId: strategy.id,
      expectedVersion: strategy.version,
      config: { ...strategy.config, guards: { ...strategy.config.guards, window: closedWindow() } },
      comment: 'the session is over',
    });

    const entry = await postAlert(url, { alert_id: 'w-2', action: 'buy', contracts: 1, market_position: 'long' });
    expect(entry).toMatchObject({ status: 409, body: { error: 'WEBHOOK_OUTSIDE_WINDOW' } });

    // TradingView's strategy.exit() of one lot: "sell", still long after it.
    const partial = await postAlert(url, { alert_id: 'w-3', action: 'sell', contracts: 1, market_position: 'long', position_size: 1 });
    expect(partial).toMatchObject({ status: 200, body: { status: 'accepted' } });
    expect(await processedSignal(trader, partial.body['signalId'])).toMatchObject({ status: 'EXECUTED' });
    expect(await bookUnits(strategy.id)).toBe(lot);

    const exit = await postAlert(url, { alert_id: 'w-4', action: 'exit' });
    expect(exit).toMatchObject({ status: 200, body: { status: 'accepted' } });
    expect(await processedSignal(trader, exit.body['signalId'])).toMatchObject({ status: 'EXECUTED' });
    expect(await bookUnits(strategy.id)).toBe(0);

    // Let through as a possible exit, a target that would open a position is refused by the engine.
    const target = await postAlert(url, { alert_id: 'w-5', action: 'target', position_size: -1 });
    expect(target.status).toBe(200);
    expect(await processedSignal(trader, target.body['signalId'])).toMatchObject({ status: 'REJECTED', reasonCode: 'WEBHOOK_OUTSIDE_WINDOW' });
    expect(await bookUnits(strategy.id)).toBe(0);
  });
});
