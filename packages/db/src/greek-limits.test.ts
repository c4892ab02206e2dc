import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAccountId, asUserId } from '@strikedesk/domain';
import { createGreekLimitStore, type GreekLimitStore } from './greek-limits.ts';
import { createPool, type Pool } from './pool.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

const ACCOUNT = asAccountId('11111111-1111-4111-8111-111111111111');
const OTHER = asAccountId('22222222-2222-4222-8222-222222222222');
const ADMIN = asUserId('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');

describe('greek limit store', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: GreekLimitStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url);
    store = createGreekLimitStore(pool);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('upserts, lists per account and removes when both maxima are null', async () => {
    const first = await store.set({ accountId: ACCOUNT, underlying: 'NIFTY', maxAbsDeltaLots: 2, maxAbsVegaRupees: null }, ADMIN);
    expect(first).toMatchObject({ accountId: ACCOUNT, underlying: 'NIFTY', maxAbsDeltaLots: 2, maxAbsVegaRupees: null, updatedBy: ADMIN });
    expect(first.updatedAt).toBeGreaterThan(0);
    await store.set({ accountId: ACCOUNT, underlying: 'NIFTY', maxAbsDeltaLots: 1.5, maxAbsVegaRupees: 25_000 }, ADMIN);
    await store.set({ accountId: OTHER, underlying: 'BANKNIFTY', maxAbsDeltaLots: null, maxAbsVegaRupees: 10 }, ADMIN);

    expect(await store.list(ACCOUNT)).toEqual([expect.objectContaining({ underlying: 'NIFTY', maxAbsDeltaLots: 1.5, maxAbsVegaRupees: 25_000 })]);
    expect(await store.list()).toHaveLength(2);

    const removed = await store.set({ accountId: ACCOUNT, underlying: 'NIFTY', maxAbsDeltaLots: null, maxAbsVegaRupees: null }, ADMIN);
    expect(removed).toMatchObject({ maxAbsDeltaLots: null, maxAbsVegaRupees: null });
    expect(await store.list(ACCOUNT)).toEqual([]);
    expect(await store.list()).toHaveLength(1);
  });
});
