import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../server.ts';
import { createGatewayClient, failureOf, loginAs, type GatewayClient } from '../testing/gateway-client.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

// The revocation list lives in memory: a restarted gateway must rebuild it from the database
// before it serves, or a token revoked just before the restart would work again.
let stack: TestStack;
let restarted: Gateway | undefined;
beforeAll(async () => {
  stack = await startTestStack({ engine: false });
});
afterAll(async () => {
  await restarted?.close();
  await stack?.close();
});

const holding = (url: string, token: string | null): GatewayClient => {
  const client = createGatewayClient(url);
  client.state.token = token;
  return client;
};

describe('a gateway restart', () => {
  it('still refuses tokens revoked before it, and accepts the others', async () => {
    await createTestUser(stack.gateway.identity, 'restart-trader', 'trader');
    const leaver = await createTestUser(stack.gateway.identity, 'restart-leaver', 'trader');
    const loggedOut = stack.client();
    const stays = stack.client();
    const disabled = stack.client();
    await loginAs(loggedOut, 'restart-trader', TEST_PASSWORD);
    await loginAs(stays, 'restart-trader', TEST_PASSWORD);
    await loginAs(disabled, 'restart-leaver', TEST_PASSWORD);
    await loggedOut.trpc.auth.logout.mutate();
    // Straight in the database, as a gateway that died before announcing it would leave it.
    await stack.gateway.identity.users.disable(leaver.userId);

    await stack.gateway.close();
    restarted = await startGateway(stack.env);

    const revoked = { code: 'UNAUTHORIZED', appCode: 'SESSION_REVOKED', httpStatus: 401 };
    expect(await failureOf(holding(restarted.url, loggedOut.state.token).trpc.auth.me.query())).toMatchObject(revoked);
    expect(await failureOf(holding(restarted.url, disabled.state.token).trpc.auth.me.query())).toMatchObject(revoked);
    expect((await holding(restarted.url, stays.state.token).trpc.auth.me.query()).username).toBe('restart-trader');
  });
});
