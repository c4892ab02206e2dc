import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type BrokerAccount } from '@strikedesk/domain';
import { createBrokerCredentialsReader, createPool, parseMasterKeys, type Pool } from '@strikedesk/db/client';
import { createTestDatabase, type TestDatabase } from '@strikedesk/db/testing';
import { GatewayEnvError, loadGatewayEnv } from '../env.ts';
import { createLogger } from '../logger.ts';
import { startGateway, type Gateway } from '../server.ts';
import { createGatewayClient, failureOf, loginAs, type GatewayClient } from '../testing/gateway-client.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { TEST_ADMIN } from '../testing/test-stack.ts';

const MASTER_KEYS = `k1:${randomBytes(32).toString('base64')}`;
const KITE_SECRET = 'kite-SECRET-4f9a2c';
const IA_SECRET = 'xts-interactive-SECRET-77';
const MD_SECRET = 'xts-marketdata-SECRET-88';
const SECRETS = [KITE_SECRET, IA_SECRET, MD_SECRET];

let database: TestDatabase;
let pool: Pool;
let gateway: Gateway;
let admin: GatewayClient;
let trader: GatewayClient;
let viewer: GatewayClient;
const logLines: string[] = [];

/** A gateway exactly as production starts it, with its real logger writing into `logLines`. */
async function startGatewayOn(url: string, extra: Record<string, string>, lines: string[] = []): Promise<Gateway> {
  const env = loadGatewayEnv({
    HOST: '127.0.0.1',
    PORT: '0',
    ENGINE_URL: 'ws://127.0.0.1:9', // no engine needed for these procedures
    ENGINE_TOKEN: randomBytes(16).toString('hex'),
    DATABASE_URL: url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: TEST_ADMIN.username,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOG_LEVEL: 'trace',
    ...extra,
  });
  return startGateway(env, { logger: createLogger('trace', { write: (line: string) => void lines.push(line) }), engineCallTimeoutMs: 1_000 });
}

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
  gateway = await startGatewayOn(database.url, { STRIKEDESK_MASTER_KEYS: MASTER_KEYS }, logLines);
  await createTestUser(gateway.identity, 'ba-trader', 'trader');
  await createTestUser(gateway.identity, 'ba-viewer', 'viewer');
  [admin, trader, viewer] = [createGatewayClient(gateway.url), createGatewayClient(gateway.url), createGatewayClient(gateway.url)];
  await loginAs(admin, TEST_ADMIN.username, TEST_ADMIN.password);
  await loginAs(trader, 'ba-trader', TEST_PASSWORD);
  await loginAs(viewer, 'ba-viewer', TEST_PASSWORD);
}, 60_000);
afterAll(async () => {
  await gateway?.close();
  await pool?.end();
  await database?.drop();
});

const reader = () => createBrokerCredentialsReader(pool, parseMasterKeys(MASTER_KEYS, 'test'));
const expectNoSecret = (text: string, where: string) => {
  for (const secret of SECRETS) expect(text, `${where} holds ${secret}`).not.toContain(secret);
};
/** The raw HTTP answer, as a browser would receive it. */
const rawGet = async (client: GatewayClient, path: string, input?: unknown) => {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(`${gateway.url}/trpc/${path}${query}`, { headers: { authorization: `Bearer ${client.state.token}` } });
  expect(response.status).toBe(200);
  return response.text();
};

