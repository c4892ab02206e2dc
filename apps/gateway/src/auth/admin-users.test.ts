import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { ERROR_CODES, type OrderId, type Role, type UserId } from '@strikedesk/domain';
import { createPool } from '@strikedesk/db/client';
import { waitUntil } from '@strikedesk/domain/testing';
import { startGateway, type Gateway } from '../server.ts';
import { createGatewayClient, failureOf, loginAs, type GatewayClient } from '../testing/gateway-client.ts';
import { signedInAdmin } from '../testing/signed-in.ts';
import { disconnectReason } from '../testing/socket-disconnect.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

// Admin → Users through the real gateway (two of them, sharing Redis and the database): disable,
// enable, role change and password reset, their guards, and who may call them.
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
let stack: TestStack;
let second: Gateway;
let admin: GatewayClient;
const sockets: Socket[] = [];
// Redis (login limiter keys) outlives test runs: unique names keep this run's keys its own.
const suffix = randomBytes(3).toString('hex');

beforeAll(async () => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await probe.connect().catch(() => {
    throw new Error(`this test needs Redis at ${REDIS_URL}`);
  });
  await probe.quit();
  // No engine: nothing here trades; a viewer's order is refused before the engine is asked.
  stack = await startTestStack({ engine: false, env: { REDIS_URL } });
  second = await startGateway(stack.env);
  admin = await signedInAdmin(stack);
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await second?.close();
  await stack?.close();
});

const REVOKED = { code: 'UNAUTHORIZED', appCode: 'SESSION_REVOKED', httpStatus: 401 };

async function newUser(name: string, role: Role): Promise<{ userId: UserId; username: string }> {
  const username = `${name}-${suffix}`;
  const user = await createTestUser(stack.gateway.identity, username, role);
  return { userId: user.userId, username };
}

async function signedIn(username: string, password = TEST_PASSWORD, gatewayUrl = stack.gateway.url): Promise<GatewayClient> {
  const client = createGatewayClient(gatewayUrl);
  await loginAs(client, username, password);
  return client;
}

/** The same access token presented to the second gateway (no cookie). */
function onSecond(token: string | null): GatewayClient {
  const client = createGatewayClient(second.url);
  client.state.token = token;
  return client;
}

