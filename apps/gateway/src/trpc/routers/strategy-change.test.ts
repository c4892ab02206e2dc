import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Strategy, StrategyConfig } from '@strikedesk/domain';
import { failureOf, type GatewayClient } from '../../testing/gateway-client.ts';
import { signedInAdmin, signedInUser } from '../../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../../testing/test-stack.ts';
import { createLiveStrategy, postAlert, processedSignal } from '../../testing/webhook-fixtures.ts';

/**
 * A change of mode, instrument or product re-routes the strategy's later alerts: while it still
 * holds a position (or has working orders) its exit alerts would find nothing to close in the new
 * account, instrument or product. The gateway asks the engine and refuses such a change.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const send = async (client: GatewayClient, url: string, body: object) => processedSignal(client, (await postAlert(url, body)).body['signalId']);
const reconfigure = (client: GatewayClient, strategy: Strategy, config: Partial<StrategyConfig>) =>
  client.trpc.strategies.updateConfig.mutate({ strategyId: strategy.id, expectedVersion: strategy.version, config: { ...strategy.config, ...config }, comment: '' });

describe('a change that would strand what the strategy holds', () => {
  it('product or instrument: refused while the strategy holds a position, other edits pass, allowed once flat', async () => {
    const trader = await signedInUser(stack, 'sc-trader', 'trader');
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    expect(await send(trader, url, { alert_id: 'p-1', action: 'buy', contracts: 1 })).toMatchObject({ status: 'EXECUTED' });

    const product = await failureOf(reconfigure(trader, strategy, { product: 'NRML' }));
    expect(product).toMatchObject({ code: 'CONFLICT', appCode: 'STRATEGY_HAS_EXPOSURE' });
    expect(product.message).toMatch(/^Close its position in NIFTY .*\(1 lot long, MIS\) first, then change its product \(MIS → NRML\)/);
    const instrument = await failureOf(reconfigure(trader, strategy, { target: { kind: 'CONTINUOUS_FUTURE', underlying: 'BANKNIFTY', nth: 1 } }));
    expect(instrument).toMatchObject({ appCode: 'STRATEGY_HAS_EXPOSURE' });
    expect(instrument.message).toMatch(/change its instrument \(NIFTY .* → BANKNIFTY .*\)/);

    // Guards move nothing: saved.
    const guarded = await reconfigure(trader, strategy, { guards: { ...strategy.config.guards, maxSignalsPerDay: 50 } });
    expect(guarded.version).toBe(strategy.version + 1);
    expect((await trader.trpc.strategies.get.query({ strategyId: strategy.id })).strategy.config.product).toBe('MIS');

    expect(await send(trader, url, { alert_id: 'p-2', action: 'exit' })).toMatchObject({ status: 'EXECUTED' });
    const moved = await reconfigure(trader, guarded, { product: 'NRML' });
    expect(moved.config.product).toBe('NRML');
  });

  it('mode: paper → live is refused while the paper position is open (its exits would go to the live account)', async () => {
    const admin = await signedInAdmin(stack);
    const trader = await signedInUser(stack, 'sc-live', 'trader');
    const broker = await admin.trpc.admin.brokerAccounts.create.mutate({ broker: 'SIMULATED_KITE', name: 'Strategy desk' });
    await admin.trpc.admin.brokerAccounts.assign.mutate({ id: broker.id, traderIds: [(await trader.trpc.auth.me.query()).userId] });
    const live = (await trader.trpc.auth.accounts.query()).find((account) => account.kind === 'live');
    // A strategy made from the live account trades there in LIVE mode, in the paper account in PAPER mode.
    trader.state.token = (await trader.trpc.auth.switchAccount.mutate({ accountId: live!.id })).accessToken;
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    expect(strategy).toMatchObject({ mode: 'PAPER', accountId: live!.id });
    expect(await send(trader, url, { alert_id: 'm-1', action: 'sell', contracts: 1 })).toMatchObject({ status: 'EXECUTED' });

    const refused = await failureOf(trader.trpc.strategies.updateSettings.mutate({ strategyId: strategy.id, mode: 'LIVE' }));
    expect(refused).toMatchObject({ code: 'CONFLICT', appCode: 'STRATEGY_HAS_EXPOSURE' });
    expect(refused.message).toMatch(/^Close its position in NIFTY .*\(1 lot short, MIS\) first, then change its mode \(PAPER → LIVE\)/);
    expect((await trader.trpc.strategies.get.query({ strategyId: strategy.id })).strategy.mode).toBe('PAPER');
    // Other settings still change.
    expect((await trader.trpc.strategies.updateSettings.mutate({ strategyId: strategy.id, name: 'Renamed' })).name).toBe('Renamed');

    expect(await send(trader, url, { alert_id: 'm-2', action: 'exit' })).toMatchObject({ status: 'EXECUTED' });
    expect((await trader.trpc.strategies.updateSettings.mutate({ strategyId: strategy.id, mode: 'LIVE' })).mode).toBe('LIVE');
  });
});
