import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import type { UserId } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { startGateway, type Gateway } from '../server.ts';
import { createGatewayClient, failureOf, loginAs, type GatewayClient } from '../testing/gateway-client.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { REVOCATION_RESYNC_INTERVAL_MS } from './session-revocations.ts';

// Two gateways sharing Redis and the database: a session ended on one is refused by the other
// within the time of a Redis announcement — well under the database resync interval, so these
// prove the announcement, not the safety net.
const REDIS_URL = 'redis://127.0.0.1:6379';
const WITHIN_MS = 3_000;
let stack: TestStack;
let second: Gateway;
const sockets: Socket[] = [];
// Redis outlives test runs: unique names keep this run's limiter keys its own.
const suffix = randomBytes(3).toString('hex');

beforeAll(async () => {
  expect(WITHIN_MS).toBeLessThan(REVOCATION_RESYNC_INTERVAL_MS);
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await probe.connect().catch(() => {
    throw new Error(`this test needs Redis at ${REDIS_URL}`);
  });
  await probe.quit();
  stack = await startTestStack({ engine: false, env: { REDIS_URL } });
  second = await startGateway(stack.env);
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await second?.close();
  await stack?.close();
});

async function userOnFirst(name: string): Promise<{ userId: UserId; tab: GatewayClient; username: string }> {
  const username = `${name}-${suffix}`;
  const user = await createTestUser(stack.gateway.identity, username, 'trader');
  const tab = stack.client();
  await loginAs(tab, username, TEST_PASSWORD);
  return { userId: user.userId, tab, username };
}

/** The same token presented to the second gateway. */
function onSecond(token: string | null): GatewayClient {
  const client = createGatewayClient(second.url);
  client.state.token = token;
  return client;
}

const refusedAsRevoked = async (client: GatewayClient) => (await failureOf(client.trpc.auth.me.query()).catch(() => null))?.appCode === 'SESSION_REVOKED';

describe('two gateways sharing Redis', () => {
  it('a logout on gateway 1 is honoured by gateway 2', async () => {
    const { tab } = await userOnFirst('leaver');
    const copy = onSecond(tab.state.token);
    expect((await copy.trpc.auth.me.query()).username).toMatch(/^leaver-/);
    await tab.trpc.auth.logout.mutate();
    await waitUntil(() => refusedAsRevoked(copy), { timeoutMs: WITHIN_MS, message: 'gateway 2 refuses the logged-out token' });
    expect(await failureOf(copy.trpc.auth.me.query())).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'SESSION_REVOKED', httpStatus: 401 });
  });

  it("a password change on gateway 2 ends the other sessions' tokens on gateway 1; the new token works on both", async () => {
    const { tab: other, username } = await userOnFirst('changer');
    const caller = onSecond(null);
    await loginAs(caller, username, TEST_PASSWORD);
    const grant = await caller.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: 'a fresh passphrase' });
    await waitUntil(() => refusedAsRevoked(other), { timeoutMs: WITHIN_MS, message: 'gateway 1 refuses the other session' });
    const fresh = createGatewayClient(stack.gateway.url);
    fresh.state.token = grant.accessToken;
    expect((await fresh.trpc.auth.me.query()).username).toBe(username);
    caller.state.token = grant.accessToken;
    expect((await caller.trpc.auth.me.query()).username).toBe(username);
  });

  it("disabling a user on gateway 1 ends their socket on gateway 2, which then refuses the token", async () => {
    const { userId, tab } = await userOnFirst('disabled');
    const remote = connect(second.url, { path: '/socket.io', auth: { token: tab.state.token }, transports: ['websocket'], reconnection: false });
    sockets.push(remote);
    await new Promise<void>((resolve, reject) => {
      remote.once('connect', () => resolve());
      remote.once('connect_error', reject);
    });
    const ended = new Promise<string>((resolve) => remote.once('disconnect', (reason) => resolve(reason)));
    // Nothing asks socket.io to drop this user's sockets here: gateway 2 acts on the announcement.
    await stack.gateway.sessions.disableUser(userId);
    expect(await Promise.race([ended, new Promise((resolve) => setTimeout(() => resolve('still connected'), WITHIN_MS))])).toBe('io server disconnect');
    expect(await refusedAsRevoked(onSecond(tab.state.token))).toBe(true);
  });
});
