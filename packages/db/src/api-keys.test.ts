import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAccountId, asUserId, DomainError, type AccountId, type ApiKeyId, type UserId } from '@strikedesk/domain';
import { createApiKeyStore, type ApiKeyStore } from './api-keys.ts';
import { createPool, type Pool } from './pool.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

const OWNER = asUserId('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
const OTHER = asUserId('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb');
const ACCOUNT_OF: Record<string, AccountId> = {
  [OWNER]: asAccountId('aaaaaaaa-0000-4aaa-8aaa-aaaaaaaaaaaa'),
  [OTHER]: asAccountId('bbbbbbbb-0000-4bbb-8bbb-bbbbbbbbbbbb'),
};

describe('api key store', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: ApiKeyStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url);
    store = createApiKeyStore(pool);
    for (const [id, username] of [
      [OWNER, 'key-owner'],
      [OTHER, 'key-other'],
    ] as const) {
      await pool.query(`INSERT INTO users (id, username, password_hash, role) VALUES ($1, $2, 'x', 'trader')`, [id, username]);
      await pool.query(`INSERT INTO accounts (id, user_id, name) VALUES ($1, $2, 'Paper')`, [ACCOUNT_OF[id], id]);
    }
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  const create = (userId: UserId, prefix: string, name = 'bot') => store.create({ userId, accountId: ACCOUNT_OF[userId]!, name, scopes: ['read', 'trade'], prefix, secretHash: `hash-${prefix}` });

  it('creates keys, lists only the owner’s newest first, and finds one by prefix with its hash and owner', async () => {
    const first = await create(OWNER, 'p1first0001', 'first');
    await pool.query(`SELECT pg_sleep(0.01)`);
    const second = await create(OWNER, 'p1second001', 'second');
    await create(OTHER, 'p1other0001');
    expect(first).toMatchObject({ name: 'first', accountId: ACCOUNT_OF[OWNER], prefix: 'p1first0001', scopes: ['read', 'trade'], lastUsedAt: null, revokedAt: null });
    expect(first.createdAt).toBeGreaterThan(0);
    // Never the hash in what a list shows.
    expect(Object.keys(first)).not.toContain('secretHash');

    const listed = await store.list(OWNER);
    expect(listed).toEqual([second, first]);

    expect(await store.findByPrefix('p1second001')).toEqual({ apiKey: second, userId: OWNER, secretHash: 'hash-p1second001' });
    expect(await store.findByPrefix('nosuchprefix')).toBeNull();
  });

  it('refuses a second key with the same prefix', async () => {
    await create(OWNER, 'p2dup000001');
    await expect(create(OTHER, 'p2dup000001')).rejects.toThrow();
  });

  it("revokes the owner's key once (a second revoke keeps the first time); another user's key is API_KEY_NOT_FOUND", async () => {
    const key = await create(OWNER, 'p3revoke001');
    await expect(store.revoke(key.id, OTHER)).rejects.toMatchObject({ code: 'API_KEY_NOT_FOUND' });
    await expect(store.revoke('cccccccc-cccc-4ccc-8ccc-cccccccccccc' as ApiKeyId, OWNER)).rejects.toBeInstanceOf(DomainError);
    const revoked = await store.revoke(key.id, OWNER);
    expect(revoked.revokedAt).toBeGreaterThan(0);
    await pool.query(`SELECT pg_sleep(0.01)`);
    expect((await store.revoke(key.id, OWNER)).revokedAt).toBe(revoked.revokedAt);
    expect((await store.findByPrefix('p3revoke001'))?.apiKey.revokedAt).toBe(revoked.revokedAt);
  });

  it("an admin lists every user's keys with their owner and revokes anyone's (twice keeps the first time; an unknown id is API_KEY_NOT_FOUND)", async () => {
    const owners = await create(OWNER, 'p5admin0001', 'owner bot');
    const others = await create(OTHER, 'p5admin0002', 'other bot');
    const all = await store.listAll();
    expect(all.find((key) => key.id === owners.id)).toEqual({ ...owners, userId: OWNER, username: 'key-owner' });
    expect(all.find((key) => key.id === others.id)).toEqual({ ...others, userId: OTHER, username: 'key-other' });
    expect(all.map((key) => key.createdAt)).toEqual([...all.map((key) => key.createdAt)].sort((a, b) => b - a));

    const revoked = await store.revokeAny(others.id);
    expect(revoked).toMatchObject({ id: others.id, userId: OTHER, username: 'key-other' });
    expect(revoked.revokedAt).toBeGreaterThan(0);
    await pool.query(`SELECT pg_sleep(0.01)`);
    expect((await store.revokeAny(others.id)).revokedAt).toBe(revoked.revokedAt);
    expect((await store.findByPrefix('p5admin0002'))?.apiKey.revokedAt).toBe(revoked.revokedAt);
    expect((await store.findByPrefix('p5admin0001'))?.apiKey.revokedAt).toBeNull();
    await expect(store.revokeAny('cccccccc-cccc-4ccc-8ccc-cccccccccccc' as ApiKeyId)).rejects.toMatchObject({ code: 'API_KEY_NOT_FOUND' });
  });

  it("revokes all of one user's active keys and no one else's, keeping earlier revocation times", async () => {
    const a = await create(OWNER, 'p6all000001');
    const b = await create(OWNER, 'p6all000002');
    const earlier = await store.revoke(b.id, OWNER);
    const other = await create(OTHER, 'p6all000003');
    await pool.query(`SELECT pg_sleep(0.01)`);
    const activeBefore = (await store.list(OWNER)).filter((key) => key.revokedAt === null).length;
    expect(await store.revokeAllOf(OWNER)).toBe(activeBefore);
    expect((await store.list(OWNER)).every((key) => key.revokedAt !== null)).toBe(true);
    expect((await store.findByPrefix('p6all000001'))?.apiKey.revokedAt).toBeGreaterThan(0);
    expect((await store.findByPrefix(a.prefix))?.apiKey.revokedAt).not.toBe(earlier.revokedAt);
    expect((await store.findByPrefix('p6all000002'))?.apiKey.revokedAt).toBe(earlier.revokedAt);
    expect((await store.findByPrefix(other.prefix))?.apiKey.revokedAt).toBeNull();
    expect(await store.revokeAllOf(OWNER)).toBe(0);
  });

  it('touch writes last_used_at at most once per interval', async () => {
    const key = await create(OWNER, 'p4touch0001');
    await store.touch(key.id, 60_000);
    const firstUse = (await store.findByPrefix('p4touch0001'))?.apiKey.lastUsedAt;
    expect(firstUse).toBeGreaterThan(0);

    await pool.query(`SELECT pg_sleep(0.01)`);
    await store.touch(key.id, 60_000);
    expect((await store.findByPrefix('p4touch0001'))?.apiKey.lastUsedAt).toBe(firstUse);

    // An interval shorter than the time since the last write lets the next use through.
    await store.touch(key.id, 1);
    expect((await store.findByPrefix('p4touch0001'))?.apiKey.lastUsedAt).toBeGreaterThan(firstUse ?? 0);
  });
});
