import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBrokerAccountInputSchema, UpdateBrokerAccountInputSchema, type BrokerAccountId, type CreateBrokerAccountInput, type UpdateBrokerAccountInput, type UserId } from '@strikedesk/domain';
import { createPool, type Pool } from '../pool.ts';
import { createSecretSealer } from '../secrets/envelope.ts';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { protectSecrets } from './broker-account-input.ts';
import { createBrokerAccountStore, type BrokerAccountStore } from './broker-account-store.ts';
import { insertUser, newKeyRing, tableAsText } from './broker-account-fixtures.ts';
import { createBrokerCredentialsReader } from './broker-credentials.ts';
import { createMarketDataStore } from './market-data-store.ts';

const ring = newKeyRing('k1');
let database: TestDatabase;
let pool: Pool;
let store: BrokerAccountStore;
let keyless: BrokerAccountStore;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
  store = createBrokerAccountStore(pool, { sealer: createSecretSealer(ring) });
  keyless = createBrokerAccountStore(pool, { sealer: null });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

/** As the gateway does it: parse, then wrap the secrets before anything else sees them. */
const create = (target: BrokerAccountStore, input: CreateBrokerAccountInput) => target.create(protectSecrets(CreateBrokerAccountInputSchema.parse(input)));
const update = (target: BrokerAccountStore, input: UpdateBrokerAccountInput) => target.update(protectSecrets(UpdateBrokerAccountInputSchema.parse(input)));
const credentials = (id: BrokerAccountId) => createBrokerCredentialsReader(pool, ring).credentialsFor(id);
const kite = (name: string): Extract<CreateBrokerAccountInput, { broker: 'KITE' }> => ({ broker: 'KITE', name, apiKey: 'kiteapikey1234', apiSecret: 'kite-SECRET-value-1' });
const codeOf = async (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code ?? String(error));

