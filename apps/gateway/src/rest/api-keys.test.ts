import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '@strikedesk/db/client';
import { ERROR_CODES, type ApiKeyId } from '@strikedesk/domain';
import { failureOf, type GatewayClient } from '../testing/gateway-client.ts';
import { marketBuy, pickTradableOption, type TradableOption } from '../testing/market-fixtures.ts';
import { restCall } from '../testing/rest-client.ts';
import { signedInAdmin, signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

const REQUESTS_PER_MINUTE = 20;

let stack: TestStack;
let trader: GatewayClient;
let option: TradableOption;

beforeAll(async () => {
  stack = await startTestStack({ env: { API_REQUESTS_PER_MINUTE: String(REQUESTS_PER_MINUTE) } });
  trader = await signedInUser(stack, 'keys-trader', 'trader');
  option = await pickTradableOption(trader);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const api = (method: string, path: string, key?: string, body?: unknown) =>
  restCall(stack.gateway.url, method, path, { ...(key === undefined ? {} : { key }), ...(body === undefined ? {} : { body }) });
const INVALID = { status: 401, body: { error: 'API_KEY_INVALID', message: ERROR_CODES.API_KEY_INVALID } };

describe('API keys (tRPC apiKeys.*) and REST authentication', () => {
  it('create shows the full key once; the list shows name, prefix, scopes and use, never the secret, and only to its owner', async () => {
    const created = await trader.trpc.apiKeys.create.mutate({ name: '  algo one ', scopes: ['trade'] });
    expect(created.key).toMatch(/^sdk_[0-9a-f]{12}_[A-Za-z0-9_-]{32}$/);
    // trade always comes with read: a trading client reads its orders back.
    expect(created.apiKey).toMatchObject({ name: 'algo one', prefix: created.key.slice(4, 16), scopes: ['read', 'trade'], lastUsedAt: null, revokedAt: null });

    const listed = await trader.trpc.apiKeys.list.query();
    expect(listed).toEqual([created.apiKey]);
    expect(JSON.stringify(listed)).not.toContain(created.key.slice(17));
    const other = await signedInUser(stack, 'keys-other', 'trader');
    expect(await other.trpc.apiKeys.list.query()).toEqual([]);

    expect((await api('GET', '/api/v1/orders', created.key)).status).toBe(200);
    const [used] = await trader.trpc.apiKeys.list.query();
    expect(used?.lastUsedAt).toBeGreaterThanOrEqual(created.apiKey.createdAt);

    expect(await failureOf(trader.trpc.apiKeys.create.mutate({ name: 'x', scopes: [] }))).toMatchObject({ appCode: 'VALIDATION_FAILED', httpStatus: 400 });
    expect(await failureOf(trader.trpc.apiKeys.create.mutate({ name: '   ', scopes: ['read'] }))).toMatchObject({ appCode: 'VALIDATION_FAILED' });
  });

  it('a read key lists orders and positions but cannot place, modify or cancel (403 API_KEY_SCOPE)', async () => {
    const { key, apiKey } = await trader.trpc.apiKeys.create.mutate({ name: 'dashboard', scopes: ['read'] });
    expect(apiKey.scopes).toEqual(['read']);
    const before = (await trader.trpc.orders.list.query()).length;
    expect((await api('GET', '/api/v1/positions', key)).status).toBe(200);
    const place = await api('POST', '/api/v1/orders', key, marketBuy(option));
    expect(place).toMatchObject({ status: 403, body: { error: 'API_KEY_SCOPE' } });
    expect((place.body as { message: string }).message).toContain('trade scope');
    expect(await api('DELETE', '/api/v1/orders/some-order', key)).toMatchObject({ status: 403, body: { error: 'API_KEY_SCOPE' } });
    expect(await api('PATCH', '/api/v1/orders/some-order', key, { quantity: 1 })).toMatchObject({ status: 403, body: { error: 'API_KEY_SCOPE' } });
    expect((await trader.trpc.orders.list.query()).length).toBe(before);
  });

  it('a viewer may hold read keys only, and a trade key stops trading when its owner may no longer trade', async () => {
    const viewer = await signedInUser(stack, 'keys-viewer', 'viewer');
    expect(await failureOf(viewer.trpc.apiKeys.create.mutate({ name: 'bot', scopes: ['read', 'trade'] }))).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'VIEWER_CANNOT_TRADE',
    });
    const read = await viewer.trpc.apiKeys.create.mutate({ name: 'sheet', scopes: ['read'] });
    expect(await api('GET', '/api/v1/orders', read.key)).toMatchObject({ status: 200, body: { orders: [] } });

    const demoted = await signedInUser(stack, 'keys-demoted', 'trader');
    const { key } = await demoted.trpc.apiKeys.create.mutate({ name: 'bot', scopes: ['trade'] });
    const me = await demoted.trpc.auth.me.query();
    // No procedure changes a role yet; the database is what a future one would change.
    const pool = createPool(stack.database.url);
    try {
      await pool.query(`UPDATE users SET role = 'viewer' WHERE id = $1`, [me.userId]);
    } finally {
      await pool.end();
    }
    expect(await api('POST', '/api/v1/orders', key, marketBuy(option))).toMatchObject({ status: 403, body: { error: 'VIEWER_CANNOT_TRADE' } });
    expect((await api('GET', '/api/v1/orders', key)).status).toBe(200);
  });

  it('refuses a missing, malformed, wrong, revoked key or a disabled owner with 401 API_KEY_INVALID', async () => {
    const owner = await signedInUser(stack, 'keys-revoker', 'trader');
    const { key, apiKey } = await owner.trpc.apiKeys.create.mutate({ name: 'bot', scopes: ['read'] });
    expect((await api('GET', '/api/v1/orders', key)).status).toBe(200);

    expect(await api('GET', '/api/v1/orders')).toMatchObject(INVALID);
    expect(await api('GET', '/api/v1/orders', 'not-a-key')).toMatchObject(INVALID);
    expect(await api('GET', '/api/v1/orders', `${key.slice(0, -4)}AAAA`)).toMatchObject(INVALID);
    expect(await api('GET', '/api/v1/orders', `sdk_000000000000_${key.slice(17)}`)).toMatchObject(INVALID);
    // A terminal access token is not an API key.
    expect(await api('GET', '/api/v1/orders', owner.state.token ?? '')).toMatchObject(INVALID);

    expect(await failureOf(trader.trpc.apiKeys.revoke.mutate({ id: apiKey.id }))).toMatchObject({ code: 'NOT_FOUND', appCode: 'API_KEY_NOT_FOUND' });
    expect((await api('GET', '/api/v1/orders', key)).status).toBe(200);
    const revoked = await owner.trpc.apiKeys.revoke.mutate({ id: apiKey.id });
    expect(revoked.revokedAt).toBeGreaterThan(0);
    expect(await api('GET', '/api/v1/orders', key)).toMatchObject(INVALID);
    expect((await owner.trpc.apiKeys.list.query())[0]).toEqual(revoked);

    const second = await owner.trpc.apiKeys.create.mutate({ name: 'bot 2', scopes: ['read'] });
    expect((await api('GET', '/api/v1/orders', second.key)).status).toBe(200);
    const me = await owner.trpc.auth.me.query();
    await stack.gateway.identity.users.disable(me.userId);
    expect(await api('GET', '/api/v1/orders', second.key)).toMatchObject(INVALID);
  });

  it(`limits each key to ${REQUESTS_PER_MINUTE} requests a minute (429 RATE_LIMITED with Retry-After); other keys are unaffected`, async () => {
    const busy = await trader.trpc.apiKeys.create.mutate({ name: 'busy', scopes: ['read'] });
    const calm = await trader.trpc.apiKeys.create.mutate({ name: 'calm', scopes: ['read'] });
    for (let request = 0; request < REQUESTS_PER_MINUTE; request += 1) {
      expect((await api('GET', '/api/v1/orders', busy.key)).status).toBe(200);
    }
    const limited = await api('GET', '/api/v1/orders', busy.key);
    expect(limited).toMatchObject({ status: 429, body: { error: 'RATE_LIMITED', message: ERROR_CODES.RATE_LIMITED } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Requests with a wrong secret are refused before counting: knowing a key's public prefix
    // does not let anyone use up its budget.
    for (let request = 0; request <= REQUESTS_PER_MINUTE; request += 1) {
      expect(await api('GET', '/api/v1/orders', `${calm.key.slice(0, -4)}AAAA`)).toMatchObject(INVALID);
    }
    expect((await api('GET', '/api/v1/orders', calm.key)).status).toBe(200);
  });

  it('counts a proven key\'s requests refused for their scope: a read key looping on POST /orders meets 429 too', async () => {
    const reader = await trader.trpc.apiKeys.create.mutate({ name: 'looping', scopes: ['read'] });
    for (let request = 0; request < REQUESTS_PER_MINUTE; request += 1) {
      expect(await api('POST', '/api/v1/orders', reader.key, marketBuy(option))).toMatchObject({ status: 403, body: { error: 'API_KEY_SCOPE' } });
    }
    expect(await api('POST', '/api/v1/orders', reader.key, marketBuy(option))).toMatchObject({ status: 429, body: { error: 'RATE_LIMITED' } });
    expect(await api('GET', '/api/v1/orders', reader.key)).toMatchObject({ status: 429, body: { error: 'RATE_LIMITED' } });
  });
});

describe("an admin's oversight of every user's keys (admin.apiKeys.*, the password reset's revokeApiKeys)", () => {
  it("lists every user's keys with their owner, revokes a trader's key (it is refused from its next request), and is closed to traders", async () => {
    const admin = await signedInAdmin(stack);
    const owner = await signedInUser(stack, 'keys-overseen', 'trader');
    const { key, apiKey } = await owner.trpc.apiKeys.create.mutate({ name: 'overseen bot', scopes: ['trade'] });
    const me = await owner.trpc.auth.me.query();

    const listed = (await admin.trpc.admin.apiKeys.list.query()).find((each) => each.id === apiKey.id);
    expect(listed).toEqual({ ...apiKey, userId: me.userId, username: 'keys-overseen' });
    expect(JSON.stringify(await admin.trpc.admin.apiKeys.list.query())).not.toContain(key.slice(17));

    for (const call of [() => owner.trpc.admin.apiKeys.list.query(), () => owner.trpc.admin.apiKeys.revoke.mutate({ id: apiKey.id })]) {
      expect(await failureOf(call())).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE' });
    }
    expect((await api('GET', '/api/v1/orders', key)).status).toBe(200);

    const revoked = await admin.trpc.admin.apiKeys.revoke.mutate({ id: apiKey.id });
    expect(revoked).toMatchObject({ id: apiKey.id, username: 'keys-overseen' });
    expect(revoked.revokedAt).not.toBeNull();
    expect(await api('GET', '/api/v1/orders', key)).toMatchObject(INVALID);
    // The owner sees it revoked in their own list too.
    expect((await owner.trpc.apiKeys.list.query()).find((each) => each.id === apiKey.id)?.revokedAt).toBe(revoked.revokedAt);
    expect(await failureOf(admin.trpc.admin.apiKeys.revoke.mutate({ id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc' as ApiKeyId }))).toMatchObject({ appCode: 'API_KEY_NOT_FOUND' });
  });

  it("a password reset leaves the user's keys working unless the admin asks to revoke them too", async () => {
    const admin = await signedInAdmin(stack);
    const owner = await signedInUser(stack, 'keys-reset', 'trader');
    const { userId } = await owner.trpc.auth.me.query();
    // Both made before the first reset: it ends the owner's sessions.
    const kept = await owner.trpc.apiKeys.create.mutate({ name: 'kept', scopes: ['read'] });
    const alsoActive = await owner.trpc.apiKeys.create.mutate({ name: 'also active', scopes: ['trade'] });
    const plain = await admin.trpc.admin.users.resetPassword.mutate({ userId });
    expect(plain.revokedApiKeys).toBe(0);
    for (const each of [kept.key, alsoActive.key]) expect((await api('GET', '/api/v1/positions', each)).status).toBe(200);

    const compromised = await admin.trpc.admin.users.resetPassword.mutate({ userId, revokeApiKeys: true });
    expect(compromised.revokedApiKeys).toBe(2);
    for (const each of [kept.key, alsoActive.key]) expect(await api('GET', '/api/v1/positions', each)).toMatchObject(INVALID);
  });
});
