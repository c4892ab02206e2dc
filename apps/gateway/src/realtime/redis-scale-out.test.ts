import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import type { Order } from '@strikedesk/domain';
import { startGateway, type Gateway } from '../server.ts';
import { createGatewayClient, failureOf, loginAs, type GatewayClient } from '../testing/gateway-client.ts';
import { pickTradableOption, restingBuy } from '../testing/market-fixtures.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { waitUntil } from '@strikedesk/domain/testing';

// Two gateways behind one engine, sharing Redis (the production shape). Needs the local Redis.
const REDIS_URL = 'redis://127.0.0.1:6379';
let stack: TestStack;
let second: Gateway;
let trader: GatewayClient;
let socket: Socket | undefined;
// Redis outlives test runs: unique names keep this run's limiter keys its own.
const suffix = randomBytes(3).toString('hex');

beforeAll(async () => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await probe.connect().catch(() => {
    throw new Error(`this test needs Redis at ${REDIS_URL}`);
  });
  await probe.quit();
  stack = await startTestStack({ env: { REDIS_URL } });
  second = await startGateway(stack.env, { engineCallTimeoutMs: 3_000 });
  await waitUntil(() => second.engine.isConnected(), { message: 'second gateway connected to the engine' });
  await createTestUser(stack.gateway.identity, `trader-${suffix}`, 'trader');
  trader = stack.client();
  await loginAs(trader, `trader-${suffix}`, TEST_PASSWORD);
});
afterAll(async () => {
  socket?.disconnect();
  await second?.close();
  await stack?.close();
});

describe('two gateways sharing Redis', () => {
  it('a socket on gateway 2 gets each order change exactly once for an order placed via gateway 1', async () => {
    const me = await trader.trpc.auth.me.query();
    socket = connect(second.url, { path: '/socket.io', auth: { token: trader.state.token }, transports: ['websocket'], reconnection: false });
    const pushes: Order[] = [];
    socket.on('order', (order: Order) => pushes.push(order));
    await new Promise<void>((resolve, reject) => {
      socket?.once('connect', () => resolve());
      socket?.once('connect_error', reject);
    });
    const envelopeOrders: Order[] = [];
    const stop = second.engine.events.onEnvelope((envelope) => {
      if (envelope.order.accountId === me.accountId) envelopeOrders.push(envelope.order);
    });

    const option = await pickTradableOption(trader);
    const placed = await trader.trpc.orders.place.mutate(restingBuy(option));
    await trader.trpc.orders.cancel.mutate({ orderId: placed.orderId });
    await waitUntil(() => pushes.some((order) => order.orderId === placed.orderId && order.status === 'CANCELED'), {
      message: 'the cancel reached the socket on gateway 2',
    });
    // A marker order: once its push arrives, everything before it on this socket has arrived too.
    const marker = await trader.trpc.orders.place.mutate(restingBuy(option));
    await waitUntil(() => pushes.some((order) => order.orderId === marker.orderId), { message: 'marker pushed' });
    // A duplicate (e.g. one relayed through Redis as well) would arrive after the original: give
    // late ones time to show up before comparing, rather than stopping at the first match.
    await delay(500);
    stop();
    expect(envelopeOrders.some((order) => order.orderId === marker.orderId)).toBe(true);
    expect(pushes).toEqual(envelopeOrders);
  });

  it("a logout on gateway 1 ends the user's socket on gateway 2", async () => {
    const username = `leaver-${suffix}`;
    await createTestUser(stack.gateway.identity, username, 'trader');
    const leaver = stack.client();
    await loginAs(leaver, username, TEST_PASSWORD);
    const remote = connect(second.url, { path: '/socket.io', auth: { token: leaver.state.token }, transports: ['websocket'], reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        remote.once('connect', () => resolve());
        remote.once('connect_error', reject);
      });
      const reason = new Promise<string>((resolve) => remote.once('disconnect', (why) => resolve(why)));
      await leaver.trpc.auth.logout.mutate();
      expect(await Promise.race([reason, delay(3_000).then(() => 'still connected')])).toBe('io server disconnect');
      // The trader's socket from the first test, on the same gateway, is untouched.
      expect(socket?.connected).toBe(true);
    } finally {
      remote.disconnect();
    }
  });

  it('the login limiter is shared: failures on both gateways add up', async () => {
    const username = `victim-${suffix}`;
    await createTestUser(stack.gateway.identity, username, 'trader');
    const clients = [stack.client(), createGatewayClient(second.url)];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const client = clients[attempt % 2] ?? stack.client();
      expect((await failureOf(client.trpc.auth.login.mutate({ username, password: `guess-${attempt}` }))).appCode).toBe('INVALID_CREDENTIALS');
    }
    for (const client of clients) {
      expect((await failureOf(client.trpc.auth.login.mutate({ username, password: TEST_PASSWORD }))).appCode).toBe('RATE_LIMITED');
    }
  });
});
