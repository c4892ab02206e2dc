import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, loginAs, type GatewayClient } from '../testing/gateway-client.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, TEST_ADMIN, type TestStack } from '../testing/test-stack.ts';

// Input validation happens at the gateway, before anything reaches the engine, so no engine here.
let stack: TestStack;
let trader: GatewayClient;
let admin: GatewayClient;
beforeAll(async () => {
  stack = await startTestStack({ engine: false });
  await createTestUser(stack.gateway.identity, 'trader1', 'trader');
  trader = stack.client();
  await loginAs(trader, 'trader1', TEST_PASSWORD);
  admin = stack.client();
  await loginAs(admin, TEST_ADMIN.username, TEST_ADMIN.password);
});
afterAll(async () => {
  await stack?.close();
});

type Call = () => Promise<unknown>;

describe('bad input is BAD_REQUEST / VALIDATION_FAILED with a message naming the field', () => {
  const cases: [string, () => Call, RegExp][] = [
    ['login without a username', () => () => trader.trpc.auth.login.mutate({ username: '', password: 'x' }), /^username: Username: 3-32/],
    [
      'negative quantity',
      () => () =>
        trader.trpc.orders.place.mutate({ instrumentId: 'NFO:NIFTY26DEC24000CE' as never, side: 'BUY', type: 'MARKET', product: 'MIS', quantity: -75 }),
      /^quantity: /,
    ],
    [
      'malformed instrument id',
      () => () =>
        trader.trpc.orders.place.mutate({ instrumentId: 'nifty' as never, side: 'BUY', type: 'MARKET', product: 'MIS', quantity: 75 }),
      /^instrumentId: instrument id must look like NFO:NIFTY26DEC24000CE/,
    ],
    [
      'unknown side',
      () => () =>
        trader.trpc.orders.place.mutate({ instrumentId: 'NFO:NIFTY26DEC24000CE' as never, side: 'HOLD' as never, type: 'MARKET', product: 'MIS', quantity: 75 }),
      /^side: /,
    ],
    ['empty order id on cancel', () => () => trader.trpc.orders.cancel.mutate({ orderId: '' as never }), /^orderId: /],
    ['too many instrument ids', () => () => trader.trpc.market.quotes.query({ instrumentIds: Array(501).fill('NSE:NIFTY 50') }), /^instrumentIds: /],
    ['weak password for a new user', () => () => admin.trpc.admin.users.create.mutate({ username: 'newbie', password: 'short', role: 'trader' }), /^password: Password must be at least 10 characters/],
    ['unknown role', () => () => admin.trpc.admin.users.create.mutate({ username: 'newbie', password: 'long enough pw', role: 'root' as never }), /^role: /],
  ];

  it.each(cases)('%s', async (_name, makeCall, message) => {
    const failure = await failureOf(makeCall()());
    expect(failure).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION_FAILED', httpStatus: 400 });
    expect(failure.message).toMatch(message);
  });

  it('malformed JSON is a readable VALIDATION_FAILED too', async () => {
    const response = await fetch(`${stack.gateway.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { data: { appCode: string } } };
    expect(body.error.data.appCode).toBe('VALIDATION_FAILED');
  });

  it('an unknown procedure says so without internals', async () => {
    const response = await fetch(`${stack.gateway.url}/trpc/orders.destroyEverything`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { message: string; data: Record<string, unknown> } };
    expect(body.error.data).not.toHaveProperty('stack');
  });
});

describe('the rest of the HTTP surface', () => {
  it('/healthz, /metrics and a 404 for pages when no WEB_URL is set', async () => {
    const health = await fetch(`${stack.gateway.url}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_http_requests_total\{route="healthz",method="GET",status="200"\} 1/);
    expect(metrics).toMatch(/gateway_engine_connected 0/);
    expect(metrics).toMatch(/process_cpu_user_seconds_total/);
    const page = await fetch(`${stack.gateway.url}/orders`);
    expect(page.status).toBe(404);
    expect(await page.json()).toMatchObject({ error: 'NOT_FOUND' });
  });
});
