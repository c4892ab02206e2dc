import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { createAccessTokens } from '../auth/access-token.ts';
import { loginAs, type GatewayClient } from '../testing/gateway-client.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import type { SubscribeAck } from './socket-events.ts';
import { disconnectReason } from '../testing/socket-disconnect.ts';

// A socket is authorised at its handshake; these check it does not outlive the session behind it.
let stack: TestStack;
const openSockets: Socket[] = [];
beforeAll(async () => {
  stack = await startTestStack({ engine: false });
});
afterEach(() => {
  for (const socket of openSockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await stack?.close();
});

async function signedIn(username: string): Promise<GatewayClient> {
  await createTestUser(stack.gateway.identity, username, 'trader');
  const client = stack.client();
  await loginAs(client, username, TEST_PASSWORD);
  return client;
}

async function openSocket(token: string | null): Promise<Socket> {
  const socket = connect(stack.gateway.url, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
  openSockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}


/** Proves a socket is still served: the server answers a round trip on it. */
const stillServed = async (socket: Socket) => {
  expect(socket.connected).toBe(true);
  const ack = (await socket.timeout(2_000).emitWithAck('unsubscribe', [])) as SubscribeAck;
  expect(ack).toEqual({ ok: true, count: 0 });
};

describe('live sockets end with the session', () => {
  it('a socket is disconnected when its access token expires', async () => {
    const client = await signedIn('short-lived');
    const me = await client.trpc.auth.me.query();
    // Whole-second expiry: this token has 1-2 s left.
    const shortLived = await createAccessTokens({ secret: stack.env.JWT_SECRET, ttlSeconds: 2 }).issue(me, randomUUID());
    const expiring = await openSocket(shortLived.accessToken);
    const lasting = await openSocket(client.state.token);
    const started = Date.now();
    expect(await disconnectReason(expiring, 4_000)).toBe('io server disconnect');
    expect(Date.now()).toBeGreaterThanOrEqual(shortLived.accessTokenExpiresAt - 50);
    expect(Date.now() - started).toBeLessThan(3_000);
    await stillServed(lasting);
  });

  it("logout disconnects that user's sockets, and no one else's", async () => {
    const leaving = await signedIn('logs-out');
    const staying = await signedIn('stays');
    const leavingSocket = await openSocket(leaving.state.token);
    const stayingSocket = await openSocket(staying.state.token);
    const ended = disconnectReason(leavingSocket, 3_000);
    await leaving.trpc.auth.logout.mutate();
    expect(await ended).toBe('io server disconnect');
    await stillServed(stayingSocket);
  });

  it("changePassword disconnects that user's sockets, and no one else's", async () => {
    const changing = await signedIn('changes-pw');
    const other = await signedIn('bystander');
    const changingSocket = await openSocket(changing.state.token);
    const otherSocket = await openSocket(other.state.token);
    const ended = disconnectReason(changingSocket, 3_000);
    const grant = await changing.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: 'a fresh passphrase' });
    expect(await ended).toBe('io server disconnect');
    await stillServed(otherSocket);
    // The caller's tab reconnects with the token it just got.
    await stillServed(await openSocket(grant.accessToken));
  });
});
