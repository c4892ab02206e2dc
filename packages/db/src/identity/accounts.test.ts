import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAccountId, CreateBrokerAccountInputSchema } from '@strikedesk/domain';
import { createBrokerAccountStore, type BrokerAccountStore } from '../broker-accounts/broker-account-store.ts';
import { protectSecrets } from '../broker-accounts/broker-account-input.ts';
import { createPool, type Pool } from '../pool.ts';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { createIdentityStore } from './index.ts';
import type { IdentityStore } from './types.ts';

let database: TestDatabase;
let pool: Pool;
let identity: IdentityStore;
let brokerAccounts: BrokerAccountStore;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
  identity = createIdentityStore(database.url);
  brokerAccounts = createBrokerAccountStore(pool, { sealer: null });
});
afterAll(async () => {
  await identity?.close();
  await pool?.end();
  await database?.drop();
});

const simulatedKite = (name: string) => brokerAccounts.create(protectSecrets(CreateBrokerAccountInputSchema.parse({ broker: 'SIMULATED_KITE', name })));

describe('trading accounts', () => {
  it('a new user has one paper account, their default', async () => {
    const user = await identity.users.create({ username: 'acc-paper', passwordHash: 'h', role: 'trader' });
    expect(await identity.accounts.listForUser(user.userId)).toEqual([{ id: user.accountId, name: 'acc-paper (paper)', kind: 'paper', brokerAccount: null }]);
    expect(await identity.accounts.ownerOf(user.accountId)).toBe(user.userId);
  });

  it('an assigned broker account adds a live account after the paper one, with what the engine reported', async () => {
    const user = await identity.users.create({ username: 'acc-live', passwordHash: 'h', role: 'trader' });
    const broker = await simulatedKite('Sim desk');
    await brokerAccounts.assign(broker.id, [user.userId]);
    await pool.query(
      `UPDATE broker_accounts SET connection = 'CONNECTED', status_message = 'logged in', last_tick_at = to_timestamp(1700000000), last_reconciliation = $2, last_reconciled_at = to_timestamp(1700000100) WHERE id = $1`,
      [broker.id, JSON.stringify({ eventsRecovered: 1, mismatches: 0, blocked: false })],
    );
    const [paper, live, ...rest] = await identity.accounts.listForUser(user.userId);
    expect(rest).toEqual([]);
    expect(paper).toMatchObject({ id: user.accountId, kind: 'paper', brokerAccount: null });
    expect(live).toMatchObject({
      name: 'Sim desk',
      kind: 'live',
      brokerAccount: {
        id: broker.id,
        name: 'Sim desk',
        broker: 'SIMULATED_KITE',
        enabled: true,
        connection: 'CONNECTED',
        statusMessage: 'logged in',
        lastTickAt: 1_700_000_000_000,
        lastReconciledAt: 1_700_000_100_000,
        lastReconciliation: { eventsRecovered: 1, mismatches: 0, blocked: false },
      },
    });
    expect(await identity.accounts.ownerOf(live!.id)).toBe(user.userId);
    // The default account (the token's after login) stays paper.
    expect((await identity.users.findById(user.userId))?.accountId).toBe(user.accountId);

    // Unassigned: the live account stays (its history), detached from the broker account.
    await brokerAccounts.unassign(broker.id, [user.userId]);
    const after = await identity.accounts.listForUser(user.userId);
    expect(after.map((account) => [account.kind, account.brokerAccount])).toEqual([
      ['paper', null],
      ['live', null],
    ]);
  });

  it("lists every user's accounts with their owner: a trader with a live account has both, paper first", async () => {
    const trader = await identity.users.create({ username: 'acc-all-trader', passwordHash: 'h', role: 'trader' });
    const other = await identity.users.create({ username: 'acc-all-other', passwordHash: 'h', role: 'viewer' });
    const broker = await simulatedKite('All desk');
    await brokerAccounts.assign(broker.id, [trader.userId]);

    const all = await identity.accounts.listAll();
    const ofUser = (userId: string) => all.filter((owned) => owned.userId === userId).map((owned) => owned.account);
    expect(ofUser(trader.userId)).toEqual(await identity.accounts.listForUser(trader.userId));
    expect(ofUser(trader.userId).map((account) => [account.kind, account.brokerAccount?.name ?? null])).toEqual([
      ['paper', null],
      ['live', 'All desk'],
    ]);
    expect(ofUser(other.userId).map((account) => account.id)).toEqual([other.accountId]);
    // Grouped by owner: one owner's accounts are never split by another's.
    const owners = all.map((owned) => owned.userId);
    expect(owners.filter((owner, index) => owner !== owners[index - 1])).toEqual([...new Set(owners)]);
  });

  it('nobody owns an unknown account', async () => {
    expect(await identity.accounts.ownerOf(asAccountId('00000000-0000-4000-8000-0000000000ff'))).toBeNull();
  });
});