describe('broker account store', () => {
  it('creates a Kite account: listed with its public key, a secret flag, never connected; the database holds no plaintext', async () => {
    const account = await create(store, { ...kite('Zerodha desk'), apiUrl: 'http://127.0.0.1:9999/' });
    expect(account).toMatchObject({
      name: 'Zerodha desk',
      broker: 'KITE',
      enabled: true,
      apiKey: 'kiteapikey1234',
      hasApiSecret: true,
      apiUrl: 'http://127.0.0.1:9999',
      loginUrl: null,
      rootUrl: null,
      hasInteractiveSecret: false,
      traderIds: [],
      connection: 'NEVER_CONNECTED',
      statusMessage: null,
      lastTickAt: null,
      lastReconciliation: null,
    });
    expect(JSON.stringify(account)).not.toContain('kite-SECRET');
    expect(await store.list()).toContainEqual(account);

    const stored = `${await tableAsText(pool, 'broker_accounts')}\n${await tableAsText(pool, 'broker_account_secrets')}`;
    expect(stored).toContain('kiteapikey1234');
    expect(stored).not.toContain('kite-SECRET-value-1');
    expect(stored).not.toContain(Buffer.from('kite-SECRET-value-1').toString('hex'));
    const row = await pool.query('SELECT field, master_key_id FROM broker_account_secrets WHERE account_id = $1', [account.id]);
    expect(row.rows).toEqual([{ field: 'api_secret', master_key_id: 'k1' }]);
    expect((await credentials(account.id)).apiSecret?.reveal()).toBe('kite-SECRET-value-1');
  });

  it('creates an XTS account with both apps; an update without secrets keeps them, one with a secret replaces only it', async () => {
    const account = await create(store, {
      broker: 'XTS',
      name: 'Symphony desk',
      rootUrl: 'https://xts.example-broker.in',
      clientId: 'CL01',
      interactiveAppKey: 'ia-key',
      interactiveSecret: 'ia-SECRET',
      marketDataAppKey: 'md-key',
      marketDataSecret: 'md-SECRET',
    });
    expect(account).toMatchObject({ rootUrl: 'https://xts.example-broker.in', marketDataUrl: null, hasInteractiveSecret: true, hasMarketDataSecret: true, apiKey: null, hasApiSecret: false });

    const renamed = await update(store, {
      id: account.id,
      broker: 'XTS',
      name: 'Symphony desk 2',
      rootUrl: 'https://xts.example-broker.in',
      marketDataUrl: 'https://md.example-broker.in',
      clientId: '',
      interactiveAppKey: 'ia-key-2',
      marketDataAppKey: 'md-key',
      interactiveSecret: '',
    });
    expect(renamed).toMatchObject({ name: 'Symphony desk 2', clientId: null, marketDataUrl: 'https://md.example-broker.in', interactiveAppKey: 'ia-key-2', hasInteractiveSecret: true });
    let read = await credentials(account.id);
    expect([read.interactiveSecret?.reveal(), read.marketDataSecret?.reveal()]).toEqual(['ia-SECRET', 'md-SECRET']);

    await update(store, {
      id: account.id,
      broker: 'XTS',
      name: renamed.name,
      rootUrl: 'https://xts.example-broker.in',
      interactiveAppKey: 'ia-key-2',
      marketDataAppKey: 'md-key',
      marketDataSecret: 'md-SECRET-2',
    });
    read = await credentials(account.id);
    expect([read.interactiveSecret?.reveal(), read.marketDataSecret?.reveal()]).toEqual(['ia-SECRET', 'md-SECRET-2']);
  });

  it('refuses a taken name (any case), another broker on update, and unknown accounts', async () => {
    await create(store, kite('Taken'));
    expect(await codeOf(create(store, kite('tAKEN')))).toBe('BROKER_ACCOUNT_NAME_TAKEN');
    const other = await create(store, kite('Other'));
    expect(await codeOf(update(store, { id: other.id, broker: 'KITE', name: 'TAKEN', apiKey: 'k' }))).toBe('BROKER_ACCOUNT_NAME_TAKEN');
    expect(await codeOf(update(store, { id: other.id, broker: 'SIMULATED_KITE', name: 'Other' }))).toBe('VALIDATION_FAILED');
    const missing = '00000000-0000-4000-8000-000000000000' as BrokerAccountId;
    expect(await codeOf(store.get(missing))).toBe('BROKER_ACCOUNT_NOT_FOUND');
    expect(await codeOf(store.setEnabled(missing, false))).toBe('BROKER_ACCOUNT_NOT_FOUND');
    expect(await codeOf(update(store, { id: missing, broker: 'KITE', name: 'x', apiKey: 'k' }))).toBe('BROKER_ACCOUNT_NOT_FOUND');
  });

  it("refuses an edit made on a version another admin's change has replaced (BROKER_ACCOUNT_CHANGED), writing nothing; each change is a new version", async () => {
    const opened = await create(store, kite('Versioned'));
    const edit = (name: string, expectedUpdatedAt: number) => update(store, { id: opened.id, broker: 'KITE', name, apiKey: 'kiteapikey1234', expectedUpdatedAt });
    // Two admins opened the same version; the first save wins, the second is refused instead of undoing it.
    const first = await edit('Versioned A', opened.updatedAt);
    expect(first.updatedAt).toBeGreaterThan(opened.updatedAt);
    expect(await codeOf(edit('Versioned B', opened.updatedAt))).toBe('BROKER_ACCOUNT_CHANGED');
    expect(await codeOf(update(store, { id: opened.id, broker: 'KITE', name: 'Versioned B', apiKey: 'k', apiSecret: 'new-SECRET', expectedUpdatedAt: opened.updatedAt }))).toBe('BROKER_ACCOUNT_CHANGED');
    expect(await store.get(opened.id)).toMatchObject({ name: 'Versioned A', apiKey: 'kiteapikey1234' });
    expect((await credentials(opened.id)).apiSecret?.reveal()).toBe('kite-SECRET-value-1');

    // Enabling is a change too; saves in the same millisecond still make distinct versions.
    const disabled = await store.setEnabled(opened.id, false);
    expect(disabled.updatedAt).toBeGreaterThan(first.updatedAt);
    expect(await codeOf(edit('Versioned C', first.updatedAt))).toBe('BROKER_ACCOUNT_CHANGED');
    const versions = [disabled.updatedAt];
    for (const name of ['V1', 'V2', 'V3']) versions.push((await edit(name, versions.at(-1) as number)).updatedAt);
    expect(new Set(versions).size).toBe(versions.length);
    // Without a version the last save wins (scripts, older clients).
    expect(await update(store, { id: opened.id, broker: 'KITE', name: 'Versioned D', apiKey: 'k' })).toMatchObject({ name: 'Versioned D' });
  });

  it('without a master key, refuses to store a secret (and writes nothing) but takes a simulated account without one', async () => {
    expect(await codeOf(create(keyless, kite('No key')))).toBe('BROKER_SECRETS_KEY_MISSING');
    expect((await store.list()).map((account) => account.name)).not.toContain('No key');
    const simulated = await create(keyless, { broker: 'SIMULATED_XTS', name: 'Simulated XTS', enabled: false });
    expect(simulated).toMatchObject({ broker: 'SIMULATED_XTS', enabled: false, rootUrl: null, hasInteractiveSecret: false });
    const read = await credentials(simulated.id);
    expect(read.interactiveSecret).toBeNull();
  });

  it('assigns one active trader (or admin) per account, idempotently, with a live trading account; unassign detaches it', async () => {
    const account = await create(store, kite('Assigned'));
    const other = await create(store, kite('Other login'));
    const [traderA, traderB, admin, viewer, disabled] = await Promise.all([
      insertUser(pool, 'trader'),
      insertUser(pool, 'trader'),
      insertUser(pool, 'admin'),
      insertUser(pool, 'viewer'),
      insertUser(pool, 'trader', { disabled: true }),
    ]);
    const bound = async (brokerAccountId: string) =>
      (await pool.query<{ user_id: string; broker: string; name: string }>('SELECT user_id, broker, name FROM accounts WHERE broker_account_id = $1', [brokerAccountId])).rows;
    expect((await store.assign(account.id, [traderA, traderA])).traderIds).toEqual([traderA]);
    expect((await store.assign(account.id, [traderA])).traderIds).toEqual([traderA]);
    expect(await bound(account.id)).toEqual([{ user_id: traderA, broker: 'live', name: 'Assigned' }]);
    // One login cannot be netted for two traders, and a trader trades through one login.
    expect(await codeOf(store.assign(account.id, [traderB]))).toBe('BROKER_ACCOUNT_ALREADY_ASSIGNED');
    expect(await codeOf(store.assign(other.id, [traderA]))).toBe('BROKER_ACCOUNT_ALREADY_ASSIGNED');
    expect(await codeOf(store.assign(other.id, [viewer]))).toBe('BROKER_ACCOUNT_TRADER_INVALID');
    expect(await codeOf(store.assign(other.id, [disabled]))).toBe('BROKER_ACCOUNT_TRADER_INVALID');
    expect((await store.get(other.id)).traderIds).toEqual([]);

    expect((await store.unassign(account.id, [traderA])).traderIds).toEqual([]);
    expect(await bound(account.id)).toEqual([]);
    const detached = await pool.query('SELECT 1 FROM accounts WHERE user_id = $1 AND broker = $2 AND broker_account_id IS NULL', [traderA, 'live']);
    expect(detached.rowCount).toBe(1);
    expect((await store.assign(account.id, [traderB])).traderIds).toEqual([traderB]);
    expect((await store.assign(other.id, [admin])).traderIds).toEqual([admin]);
    await pool.query('DELETE FROM users WHERE id = $1', [admin]);
    expect((await store.get(other.id)).traderIds).toEqual([]);
  });

  it('setTraders hands the account from one trader to another in one change: a refused newcomer leaves the old trader in place', async () => {
    const account = await create(store, kite('Handed over'));
    const [oldTrader, newTrader, viewer] = await Promise.all([insertUser(pool, 'trader'), insertUser(pool, 'trader'), insertUser(pool, 'viewer')]);
    const live = async (userId: UserId) =>
      (await pool.query<{ broker_account_id: string | null }>(`SELECT broker_account_id FROM accounts WHERE user_id = $1 AND broker = 'live'`, [userId])).rows.map((row) => row.broker_account_id);
    const first = await store.setTraders(account.id, [oldTrader]);
    expect(first.traderIds).toEqual([oldTrader]);

    // A viewer cannot trade: refused as a whole, the old trader keeps the account and their live account stays bound.
    expect(await codeOf(store.setTraders(account.id, [viewer]))).toBe('BROKER_ACCOUNT_TRADER_INVALID');
    expect((await store.get(account.id)).traderIds).toEqual([oldTrader]);
    expect(await live(oldTrader)).toEqual([account.id]);

    // On a stale version nothing changes either.
    expect(await codeOf(store.setTraders(account.id, [newTrader], first.updatedAt - 1))).toBe('BROKER_ACCOUNT_CHANGED');
    expect((await store.get(account.id)).traderIds).toEqual([oldTrader]);

    const handed = await store.setTraders(account.id, [newTrader], (await store.get(account.id)).updatedAt);
    expect(handed.traderIds).toEqual([newTrader]);
    expect(await live(oldTrader)).toEqual([null]);
    expect(await live(newTrader)).toEqual([account.id]);
    expect((await store.setTraders(account.id, [newTrader])).traderIds).toEqual([newTrader]);
    expect(await live(newTrader)).toEqual([account.id]);
    expect((await store.setTraders(account.id, [])).traderIds).toEqual([]);
    expect(await live(newTrader)).toEqual([null]);
  });

  it('removes only a disabled account, with its secrets and assignments', async () => {
    const account = await create(store, kite('Removable'));
    await store.assign(account.id, [await insertUser(pool, 'trader')]);
    expect(await codeOf(store.remove(account.id))).toBe('BROKER_ACCOUNT_STILL_ENABLED');
    expect((await store.setEnabled(account.id, false)).enabled).toBe(false);
    await store.remove(account.id);
    expect(await codeOf(store.get(account.id))).toBe('BROKER_ACCOUNT_NOT_FOUND');
    const left = await pool.query('SELECT (SELECT count(*) FROM broker_account_secrets WHERE account_id = $1) + (SELECT count(*) FROM broker_account_assignments WHERE account_id = $1) AS n', [account.id]);
    expect(left.rows[0]).toEqual({ n: 0 });
    expect(await codeOf(store.remove(account.id))).toBe('BROKER_ACCOUNT_NOT_FOUND');
  });

  it('shows the status the engine wrote, as stored', async () => {
    const account = await create(store, kite('Status'));
    await pool.query(
      `UPDATE broker_accounts SET connection = 'SESSION_EXPIRED', status_message = 'Reconnect', last_tick_at = to_timestamp(1000), last_reconciled_at = to_timestamp(2000), last_reconciliation = $2 WHERE id = $1`,
      [account.id, JSON.stringify({ eventsRecovered: 1, mismatches: 0, blocked: false })],
    );
    expect(await store.get(account.id)).toMatchObject({
      connection: 'SESSION_EXPIRED',
      statusMessage: 'Reconnect',
      lastTickAt: 1_000_000,
      lastReconciledAt: 2_000_000,
      lastReconciliation: { eventsRecovered: 1, mismatches: 0, blocked: false },
    });
  });

  it('a ciphertext copied into another account does not decrypt there', async () => {
    const source = await create(store, kite('Copy source'));
    const target = await create(store, { ...kite('Copy target'), apiSecret: 'target-secret' });
    await pool.query(
      `UPDATE broker_account_secrets t SET ciphertext = s.ciphertext, iv = s.iv, tag = s.tag, wrapped_key = s.wrapped_key, wrapped_key_iv = s.wrapped_key_iv, wrapped_key_tag = s.wrapped_key_tag
       FROM broker_account_secrets s WHERE s.account_id = $1 AND t.account_id = $2 AND s.field = t.field`,
      [source.id, target.id],
    );
    await expect(credentials(target.id)).rejects.toMatchObject({ name: 'SecretDecryptionError', reason: 'AUTHENTICATION_FAILED', context: `broker_account:${target.id}:api_secret` });
    expect((await credentials(source.id)).apiSecret?.reveal()).toBe('kite-SECRET-value-1');
  });

  it('marks at most one account as the market-data source; a simulated XTS cannot be one; the engine reads the choice and its cached list', async () => {
    const first = await create(store, kite('Data one'));
    const second = await create(store, kite('Data two'));
    const simulatedXts = await create(store, { broker: 'SIMULATED_XTS', name: 'Sim XTS data' });
    const marketData = createMarketDataStore(pool);
    expect(await marketData.source()).toBeNull();

    await store.setMarketDataSource(first.id);
    await store.setMarketDataSource(second.id);
    const marked = (await store.list()).filter((account) => account.marketData).map((account) => account.name);
    expect(marked).toEqual(['Data two']);
    expect(await marketData.source()).toMatchObject({ brokerAccountId: second.id, broker: 'KITE', name: 'Data two', enabled: true });

    expect(await codeOf(store.setMarketDataSource(simulatedXts.id))).toBe('VALIDATION_FAILED');
    expect((await store.get(second.id)).marketData).toBe(true);

    // The engine's status line shows only on the source; the tick time only moves forward when given.
    await marketData.setStatus(second.id, 'Streaming 10 instruments.', 1_000);
    await marketData.setStatus(second.id, 'Streaming 10 instruments.', null);
    expect(await store.get(second.id)).toMatchObject({ marketDataStatus: 'Streaming 10 instruments.', lastTickAt: 1_000 });
    await marketData.saveMaster(second.id, 2_000, [{ id: 'NFO:NIFTY26DECFUT' }]);
    await marketData.saveMaster(second.id, 3_000, [{ id: 'NFO:NIFTY27JANFUT' }]);
    expect(await marketData.loadMaster(second.id)).toEqual({ fetchedAt: 3_000, contracts: [{ id: 'NFO:NIFTY27JANFUT' }] });
    expect(await marketData.loadMaster(first.id)).toBeNull();

    await store.setMarketDataSource(second.id); // chosen again: what the engine said still stands
    expect((await store.get(second.id)).marketDataStatus).toBe('Streaming 10 instruments.');
    // Admins choosing at once: one wins, never two (the index refuses a second marked row too).
    const candidates = await Promise.all(Array.from({ length: 6 }, (_, index) => create(store, kite(`Race ${index}`))));
    await Promise.all(candidates.map((candidate) => store.setMarketDataSource(candidate.id)));
    expect((await store.list()).filter((account) => account.marketData)).toHaveLength(1);
    await expect(pool.query('UPDATE broker_accounts SET market_data = true WHERE id = $1', [first.id])).rejects.toThrow(/broker_accounts_one_market_data_source/);
    await store.setMarketDataSource(second.id);

    await store.setMarketDataSource(null);
    expect(await marketData.source()).toBeNull();
    expect((await store.get(second.id)).marketDataStatus).toBeNull(); // not the source any more: nothing to say
    await store.setMarketDataSource(second.id); // chosen anew: the old line described another engine run
    expect((await store.get(second.id)).marketDataStatus).toBeNull();
    await store.setMarketDataSource(null);
    expect(await codeOf(store.setMarketDataSource(crypto.randomUUID() as BrokerAccountId))).toBe('BROKER_ACCOUNT_NOT_FOUND');
  });
});