describe('admin.brokerAccounts', () => {
  let kite: BrokerAccount;
  let xts: BrokerAccount;

  it('an admin creates a Zerodha and an XTS account; answers and the database hold no secret', async () => {
    kite = await admin.trpc.admin.brokerAccounts.create.mutate({ broker: 'KITE', name: 'Zerodha desk', apiKey: 'kitekey1234', apiSecret: KITE_SECRET });
    xts = await admin.trpc.admin.brokerAccounts.create.mutate({
      broker: 'XTS',
      name: 'Symphony desk',
      rootUrl: 'https://xts.example-broker.in',
      clientId: 'DLR01',
      interactiveAppKey: 'ia-app',
      interactiveSecret: IA_SECRET,
      marketDataAppKey: 'md-app',
      marketDataSecret: MD_SECRET,
    });
    expect(kite).toMatchObject({ broker: 'KITE', apiKey: 'kitekey1234', hasApiSecret: true, connection: 'NEVER_CONNECTED', enabled: true, traderIds: [] });
    expect(xts).toMatchObject({ broker: 'XTS', hasInteractiveSecret: true, hasMarketDataSecret: true, hasApiSecret: false, clientId: 'DLR01' });
    expectNoSecret(JSON.stringify([kite, xts]), 'create answers');

    const listed = await admin.trpc.admin.brokerAccounts.list.query();
    expect(listed.map((account) => account.name)).toEqual(['Symphony desk', 'Zerodha desk']);
    expect(await admin.trpc.admin.brokerAccounts.get.query({ id: kite.id })).toEqual(kite);
    expectNoSecret(await rawGet(admin, 'admin.brokerAccounts.list'), 'list');
    expectNoSecret(await rawGet(admin, 'admin.brokerAccounts.get', { id: xts.id }), 'get');

    const rows = await pool.query<{ row: string }>(
      `SELECT t::text AS row FROM broker_accounts t UNION ALL SELECT s::text FROM broker_account_secrets s`,
    );
    const stored = rows.rows.map((row) => row.row).join('\n');
    expect(stored).toContain('kitekey1234');
    expectNoSecret(stored, 'the database');
    for (const secret of SECRETS) expect(stored).not.toContain(Buffer.from(secret).toString('hex'));
    // …yet the engine's reader gets them back.
    const credentials = await reader().credentialsFor(xts.id);
    expect([credentials.interactiveSecret?.reveal(), credentials.marketDataSecret?.reveal()]).toEqual([IA_SECRET, MD_SECRET]);
  });

  it("an edit made on a version another admin's save replaced is 409 BROKER_ACCOUNT_CHANGED and changes nothing", async () => {
    const opened = await admin.trpc.admin.brokerAccounts.get.query({ id: kite.id });
    const saved = await admin.trpc.admin.brokerAccounts.update.mutate({ id: kite.id, broker: 'KITE', name: 'Zerodha desk A', apiKey: 'kitekey1234', expectedUpdatedAt: opened.updatedAt });
    const stale = await failureOf(admin.trpc.admin.brokerAccounts.update.mutate({ id: kite.id, broker: 'KITE', name: 'Zerodha desk B', apiKey: 'kitekey1234', expectedUpdatedAt: opened.updatedAt }));
    expect(stale).toMatchObject({ code: 'CONFLICT', appCode: 'BROKER_ACCOUNT_CHANGED', message: ERROR_CODES.BROKER_ACCOUNT_CHANGED });
    expect(await admin.trpc.admin.brokerAccounts.get.query({ id: kite.id })).toMatchObject({ name: 'Zerodha desk A', updatedAt: saved.updatedAt });
  });

  it('an update without the secret keeps it; one with a new secret replaces it', async () => {
    const renamed = await admin.trpc.admin.brokerAccounts.update.mutate({ id: kite.id, broker: 'KITE', name: 'Zerodha desk 1', apiKey: 'kitekey1234', apiSecret: '' });
    expect(renamed).toMatchObject({ name: 'Zerodha desk 1', hasApiSecret: true });
    expect((await reader().credentialsFor(kite.id)).apiSecret?.reveal()).toBe(KITE_SECRET);

    await admin.trpc.admin.brokerAccounts.update.mutate({ id: xts.id, broker: 'XTS', name: 'Symphony desk', rootUrl: 'https://xts.example-broker.in', interactiveAppKey: 'ia-app', marketDataAppKey: 'md-app-2' });
    const credentials = await reader().credentialsFor(xts.id);
    expect(credentials.account.marketDataAppKey).toBe('md-app-2');
    expect([credentials.interactiveSecret?.reveal(), credentials.marketDataSecret?.reveal()]).toEqual([IA_SECRET, MD_SECRET]);
  });

  it('assigns and unassigns traders; a viewer cannot be assigned', async () => {
    const traderId = (await trader.trpc.auth.me.query()).userId;
    const viewerId = (await viewer.trpc.auth.me.query()).userId;
    expect((await admin.trpc.admin.brokerAccounts.assign.mutate({ id: kite.id, traderIds: [traderId] })).traderIds).toEqual([traderId]);
    expect(await failureOf(admin.trpc.admin.brokerAccounts.assign.mutate({ id: kite.id, traderIds: [viewerId] }))).toMatchObject({
      code: 'BAD_REQUEST',
      appCode: 'BROKER_ACCOUNT_TRADER_INVALID',
    });
    expect((await admin.trpc.admin.brokerAccounts.unassign.mutate({ id: kite.id, traderIds: [traderId] })).traderIds).toEqual([]);
  });

  it('explains invalid input and conflicts', async () => {
    const insecure = await failureOf(
      admin.trpc.admin.brokerAccounts.create.mutate({ broker: 'XTS', name: 'Plain', rootUrl: 'http://xts.example.in', interactiveAppKey: 'a', interactiveSecret: 'b', marketDataAppKey: 'c', marketDataSecret: 'd' }),
    );
    expect(insecure).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION_FAILED' });
    expect(insecure.message).toContain('XTS root URL must be https://');
    expect(await failureOf(admin.trpc.admin.brokerAccounts.create.mutate({ broker: 'SIMULATED_KITE', name: 'zerodha DESK 1' }))).toMatchObject({
      code: 'CONFLICT',
      appCode: 'BROKER_ACCOUNT_NAME_TAKEN',
    });
    expect(await failureOf(admin.trpc.admin.brokerAccounts.remove.mutate({ id: kite.id }))).toMatchObject({ code: 'CONFLICT', appCode: 'BROKER_ACCOUNT_STILL_ENABLED' });
    expect((await admin.trpc.admin.brokerAccounts.setEnabled.mutate({ id: kite.id, enabled: false })).enabled).toBe(false);
    expect(await admin.trpc.admin.brokerAccounts.remove.mutate({ id: kite.id })).toEqual({ id: kite.id });
    expect(await failureOf(admin.trpc.admin.brokerAccounts.get.query({ id: kite.id }))).toMatchObject({ code: 'NOT_FOUND', appCode: 'BROKER_ACCOUNT_NOT_FOUND' });
  });

  it('refuses traders and viewers on every procedure (FORBIDDEN_ROLE)', async () => {
    const someone = (await trader.trpc.auth.me.query()).userId;
    for (const client of [trader, viewer]) {
      const calls: (() => Promise<unknown>)[] = [
        () => client.trpc.admin.brokerAccounts.list.query(),
        () => client.trpc.admin.brokerAccounts.get.query({ id: xts.id }),
        () => client.trpc.admin.brokerAccounts.create.mutate({ broker: 'SIMULATED_KITE', name: 'Mine' }),
        () => client.trpc.admin.brokerAccounts.update.mutate({ id: xts.id, broker: 'SIMULATED_XTS', name: 'Mine' }),
        () => client.trpc.admin.brokerAccounts.setEnabled.mutate({ id: xts.id, enabled: false }),
        () => client.trpc.admin.brokerAccounts.assign.mutate({ id: xts.id, traderIds: [someone] }),
        () => client.trpc.admin.brokerAccounts.unassign.mutate({ id: xts.id, traderIds: [someone] }),
        () => client.trpc.admin.brokerAccounts.setTraders.mutate({ id: xts.id, traderIds: [someone] }),
        () => client.trpc.admin.brokerAccounts.remove.mutate({ id: xts.id }),
      ];
      for (const call of calls) expect(await failureOf(call())).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE', httpStatus: 403 });
    }
    expect((await admin.trpc.admin.brokerAccounts.get.query({ id: xts.id })).enabled).toBe(true);
  });

  it('writes no secret to the log, which records who changed what', () => {
    const log = logLines.join('');
    expect(log).toContain('"msg":"broker account created"');
    expect(log).toContain('"secretsReplaced":[]');
    expectNoSecret(log, 'the gateway log');
  });

  it("the logger redacts secrets by name even if an input is logged whole", () => {
    const lines: string[] = [];
    createLogger('info', { write: (line: string) => void lines.push(line) }).info({ input: { apiSecret: KITE_SECRET, interactiveSecret: IA_SECRET }, marketDataSecret: MD_SECRET }, 'oops');
    expectNoSecret(lines.join(''), 'a redacted line');
    expect(lines.join('')).toContain('[Redacted]');
  });
});

