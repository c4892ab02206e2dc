import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { ERROR_CODES } from '@strikedesk/domain';
import { REFRESH_REUSE_GRACE_MS } from './session-service.ts';
import { createGatewayClient, failureOf, loginAs, type GatewayClient } from '../testing/gateway-client.ts';
import { ageRotations } from '../testing/identity-database.ts';
import { pickTradableOption, restingBuy, type TradableOption } from '../testing/market-fixtures.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { disconnectReason } from '../testing/socket-disconnect.ts';

// ADR 0008: ending a session ends its access tokens at once, not when they expire. A real engine,
// so "placing orders" with a stolen token is the real procedure.
let stack: TestStack;
let option: TradableOption;
const sockets: Socket[] = [];
beforeAll(async () => {
  stack = await startTestStack();
  await createTestUser(stack.gateway.identity, 'market-reader', 'trader');
  const reader = stack.client();
  await loginAs(reader, 'market-reader', TEST_PASSWORD);
  option = await pickTradableOption(reader);
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await stack?.close();
});

async function signedIn(username: string): Promise<GatewayClient> {
  const client = stack.client();
  await loginAs(client, username, TEST_PASSWORD);
  return client;
}

/** Whoever copied the tab's access token: the token and nothing else (no cookie). */
function holderOf(token: string | null): GatewayClient {
  const client = createGatewayClient(stack.gateway.url);
  client.state.token = token;
  return client;
}

const REVOKED = { code: 'UNAUTHORIZED', appCode: 'SESSION_REVOKED', httpStatus: 401, message: ERROR_CODES.SESSION_REVOKED };

/** Connects a socket; resolves with it, or with the connect_error's message and appCode. */
function openSocket(token: string | null): Promise<{ socket: Socket; refused: { message: string; appCode: unknown } | null }> {
  const socket = connect(stack.gateway.url, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket, refused: null }));
    socket.once('connect_error', (error: Error & { data?: { appCode?: unknown } }) =>
      resolve({ socket, refused: { message: error.message, appCode: error.data?.appCode } }),
    );
  });
}


describe('logout', () => {
  it('ends the access token at once: a copy of it can no longer place orders or read anything', async () => {
    await createTestUser(stack.gateway.identity, 'logs-out', 'trader');
    const tab = await signedIn('logs-out');
    const thief = holderOf(tab.state.token);
    const before = await thief.trpc.orders.place.mutate(restingBuy(option));
    await thief.trpc.orders.cancel.mutate({ orderId: before.orderId });

    await tab.trpc.auth.logout.mutate();

    expect(await failureOf(thief.trpc.orders.place.mutate(restingBuy(option)))).toMatchObject(REVOKED);
    expect(await failureOf(thief.trpc.auth.me.query())).toMatchObject(REVOKED);
    expect(await failureOf(thief.trpc.orders.list.query())).toMatchObject(REVOKED);
    // Nothing was placed after the logout.
    const again = await signedIn('logs-out');
    expect((await again.trpc.orders.list.query()).map((order) => order.orderId)).toEqual([before.orderId]);
  });

  it("ends only that session: the user's other session (another device) keeps working", async () => {
    await createTestUser(stack.gateway.identity, 'two-devices', 'trader');
    const laptop = await signedIn('two-devices');
    const phone = await signedIn('two-devices');
    await laptop.trpc.auth.logout.mutate();
    expect((await phone.trpc.auth.me.query()).username).toBe('two-devices');
    expect(await failureOf(holderOf(laptop.state.token).trpc.auth.me.query())).toMatchObject(REVOKED);
  });

  it('ends a token the session got from switchAccount as well', async () => {
    await createTestUser(stack.gateway.identity, 'switcher', 'trader');
    const tab = await signedIn('switcher');
    const me = await tab.trpc.auth.me.query();
    const switched = await tab.trpc.auth.switchAccount.mutate({ accountId: me.accountId });
    await tab.trpc.auth.logout.mutate();
    expect(await failureOf(holderOf(switched.accessToken).trpc.auth.me.query())).toMatchObject(REVOKED);
  });

  it('refuses a socket handshake with the old token, saying why', async () => {
    await createTestUser(stack.gateway.identity, 'socket-leaver', 'trader');
    const tab = await signedIn('socket-leaver');
    const token = tab.state.token;
    expect((await openSocket(token)).refused).toBeNull();
    await tab.trpc.auth.logout.mutate();
    // The message the web acts on stays UNAUTHENTICATED (refresh, which then fails: logged out).
    expect((await openSocket(token)).refused).toEqual({ message: 'UNAUTHENTICATED', appCode: 'SESSION_REVOKED' });
  });
});

describe('password change', () => {
  it("from another session ends every other session's tokens; the caller's fresh session works", async () => {
    await createTestUser(stack.gateway.identity, 'changes-pw', 'trader');
    const stolen = await signedIn('changes-pw');
    const owner = await signedIn('changes-pw');
    const ownersOldToken = owner.state.token;

    const grant = await owner.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: 'a fresh passphrase' });
    owner.state.token = grant.accessToken;

    expect(await failureOf(holderOf(stolen.state.token).trpc.orders.place.mutate(restingBuy(option)))).toMatchObject(REVOKED);
    expect(await failureOf(stolen.trpc.auth.refresh.mutate())).toMatchObject({ appCode: 'SESSION_EXPIRED' });
    // The caller's previous token could have been copied too: it goes with its session.
    expect(await failureOf(holderOf(ownersOldToken).trpc.auth.me.query())).toMatchObject(REVOKED);

    const placed = await owner.trpc.orders.place.mutate(restingBuy(option));
    await owner.trpc.orders.cancel.mutate({ orderId: placed.orderId });
    owner.state.token = (await owner.trpc.auth.refresh.mutate()).accessToken;
    expect((await owner.trpc.auth.me.query()).username).toBe('changes-pw');
  });
});

describe('theft detection', () => {
  it('a replayed refresh cookie ends the access tokens of its family too', async () => {
    await createTestUser(stack.gateway.identity, 'robbed', 'trader');
    const tab = await signedIn('robbed');
    const spentCookie = tab.state.cookie;
    tab.state.token = (await tab.trpc.auth.refresh.mutate()).accessToken;
    await ageRotations(stack.database, REFRESH_REUSE_GRACE_MS + 1_000);
    const thief = createGatewayClient(stack.gateway.url);
    thief.state.cookie = spentCookie;
    expect((await failureOf(thief.trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');
    expect(await failureOf(tab.trpc.auth.me.query())).toMatchObject(REVOKED);
  });
});

describe('disabling a user', () => {
  it('refuses their tokens and ends their sockets at once', async () => {
    const user = await createTestUser(stack.gateway.identity, 'leaver', 'trader');
    const tab = await signedIn('leaver');
    const bystander = await signedIn('market-reader');
    const { socket } = await openSocket(tab.state.token);
    const { socket: bystanderSocket } = await openSocket(bystander.state.token);
    const ended = disconnectReason(socket, 3_000);

    await stack.gateway.sessions.disableUser(user.userId);

    expect(await ended).toBe('io server disconnect');
    expect(await failureOf(tab.trpc.orders.list.query())).toMatchObject(REVOKED);
    expect((await openSocket(tab.state.token)).refused).toEqual({ message: 'UNAUTHENTICATED', appCode: 'SESSION_REVOKED' });
    expect(bystanderSocket.connected).toBe(true);
    expect((await bystander.trpc.auth.me.query()).username).toBe('market-reader');
  });
});
