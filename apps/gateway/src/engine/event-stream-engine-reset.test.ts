import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { Order } from '@strikedesk/domain';
import { createTestDatabase, type TestDatabase } from '@strikedesk/db/testing';
import { spawnEngine, type EngineProcess } from '../testing/engine-process.ts';
import { loginAs, type GatewayClient } from '../testing/gateway-client.ts';
import { pickTradableOption, restingBuy, type TradableOption } from '../testing/market-fixtures.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { waitUntil } from '@strikedesk/domain/testing';

// The engine restarts on a fresh database at the same URL: its journal starts again at seq 1, far
// behind the gateway's resume point. Needs the engine to refuse that resume with
// EVENT_STREAM_AHEAD (apps/engine events.stream); the gateway then follows the new journal.
const token = randomBytes(16).toString('hex');
const databases: TestDatabase[] = [];
const engines: EngineProcess[] = [];
let stack: TestStack;
let trader: GatewayClient;
let socket: Socket | undefined;
let option: TradableOption;
const pushes: Order[] = [];

async function startEngine(port: number | null): Promise<EngineProcess> {
  const database = await createTestDatabase();
  databases.push(database);
  const engine = await spawnEngine({ databaseUrl: database.url, token, ...(port === null ? {} : { env: { ENGINE_PORT: String(port) } }) });
  engines.push(engine);
  return engine;
}

beforeAll(async () => {
  const first = await startEngine(null);
  stack = await startTestStack({ engine: false, env: { ENGINE_URL: first.url, ENGINE_TOKEN: token } });
  await waitUntil(() => stack.gateway.engine.isConnected(), { timeoutMs: 15_000, message: 'gateway connects to engine A' });
  await createTestUser(stack.gateway.identity, 'survivor', 'trader');
  trader = stack.client();
  await loginAs(trader, 'survivor', TEST_PASSWORD);
  option = await pickTradableOption(trader);
  socket = connect(stack.gateway.url, { path: '/socket.io', auth: { token: trader.state.token }, transports: ['websocket'], reconnection: false });
  socket.on('order', (order: Order) => pushes.push(order));
  await new Promise<void>((resolve, reject) => {
    socket?.once('connect', () => resolve());
    socket?.once('connect_error', reject);
  });
});
afterAll(async () => {
  socket?.disconnect();
  await stack?.close();
  for (const engine of engines) await engine.stop();
  for (const database of databases) await database.drop();
});

describe('engine restarted on a reset database', () => {
  it('the gateway keeps pushing the new engine’s events', async () => {
    // Several orders on engine A put the gateway's resume point well past what B will reach.
    for (let i = 0; i < 3; i += 1) {
      const placed = await trader.trpc.orders.place.mutate(restingBuy(option));
      await waitUntil(() => pushes.some((order) => order.orderId === placed.orderId), { message: 'order on engine A pushed' });
    }
    const seqOnA = stack.gateway.engine.events.lastSeq() ?? 0;
    expect(seqOnA).toBeGreaterThanOrEqual(3);

    const [engineA] = engines;
    if (!engineA) throw new Error('engine A expected');
    const port = Number(new URL(engineA.url).port);
    await engineA.stop();
    await startEngine(port);
    await waitUntil(() => stack.gateway.engine.isConnected(), { timeoutMs: 20_000, message: 'gateway reconnects to engine B' });
    await waitUntil(() => (stack.gateway.engine.events.lastSeq() ?? seqOnA) < seqOnA, {
      timeoutMs: 15_000,
      message: 'gateway follows engine B’s journal (needs the engine to answer EVENT_STREAM_AHEAD)',
    });

    const onB = await trader.trpc.orders.place.mutate(restingBuy(option));
    await waitUntil(() => pushes.some((order) => order.orderId === onB.orderId), { timeoutMs: 10_000, message: 'order on engine B pushed' });
    expect(stack.gateway.engine.events.lastSeq()).toBeLessThan(seqOnA);
  });
});