describe('master key configuration', () => {
  it('a gateway without a master key lists accounts but cannot save a secret', async () => {
    const lines: string[] = [];
    const keyless = await startGatewayOn(database.url, {}, lines);
    try {
      const client = createGatewayClient(keyless.url);
      await loginAs(client, TEST_ADMIN.username, TEST_ADMIN.password);
      expect((await client.trpc.admin.brokerAccounts.list.query()).length).toBeGreaterThan(0);
      const refused = await failureOf(client.trpc.admin.brokerAccounts.create.mutate({ broker: 'KITE', name: 'Keyless', apiKey: 'k', apiSecret: 's' }));
      expect(refused).toMatchObject({ code: 'PRECONDITION_FAILED', appCode: 'BROKER_SECRETS_KEY_MISSING' });
      expect(lines.join('')).toContain('broker account secrets cannot be saved');
    } finally {
      await keyless.close();
    }
  });

  it('a malformed master key stops the gateway at start with a configuration error that shows no key material', async () => {
    const short = randomBytes(16).toString('base64');
    const error = await startGatewayOn(database.url, { STRIKEDESK_MASTER_KEYS: `k1:${short}` }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayEnvError);
    expect((error as Error).message).toContain('master key "k1" must be 32 random bytes');
    expect((error as Error).message).not.toContain(short);
  });
});
