import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitUntil } from '@strikedesk/domain/testing';
import { spawnEngine, type EngineProcess } from '../testing/engine-process.ts';
import type { GatewayClient } from '../testing/gateway-client.ts';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { createLiveStrategy, postAlert, processedSignal } from '../testing/webhook-fixtures.ts';

let stack: TestStack;
let trader: GatewayClient;
let restarted: EngineProcess | null = null;

beforeAll(async () => {
  stack = await startTestStack();
  trader = await signedInUser(stack, 'tv-restart', 'trader');
}, 60_000);
afterAll(async () => {
  await restarted?.stop();
  await stack?.close();
});

it('alerts received while the engine is down are stored, acknowledged, and traded exactly once when it is back', async () => {
  const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
  const port = new URL(stack.engine!.url).port;
  await stack.engine!.stop();
  await waitUntil(() => !stack.gateway.engine.isConnected(), { message: 'gateway sees the engine gone' });

  const started = Date.now();
  const replies = await Promise.all([
    postAlert(url, { alert_id: 'down-1', action: 'buy', contracts: 1 }),
    postAlert(url, { alert_id: 'down-1', action: 'buy', contracts: 1 }), // TradingView's resend
    postAlert(url, { alert_id: 'down-2', action: 'sell', contracts: 1 }),
  ]);
  expect(Date.now() - started).toBeLessThan(3_000); // inside TradingView's 3 s, engine or not
  expect(replies.map((reply) => reply.body['status']).sort()).toEqual(['accepted', 'accepted', 'duplicate']);
  const queued = await trader.trpc.signals.list.query({ strategyId: strategy.id });
  expect(queued.map((signal) => signal.status)).toEqual(['ACCEPTED', 'ACCEPTED']);

  restarted = await spawnEngine({ databaseUrl: stack.database.url, token: stack.engine!.token, env: { ENGINE_PORT: port } });
  await waitUntil(() => stack.gateway.engine.isConnected(), { timeoutMs: 20_000, message: 'gateway reconnects to the engine' });
  for (const signal of queued) expect((await processedSignal(trader, signal.id)).status).toBe('EXECUTED');
  const orders = (await trader.trpc.orders.list.query()).filter((order) => order.strategyId === strategy.id);
  expect(orders.map((order) => order.side).sort()).toEqual(['BUY', 'SELL']);
});
