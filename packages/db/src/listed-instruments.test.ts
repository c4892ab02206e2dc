import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListedInstrumentStore, type ListedInstrumentStore } from './listed-instruments.ts';
import { createPool, type Pool } from './pool.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

const contract = (id: string, expiry: string, lotSize = 75) => ({ id, expiry, definition: { id, expiry, lotSize } });

describe('listed instrument store', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: ListedInstrumentStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url);
    store = createListedInstrumentStore(pool);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('remembers a listing, takes a contract’s newest definition, and loads by id', async () => {
    await store.remember([contract('NFO:A', '2026-12-15'), contract('NFO:B', '2026-12-29'), contract('NFO:A', '2026-12-15', 50)], '2026-12-09');
    expect(await store.load(['NFO:B', 'NFO:A', 'NFO:UNKNOWN'])).toEqual([contract('NFO:A', '2026-12-15', 50), contract('NFO:B', '2026-12-29')]);
    // Listed again on a later day with a new lot size (an exchange circular).
    await store.remember([contract('NFO:B', '2026-12-29', 65)], '2026-12-10');
    expect(await store.load(['NFO:B'])).toEqual([contract('NFO:B', '2026-12-29', 65)]);
    const days = await pool.query<{ id: string; listed_on: string }>("SELECT id, to_char(listed_on, 'YYYY-MM-DD') AS listed_on FROM listed_instruments ORDER BY id");
    expect(days.rows).toEqual([{ id: 'NFO:A', listed_on: '2026-12-09' }, { id: 'NFO:B', listed_on: '2026-12-10' }]);
  });

  it('leaves an unchanged contract listed again the same day untouched (no new row version)', async () => {
    await store.remember([contract('NFO:C', '2027-01-26')], '2026-12-11');
    const before = await pool.query<{ xmin: string }>("SELECT xmin::text FROM listed_instruments WHERE id = 'NFO:C'");
    await store.remember([contract('NFO:C', '2027-01-26')], '2026-12-11');
    const after = await pool.query<{ xmin: string }>("SELECT xmin::text FROM listed_instruments WHERE id = 'NFO:C'");
    expect(after.rows[0]?.xmin).toBe(before.rows[0]?.xmin);
  });

  it('forgets contracts expired before a day, except those still held', async () => {
    await store.remember([contract('NFO:OLD-HELD', '2026-10-27'), contract('NFO:OLD', '2026-10-28'), contract('NFO:RECENT', '2026-11-20')], '2026-10-20');
    expect(await store.forgetExpired('2026-11-09', ['NFO:OLD-HELD'])).toBe(1);
    expect((await store.load(['NFO:OLD-HELD', 'NFO:OLD', 'NFO:RECENT'])).map((row) => row.id)).toEqual(['NFO:OLD-HELD', 'NFO:RECENT']);
  });

  it('keeps a contract an active price alert names until the alert has ended (its expiry is read from here)', async () => {
    const user = 'a1a1a1a1-a1a1-4a1a-8a1a-a1a1a1a1a1a1';
    await pool.query(`INSERT INTO users (id, username, password_hash, role) VALUES ($1, 'alerter', 'x', 'trader')`, [user]);
    await store.remember([contract('NFO:WATCHED', '2026-10-27')], '2026-10-20');
    await pool.query(`INSERT INTO price_alerts (id, user_id, instrument_id, condition, price) VALUES ('b2b2b2b2-b2b2-4b2b-8b2b-b2b2b2b2b2b2', $1, 'NFO:WATCHED', 'ABOVE', 100)`, [user]);
    expect(await store.forgetExpired('2026-11-09', ['NFO:OLD-HELD'])).toBe(0);
    await pool.query(`UPDATE price_alerts SET status = 'EXPIRED', expired_at = now()`);
    expect(await store.forgetExpired('2026-11-09', ['NFO:OLD-HELD'])).toBe(1);
  });
});
