import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAccountId, DomainError, type BrokerAccountId } from '@strikedesk/domain';
import {
  createBrokerAccountStore,
  createBrokerCredentialsReader,
  createBrokerRoutingStore,
  createPool,
  createSecretSealer,
  Secret,
  type BrokerAccountStore,
  type BrokerRoutingStore,
} from '@strikedesk/db/client';
import { createTestDatabase, type TestDatabase } from '@strikedesk/db/testing';
import type pg from 'pg';
import { newKeyRing } from '../../../../../packages/db/src/broker-accounts/broker-account-fixtures.ts';
import { startFakeKiteServer, type RunningFakeKite } from '../kite/fake/fake-kite-server.ts';
import type { LinkStatus } from './broker-link.ts';
import { KiteAccountLink } from './kite-account-link.ts';

/**
 * A session expiry heard from a client that is no longer the link's own must not end the state
 * that replaced it: BrokerAccountConnections halts the account (BROKER_SESSION) on every
 * SESSION_EXPIRED a link reports, and only a later CONNECTED releases that halt.
 */
const ring = newKeyRing('k1');
let database: TestDatabase;
let pool: pg.Pool;
let accounts: BrokerAccountStore;
let routing: BrokerRoutingStore;
let fake: RunningFakeKite;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
  accounts = createBrokerAccountStore(pool, { sealer: createSecretSealer(ring) });
  routing = createBrokerRoutingStore(pool, { sealer: createSecretSealer(ring) });
  fake = await startFakeKiteServer();
});
afterAll(async () => {
  await fake?.close();
  await pool?.end();
  await database?.drop();
});

async function connectedLink(): Promise<{ link: KiteAccountLink; statuses: LinkStatus[]; id: BrokerAccountId }> {
  const account = await accounts.create({ broker: 'KITE', name: `Zerodha ${crypto.randomUUID().slice(0, 8)}`, enabled: true, apiKey: fake.apiKey, apiUrl: fake.url, loginUrl: fake.url, tickerUrl: null, apiSecret: new Secret(fake.apiSecret) } as never);
  await routing.saveAccessToken(account.id, new Secret(fake.accessToken));
  const reader = createBrokerCredentialsReader(pool, ring);
  const statuses: LinkStatus[] = [];
  const link = new KiteAccountLink({
    brokerAccountId: account.id,
    accountId: asAccountId(crypto.randomUUID()),
    credentials: () => reader.credentialsFor(account.id),
    store: routing,
    simulated: null,
    logger: { info: () => undefined, warn: () => undefined },
    onStatus: (status) => statuses.push(status),
    // Long: the session check must not be what notices the expiry in this test.
    healthCheckMs: 60_000,
    pollMs: 60_000,
  });
  await link.start();
  expect(link.status().connection).toBe('CONNECTED');
  return { link, statuses, id: account.id };
}

describe('KiteAccountLink and a session expiry from a client it has let go', () => {
  it('"Disconnect" while a request of the session meets TokenException ends DISCONNECTED, never reported as expired', async () => {
    const { link, statuses, id } = await connectedLink();
    const venue = link.venue();
    if (!venue) throw new Error('no adapter');
    fake.faults.expireSession(); // Kite ends the session; the next read of the old client meets TokenException…
    const read = await venue.books().then(() => null, (error: unknown) => error);
    expect(read).toBeInstanceOf(DomainError);
    expect((read as DomainError).code).toBe('BROKER_SESSION_EXPIRED');
    // …and the admin clicks "Disconnect" before the client has told the link (it tells on the next turn).
    const reported = statuses.length;
    await link.disconnect('Disconnected by hand.');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = statuses.slice(reported).map((status) => status.connection);
    expect(after).not.toContain('SESSION_EXPIRED');
    expect(after.at(-1)).toBe('DISCONNECTED');
    expect(link.status()).toEqual({ connection: 'DISCONNECTED', message: 'Disconnected by hand.' });
    const token = await pool.query(`SELECT 1 FROM broker_account_secrets WHERE account_id = $1 AND field = 'access_token'`, [id]);
    expect(token.rowCount).toBe(0);
    await link.close();
  });
});
