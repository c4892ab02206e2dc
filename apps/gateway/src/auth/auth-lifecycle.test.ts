import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokens } from './access-token.ts';
import { REFRESH_REUSE_GRACE_MS } from './session-service.ts';
import { createGatewayClient, failureOf, loginAs } from '../testing/gateway-client.ts';
import { ageRotations } from '../testing/identity-database.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, TEST_ADMIN, type TestStack } from '../testing/test-stack.ts';

// No engine here: sessions are the gateway's own business and must work while the engine is away.
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ engine: false });
  await createTestUser(stack.gateway.identity, 'trader1', 'trader');
});
afterAll(async () => {
  await stack?.close();
});

const cookieValue = (client: ReturnType<typeof createGatewayClient>) => client.state.cookie;

describe('first start', () => {
  it('created the admin from ADMIN_USERNAME/ADMIN_PASSWORD, who can log in', async () => {
    expect(stack.gateway.bootstrap).toMatchObject({ created: true, username: 'admin', generated: false });
    const session = await loginAs(stack.client(), TEST_ADMIN.username, TEST_ADMIN.password);
    expect(session.user).toMatchObject({ username: 'admin', role: 'admin' });
  });
});

describe('login', () => {
  it('returns an access token and sets the httpOnly, strict, /trpc-scoped refresh cookie', async () => {
    const client = stack.client();
    const session = await loginAs(client, 'trader1', TEST_PASSWORD);
    expect(session.user).toMatchObject({ username: 'trader1', role: 'trader' });
    expect(session.accessTokenExpiresAt).toBeGreaterThan(Date.now() + 800_000);
    const setCookie = client.state.lastSetCookie ?? '';
    expect(setCookie).toMatch(/^sd_refresh=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Path=\/trpc/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(await client.trpc.auth.me.query()).toEqual(session.user);
  });

  it('wrong password and unknown user both get INVALID_CREDENTIALS', async () => {
    const wrong = await failureOf(stack.client().trpc.auth.login.mutate({ username: 'trader1', password: 'not the password' }));
    expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'INVALID_CREDENTIALS', message: 'Wrong username or password.' });
    const unknown = await failureOf(stack.client().trpc.auth.login.mutate({ username: 'nobody', password: 'whatever' }));
    expect(unknown).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'INVALID_CREDENTIALS' });
  });

  it('locks a username from one address after repeated failures, even for the right password', async () => {
    await createTestUser(stack.gateway.identity, 'victim', 'trader');
    const client = stack.client();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const failure = await failureOf(client.trpc.auth.login.mutate({ username: 'victim', password: `guess-${attempt}` }));
      expect(failure.appCode).toBe('INVALID_CREDENTIALS');
    }
    const limited = await failureOf(client.trpc.auth.login.mutate({ username: 'victim', password: TEST_PASSWORD }));
    expect(limited).toMatchObject({ code: 'TOO_MANY_REQUESTS', appCode: 'RATE_LIMITED', httpStatus: 429 });
    // Other users are unaffected.
    await loginAs(stack.client(), 'trader1', TEST_PASSWORD);
  });
});

describe('access tokens', () => {
  it('calls without a token or with an expired one are UNAUTHENTICATED', async () => {
    const anonymous = await failureOf(stack.client().trpc.auth.me.query());
    expect(anonymous).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'UNAUTHENTICATED', httpStatus: 401 });

    const client = stack.client();
    const session = await loginAs(client, 'trader1', TEST_PASSWORD);
    const tokens = createAccessTokens({ secret: stack.env.JWT_SECRET, ttlSeconds: stack.env.ACCESS_TOKEN_TTL_SECONDS });
    client.state.token = (await tokens.issue(session.user, randomUUID(), new Date(Date.now() - 3_600_000))).accessToken;
    expect((await failureOf(client.trpc.auth.me.query())).appCode).toBe('UNAUTHENTICATED');
  });
});

describe('refresh', () => {
  it('rotates the cookie; replaying the old one (after the grace window) fails and ends the whole session family', async () => {
    const client = stack.client();
    await loginAs(client, 'trader1', TEST_PASSWORD);
    const first = cookieValue(client);
    const refreshed = await client.trpc.auth.refresh.mutate();
    const second = cookieValue(client);
    expect(second).not.toBeNull();
    expect(second).not.toEqual(first);
    client.state.token = refreshed.accessToken;
    expect((await client.trpc.auth.me.query()).username).toBe('trader1');

    // A thief replays the first cookie, later than any concurrent refresh of the owner could.
    await ageRotations(stack.database, REFRESH_REUSE_GRACE_MS + 1_000);
    const thief = createGatewayClient(stack.gateway.url);
    thief.state.cookie = first;
    expect(await failureOf(thief.trpc.auth.refresh.mutate())).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'SESSION_EXPIRED' });
    // ...which revoked the family: the legitimate, current cookie is dead as well.
    expect((await failureOf(client.trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');
  });

  it('without a cookie is SESSION_EXPIRED', async () => {
    expect((await failureOf(stack.client().trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');
  });

  it('a disabled user cannot refresh', async () => {
    const user = await createTestUser(stack.gateway.identity, 'leaver', 'trader');
    const client = stack.client();
    await loginAs(client, 'leaver', TEST_PASSWORD);
    await stack.gateway.identity.users.disable(user.userId);
    expect((await failureOf(client.trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');
  });
});

describe('logout', () => {
  it('clears the cookie and revokes the session: the old cookie cannot refresh afterwards', async () => {
    const client = stack.client();
    await loginAs(client, 'trader1', TEST_PASSWORD);
    const beforeLogout = cookieValue(client);
    expect(await client.trpc.auth.logout.mutate()).toEqual({ ok: true });
    expect(client.state.lastSetCookie).toMatch(/^sd_refresh=;.*Max-Age=0/);
    expect(cookieValue(client)).toBeNull();

    const replay = createGatewayClient(stack.gateway.url);
    replay.state.cookie = beforeLogout;
    expect((await failureOf(replay.trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');
  });
});

describe('engine away', () => {
  it('engine-backed calls fail fast with ENGINE_UNAVAILABLE and system.info says so', async () => {
    const client = stack.client();
    await loginAs(client, 'trader1', TEST_PASSWORD);
    expect(await client.trpc.system.info.query()).toEqual({ version: expect.any(String), engineConnected: false });
    const started = Date.now();
    const failure = await failureOf(client.trpc.orders.list.query());
    expect(failure).toMatchObject({ code: 'SERVICE_UNAVAILABLE', appCode: 'ENGINE_UNAVAILABLE', httpStatus: 503 });
    expect(Date.now() - started).toBeLessThan(1_000);
    const health = await (await fetch(`${stack.gateway.url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'degraded', engineConnected: false });
  });
});