function openSocket(url: string, token: string | null): Promise<Socket> {
  const socket = connect(url, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const listed = async (userId: UserId) => (await admin.trpc.admin.users.list.query()).find((user) => user.userId === userId);

describe('disabling a user', () => {
  it('ends every session at once on both gateways, and their login says USER_DISABLED', async () => {
    const { userId, username } = await newUser('leaver', 'trader');
    const laptop = await signedIn(username);
    const phone = await signedIn(username, TEST_PASSWORD, second.url);
    const laptopOnSecond = onSecond(laptop.state.token);
    const socket = await openSocket(second.url, phone.state.token);
    const ended = disconnectReason(socket, 3_000);
    const bystander = (await newUser('stays', 'trader')).username;
    const stays = await signedIn(bystander);

    const view = await admin.trpc.admin.users.setDisabled.mutate({ userId, disabled: true });
    expect(view).toMatchObject({ userId, username, disabled: true });
    expect(typeof view.disabledAt).toBe('number');

    // At once here; on the other gateway within a Redis announcement.
    expect(await failureOf(laptop.trpc.auth.me.query())).toMatchObject(REVOKED);
    await waitUntil(async () => (await failureOf(laptopOnSecond.trpc.auth.me.query()).catch(() => null))?.appCode === 'SESSION_REVOKED', {
      timeoutMs: 3_000,
      message: 'gateway 2 refuses the disabled user’s token',
    });
    expect(await failureOf(phone.trpc.auth.me.query())).toMatchObject(REVOKED);
    expect(await ended).toBe('io server disconnect');
    // The refresh cookies are dead too.
    expect((await failureOf(laptop.trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');
    expect((await failureOf(phone.trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');

    // The right password learns why; a wrong one learns nothing more than before.
    expect(await failureOf(stack.client().trpc.auth.login.mutate({ username, password: TEST_PASSWORD }))).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'USER_DISABLED',
      message: ERROR_CODES.USER_DISABLED,
    });
    expect((await failureOf(stack.client().trpc.auth.login.mutate({ username, password: 'not the password' }))).appCode).toBe('INVALID_CREDENTIALS');

    expect((await stays.trpc.auth.me.query()).username).toBe(bystander);
    expect(await listed(userId)).toMatchObject({ disabled: true });
  });

  it('enabling lets them log in again, and only their new session works', async () => {
    const { userId, username } = await newUser('returner', 'trader');
    const old = await signedIn(username);
    const { disabledAt } = await admin.trpc.admin.users.setDisabled.mutate({ userId, disabled: true });
    // Disabling twice changes nothing (the time stays the first one's).
    expect(await admin.trpc.admin.users.setDisabled.mutate({ userId, disabled: true })).toMatchObject({ disabled: true, disabledAt });

    const view = await admin.trpc.admin.users.setDisabled.mutate({ userId, disabled: false });
    expect(view).toMatchObject({ disabled: false, disabledAt: null });
    // Tokens carry whole seconds, and the disable voids those of its own second: the enable
    // answers only once that second is over, so a login straight after is not voided by it.
    expect(Math.floor(Date.now() / 1000)).toBeGreaterThan(Math.floor(Number(disabledAt) / 1000));
    const back = await signedIn(username);
    expect((await back.trpc.auth.me.query()).userId).toBe(userId);
    expect((await onSecond(back.state.token).trpc.auth.me.query()).userId).toBe(userId);
    expect(await failureOf(old.trpc.auth.me.query())).toMatchObject(REVOKED);
    expect(await listed(userId)).toMatchObject({ disabled: false, disabledAt: null });
  });

  it('an unknown user is USER_NOT_FOUND', async () => {
    const failure = await failureOf(admin.trpc.admin.users.setDisabled.mutate({ userId: '00000000-0000-4000-8000-000000000000' as UserId, disabled: true }));
    expect(failure).toMatchObject({ code: 'NOT_FOUND', appCode: 'USER_NOT_FOUND', message: ERROR_CODES.USER_NOT_FOUND });
  });
});

describe('changing a role', () => {
  it('a demoted trader loses trading at once: the old token is refused, the new login is a viewer', async () => {
    const { userId, username } = await newUser('demoted', 'trader');
    const tab = await signedIn(username);
    const view = await admin.trpc.admin.users.setRole.mutate({ userId, role: 'viewer' });
    expect(view).toMatchObject({ userId, role: 'viewer' });

    expect(await failureOf(tab.trpc.auth.me.query())).toMatchObject(REVOKED);
    expect((await failureOf(tab.trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');
    const again = await signedIn(username);
    expect((await again.trpc.auth.me.query()).role).toBe('viewer');
    // Refused on the role, before any order is looked at.
    expect(await failureOf(again.trpc.orders.cancel.mutate({ orderId: 'any' as OrderId }))).toMatchObject({ code: 'FORBIDDEN', appCode: 'VIEWER_CANNOT_TRADE' });
  });

  it('a viewer made admin gets the admin screens after logging in again; demoting back ends that', async () => {
    const { userId, username } = await newUser('promoted', 'viewer');
    const before = await signedIn(username);
    expect((await failureOf(before.trpc.admin.users.list.query())).appCode).toBe('FORBIDDEN_ROLE');
    await admin.trpc.admin.users.setRole.mutate({ userId, role: 'admin' });
    expect(await failureOf(before.trpc.admin.users.list.query())).toMatchObject(REVOKED);

    const promoted = await signedIn(username);
    expect((await promoted.trpc.admin.users.list.query()).some((user) => user.userId === userId)).toBe(true);
    await admin.trpc.admin.users.setRole.mutate({ userId, role: 'trader' });
    expect(await failureOf(promoted.trpc.admin.users.list.query())).toMatchObject(REVOKED);
    expect(await listed(userId)).toMatchObject({ role: 'trader' });
  });

  it('setting the role a user already has ends nothing', async () => {
    const { userId, username } = await newUser('unchanged', 'trader');
    const tab = await signedIn(username);
    await admin.trpc.admin.users.setRole.mutate({ userId, role: 'trader' });
    expect((await tab.trpc.auth.me.query()).username).toBe(username);
  });
});

describe('resetting a password', () => {
  it('returns a one-time password, ends every session, and the user must change it after logging in', async () => {
    const { userId, username } = await newUser('forgetful', 'trader');
    const tab = await signedIn(username);
    const { user, password } = await admin.trpc.admin.users.resetPassword.mutate({ userId });
    expect(user).toMatchObject({ userId, mustChangePassword: true });
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    expect(await failureOf(tab.trpc.auth.me.query())).toMatchObject(REVOKED);
    expect((await failureOf(tab.trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');
    expect((await failureOf(stack.client().trpc.auth.login.mutate({ username, password: TEST_PASSWORD }))).appCode).toBe('INVALID_CREDENTIALS');

    const fresh = createGatewayClient(stack.gateway.url);
    const session = await loginAs(fresh, username, password);
    expect(session.mustChangePassword).toBe(true);
    const changed = await fresh.trpc.auth.changePassword.mutate({ currentPassword: password, newPassword: 'my own passphrase' });
    expect(changed.mustChangePassword).toBe(false);
    expect(await listed(userId)).toMatchObject({ mustChangePassword: false });
  });

  it('a disabled user stays disabled: the new password does not let them in', async () => {
    const { userId, username } = await newUser('still-out', 'viewer');
    await admin.trpc.admin.users.setDisabled.mutate({ userId, disabled: true });
    const { password } = await admin.trpc.admin.users.resetPassword.mutate({ userId });
    expect((await failureOf(stack.client().trpc.auth.login.mutate({ username, password }))).appCode).toBe('USER_DISABLED');
  });
});

describe('guards', () => {
  it('an admin cannot disable or demote themselves', async () => {
    const me = await admin.trpc.auth.me.query();
    for (const call of [
      () => admin.trpc.admin.users.setDisabled.mutate({ userId: me.userId, disabled: true }),
      () => admin.trpc.admin.users.setRole.mutate({ userId: me.userId, role: 'trader' }),
      () => admin.trpc.admin.users.setRole.mutate({ userId: me.userId, role: 'viewer' }),
    ]) {
      expect(await failureOf(call())).toMatchObject({ code: 'CONFLICT', appCode: 'ADMIN_SELF_LOCKOUT', message: ERROR_CODES.ADMIN_SELF_LOCKOUT });
    }
    expect((await admin.trpc.admin.users.list.query()).find((user) => user.userId === me.userId)).toMatchObject({ role: 'admin', disabled: false });
  });

  it('viewers and traders cannot call any of them (FORBIDDEN_ROLE)', async () => {
    const target = await newUser('target', 'trader');
    for (const role of ['viewer', 'trader'] as const) {
      const caller = await signedIn((await newUser(`caller-${role}`, role)).username);
      for (const call of [
        () => caller.trpc.admin.users.setDisabled.mutate({ userId: target.userId, disabled: true }),
        () => caller.trpc.admin.users.setRole.mutate({ userId: target.userId, role: 'admin' }),
        () => caller.trpc.admin.users.resetPassword.mutate({ userId: target.userId }),
      ]) {
        expect(await failureOf(call())).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE' });
      }
    }
    expect(await listed(target.userId)).toMatchObject({ role: 'trader', disabled: false, mustChangePassword: false });
  });

  it('the last two admins demoting each other at the same moment: one succeeds, the other is refused LAST_ADMIN', async () => {
    // Run last: it leaves one of two new admins as the only enabled admin.
    const a = await newUser('admin-a', 'admin');
    const b = await newUser('admin-b', 'admin');
    const tabA = await signedIn(a.username);
    const tabB = await signedIn(b.username, TEST_PASSWORD, second.url);
    // The first-start admin steps aside (by A), so A and B are the last two enabled admins.
    await tabA.trpc.admin.users.setDisabled.mutate({ userId: (await admin.trpc.auth.me.query()).userId, disabled: true });

    // Both calls pass the token check and wait inside the database together (the admin rows are
    // held by another connection meanwhile), one on each gateway.
    const outcomes = await withAdminRowsHeld(2, () => [
      tabA.trpc.admin.users.setRole.mutate({ userId: b.userId, role: 'trader' }).then(
        () => 'OK',
        (error: unknown) => failureOf(Promise.reject(error)).then((failure) => failure.appCode),
      ),
      tabB.trpc.admin.users.setRole.mutate({ userId: a.userId, role: 'viewer' }).then(
        () => 'OK',
        (error: unknown) => failureOf(Promise.reject(error)).then((failure) => failure.appCode),
      ),
    ]);
    expect(outcomes.sort()).toEqual(['LAST_ADMIN', 'OK']);
    const admins = (await stack.gateway.identity.users.list()).filter((user) => user.role === 'admin' && !user.disabled);
    expect(admins.map((user) => user.username)).toHaveLength(1);
    expect([a.username, b.username]).toContain(admins[0]?.username);
  });
});

/**
 * Starts the calls while another connection holds every admin row locked, waits until `waiters`
 * transactions are blocked behind it, then lets go: the calls were provably in the database at
 * the same time.
 */
async function withAdminRowsHeld<T>(waiters: number, start: () => Promise<T>[]): Promise<T[]> {
  const pool = createPool(stack.database.url, { max: 2, applicationName: 'admin-users-test' });
  const holder = await pool.connect();
  try {
    await holder.query('BEGIN');
    await holder.query(`SELECT id FROM users WHERE role = 'admin' ORDER BY id FOR UPDATE`);
    const results = Promise.all(start());
    await waitUntil(
      async () => {
        const { rows } = await pool.query<{ blocked: number }>(
          `SELECT count(*)::int AS blocked FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return (rows[0]?.blocked ?? 0) >= waiters;
      },
      { timeoutMs: 10_000, message: `${waiters} transactions wait on the admin rows` },
    );
    await holder.query('COMMIT');
    return await results;
  } finally {
    holder.release();
    await pool.end();
  }
}
