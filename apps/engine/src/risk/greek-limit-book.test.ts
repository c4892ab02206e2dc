import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAccountId, DomainError, type GreekLimit } from '@strikedesk/domain';
import { createGreekLimitStore, createPool, migrate, type GreekLimitStore, type Pool } from '@strikedesk/db/client';
import type { TestDatabase } from '@strikedesk/db/testing';
import { createTestDatabase, USER_A } from '../testing/test-engine.ts';
import { GreekLimitBook } from './greek-limit-book.ts';

const ACCOUNT = asAccountId('88888888-8888-4888-8888-888888888888');
let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  await migrate(database.url);
  pool = createPool(database.url, { applicationName: 'greek-limit-book-test' });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

/** The real store, whose FIRST answer comes back late (after the write committed), as a slow connection would. */
function slowFirstAnswer(store: GreekLimitStore): GreekLimitStore {
  let first = true;
  return {
    list: (accountId) => store.list(accountId),
    async set(limit, userId) {
      const record = await store.set(limit, userId);
      if (first) {
        first = false;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return record;
    },
  };
}

const limit = (maxAbsDeltaLots: number, underlying = 'NIFTY'): GreekLimit => ({ accountId: ACCOUNT, underlying, maxAbsDeltaLots, maxAbsVegaRupees: null });

describe('GreekLimitBook', () => {
  it('serialises sets of one (account, underlying): memory and the database end on the same limit', async () => {
    const store = createGreekLimitStore(pool);
    const book = await GreekLimitBook.load(slowFirstAnswer(store), { knownUnderlying: (underlying) => underlying === 'NIFTY' });
    const [first, second] = await Promise.all([book.set(limit(1), USER_A), book.set(limit(2), USER_A)]);
    expect([first.maxAbsDeltaLots, second.maxAbsDeltaLots]).toEqual([1, 2]);
    const stored = await store.list(ACCOUNT);
    expect(stored.map((record) => record.maxAbsDeltaLots)).toEqual([2]);
    expect(book.get(ACCOUNT, 'NIFTY')?.maxAbsDeltaLots).toBe(2);
    // A restart (a fresh load) finds what memory enforces.
    expect((await GreekLimitBook.load(store)).get(ACCOUNT, 'NIFTY')?.maxAbsDeltaLots).toBe(2);
  });

  it('refuses a limit on an underlying the instrument catalog does not know, writing nothing', async () => {
    const store = createGreekLimitStore(pool);
    const book = await GreekLimitBook.load(store, { knownUnderlying: (underlying) => underlying === 'NIFTY' });
    const error = await book.set(limit(1, 'SENSEX'), USER_A).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'INSTRUMENT_NOT_FOUND', message: 'Unknown underlying SENSEX.' });
    expect(book.get(ACCOUNT, 'SENSEX')).toBeUndefined();
    expect((await store.list(ACCOUNT)).map((record) => record.underlying)).toEqual(['NIFTY']);
  });

  it('clearing the limit on one underlying stops enforcing it and leaves the others of the account', async () => {
    const store = createGreekLimitStore(pool);
    const book = await GreekLimitBook.load(store);
    await book.set(limit(5, 'NIFTY'), USER_A);
    await book.set(limit(7, 'BANKNIFTY'), USER_A);
    await book.set({ accountId: ACCOUNT, underlying: 'NIFTY', maxAbsDeltaLots: null, maxAbsVegaRupees: null }, USER_A);
    expect(book.get(ACCOUNT, 'NIFTY')).toBeUndefined();
    expect(book.get(ACCOUNT, 'BANKNIFTY')?.maxAbsDeltaLots).toBe(7);
    const reloaded = await GreekLimitBook.load(store);
    expect(reloaded.get(ACCOUNT, 'NIFTY')).toBeUndefined();
    expect(reloaded.get(ACCOUNT, 'BANKNIFTY')?.maxAbsDeltaLots).toBe(7);
  });
});
