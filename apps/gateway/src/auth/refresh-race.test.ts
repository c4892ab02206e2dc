import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayClient, failureOf, loginAs } from '../testing/gateway-client.ts';
import { ageRotations, cutDatabase } from '../testing/identity-database.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { REFRESH_REUSE_GRACE_MS } from './session-service.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ engine: false });
  await createTestUser(stack.gateway.identity, 'two-tabs', 'trader');
});
afterAll(async () => {
  await stack?.close();
});

/** A second browser tab: same cookie jar contents, its own in-memory access token. */
function tabWithCookie(cookie: string | null) {
  const tab = createGatewayClient(stack.gateway.url);
  tab.state.cookie = cookie;
  return tab;
}

describe('concurrent refreshes', () => {
  it('two tabs refreshing at the same moment both stay signed in, each with a working cookie', async () => {
    const first = stack.client();
    await loginAs(first, 'two-tabs', TEST_PASSWORD);
    const second = tabWithCookie(first.state.cookie);

    const [a, b] = await Promise.all([first.trpc.auth.refresh.mutate(), second.trpc.auth.refresh.mutate()]);
    expect([a.user.username, b.user.username]).toEqual(['two-tabs', 'two-tabs']);
    expect(first.state.cookie).not.toBeNull();
    expect(second.state.cookie).not.toBeNull();
    expect(first.state.cookie).not.toEqual(second.state.cookie);

    for (const tab of [first, second]) {
      tab.state.token = (await tab.trpc.auth.refresh.mutate()).accessToken;
      expect((await tab.trpc.auth.me.query()).username).toBe('two-tabs');
    }
  });

  it('a replay after the grace window still revokes the family, siblings included', async () => {
    const client = stack.client();
    await loginAs(client, 'two-tabs', TEST_PASSWORD);
    const spent = client.state.cookie;
    const sibling = tabWithCookie(spent);
    await Promise.all([client.trpc.auth.refresh.mutate(), sibling.trpc.auth.refresh.mutate()]);

    await ageRotations(stack.database, REFRESH_REUSE_GRACE_MS + 1_000);
    const thief = tabWithCookie(spent);
    expect((await failureOf(thief.trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');
    expect((await failureOf(client.trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');
    expect((await failureOf(sibling.trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');
  });
});

describe('refresh during a database outage', () => {
  it('fails INTERNAL but keeps the cookie, which works again once the database is back', async () => {
    const client = stack.client();
    await loginAs(client, 'two-tabs', TEST_PASSWORD);
    const cookie = client.state.cookie;
    const setCookieBefore = client.state.lastSetCookie;

    const restore = await cutDatabase(stack.database);
    try {
      expect(await failureOf(client.trpc.auth.refresh.mutate())).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', appCode: 'INTERNAL' });
      // No Set-Cookie came back: the browser keeps presenting its (still valid) token.
      expect(client.state.lastSetCookie).toBe(setCookieBefore);
      expect(client.state.cookie).toBe(cookie);
    } finally {
      await restore();
    }
    expect((await client.trpc.auth.refresh.mutate()).user.username).toBe('two-tabs');
  });

  it('an invalid cookie is still cleared', async () => {
    const client = tabWithCookie('sd_refresh=not-a-token');
    expect((await failureOf(client.trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');
    expect(client.state.lastSetCookie).toMatch(/^sd_refresh=;.*Max-Age=0/);
    expect(client.state.cookie).toBeNull();
  });
});
