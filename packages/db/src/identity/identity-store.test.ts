import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asInstrumentId, DomainError } from '@strikedesk/domain';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { createIdentityStore } from './index.ts';
import type { IdentityStore } from './types.ts';

let database: TestDatabase;
let store: IdentityStore;

beforeAll(async () => {
  database = await createTestDatabase();
  store = createIdentityStore(database.url);
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
});

const newToken = () => createHash('sha256').update(randomBytes(32)).digest('hex');
const inOneHour = () => new Date(Date.now() + 3_600_000);
const GRACE_MS = 20_000;
const afterGrace = () => new Date(Date.now() + GRACE_MS + 1_000);

describe('users', () => {
  it('creates a user with a paper account and reads it back as domain types', async () => {
    const created = await store.users.create({ username: 'alice', passwordHash: 'hash-a', role: 'trader' });
    expect(created).toMatchObject({ username: 'alice', role: 'trader', mustChangePassword: false, disabled: false });
    expect(created.accountId).not.toEqual(created.userId);
    const found = await store.users.findByUsername('alice');
    expect(found).toEqual({ ...created, passwordHash: 'hash-a' });
    expect(await store.users.findById(created.userId)).toEqual(created);
    expect(await store.users.findByUsername('nobody')).toBeNull();
  });

  it('refuses a taken username with USERNAME_TAKEN', async () => {
    await store.users.create({ username: 'bob', passwordHash: 'h', role: 'viewer' });
    const again = store.users.create({ username: 'bob', passwordHash: 'h', role: 'admin' });
    await expect(again).rejects.toBeInstanceOf(DomainError);
    await expect(again).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });
  });

  it('lists and counts users, oldest first', async () => {
    const users = await store.users.list();
    expect(users.map((user) => user.username)).toEqual(['alice', 'bob']);
    expect(users.every((user) => !('passwordHash' in user))).toBe(true);
    expect(await store.users.count()).toBe(2);
  });

  it('disabling a user revokes their sessions', async () => {
    const carol = await store.users.create({ username: 'carol', passwordHash: 'h', role: 'trader' });
    const token = newToken();
    await store.refreshSessions.create({ userId: carol.userId, tokenHash: token, expiresAt: inOneHour() });
    await store.users.disable(carol.userId);
    expect((await store.users.findById(carol.userId))?.disabled).toBe(true);
    const result = await store.refreshSessions.rotate({ tokenHash: token, nextTokenHash: newToken(), expiresAt: inOneHour(), reuseGraceMs: GRACE_MS });
    expect(result.kind).toBe('invalid');
  });
});

describe('refresh sessions', () => {
  it('rotates a live token once; replaying the spent token after the grace window revokes the whole family', async () => {
    const user = await store.users.create({ username: 'dave', passwordHash: 'h', role: 'trader' });
    const first = newToken();
    const { familyId } = await store.refreshSessions.create({ userId: user.userId, tokenHash: first, expiresAt: inOneHour() });
    const second = newToken();
    expect(await store.refreshSessions.rotate({ tokenHash: first, nextTokenHash: second, expiresAt: inOneHour(), reuseGraceMs: GRACE_MS })).toEqual({
      kind: 'rotated',
      userId: user.userId,
      familyId,
    });
    // The thief (or a stale tab) presents the first token again, well after its rotation.
    const replay = { tokenHash: first, nextTokenHash: newToken(), expiresAt: inOneHour(), reuseGraceMs: GRACE_MS, now: afterGrace() };
    expect(await store.refreshSessions.rotate(replay)).toEqual({ kind: 'reused', userId: user.userId, familyId });
    // The current token of that family is dead too.
    const afterTheft = await store.refreshSessions.rotate({ tokenHash: second, nextTokenHash: newToken(), expiresAt: inOneHour(), reuseGraceMs: GRACE_MS });
    expect(afterTheft.kind).toBe('invalid');
  });

  it('two concurrent rotations of one token: one rotates, the other gets a live sibling in the same family', async () => {
    const user = await store.users.create({ username: 'erin', passwordHash: 'h', role: 'trader' });
    const token = newToken();
    const { familyId } = await store.refreshSessions.create({ userId: user.userId, tokenHash: token, expiresAt: inOneHour() });
    const [nextA, nextB] = [newToken(), newToken()];
    const results = await Promise.all([
      store.refreshSessions.rotate({ tokenHash: token, nextTokenHash: nextA, expiresAt: inOneHour(), reuseGraceMs: GRACE_MS }),
      store.refreshSessions.rotate({ tokenHash: token, nextTokenHash: nextB, expiresAt: inOneHour(), reuseGraceMs: GRACE_MS }),
    ]);
    expect(results).toEqual([
      { kind: 'rotated', userId: user.userId, familyId },
      { kind: 'rotated', userId: user.userId, familyId },
    ]);
    for (const next of [nextA, nextB]) {
      const rotated = await store.refreshSessions.rotate({ tokenHash: next, nextTokenHash: newToken(), expiresAt: inOneHour(), reuseGraceMs: GRACE_MS });
      expect(rotated.kind).toBe('rotated');
    }
  });

  it('without a grace window, of two concurrent rotations exactly one wins', async () => {
    const user = await store.users.create({ username: 'erik', passwordHash: 'h', role: 'trader' });
    const token = newToken();
    await store.refreshSessions.create({ userId: user.userId, tokenHash: token, expiresAt: inOneHour() });
    const results = await Promise.all([
      store.refreshSessions.rotate({ tokenHash: token, nextTokenHash: newToken(), expiresAt: inOneHour(), reuseGraceMs: 0 }),
      store.refreshSessions.rotate({ tokenHash: token, nextTokenHash: newToken(), expiresAt: inOneHour(), reuseGraceMs: 0 }),
    ]);
    expect(results.filter((result) => result.kind === 'rotated')).toHaveLength(1);
  });

  it('without a grace window, a loser whose clock read earlier than the winner’s is a reuse, not a second rotation', async () => {
    const user = await store.users.create({ username: 'erika', passwordHash: 'h', role: 'trader' });
    const token = newToken();
    await store.refreshSessions.create({ userId: user.userId, tokenHash: token, expiresAt: inOneHour() });
    const at = Date.now();
    const winner = await store.refreshSessions.rotate({ tokenHash: token, nextTokenHash: newToken(), expiresAt: inOneHour(), reuseGraceMs: 0, now: new Date(at + 10) });
    const loser = await store.refreshSessions.rotate({ tokenHash: token, nextTokenHash: newToken(), expiresAt: inOneHour(), reuseGraceMs: 0, now: new Date(at) });
    expect([winner.kind, loser.kind]).toEqual(['rotated', 'reused']);
  });

  it('the grace window never revives a revoked family', async () => {
    const user = await store.users.create({ username: 'edna', passwordHash: 'h', role: 'trader' });
    const token = newToken();
    await store.refreshSessions.create({ userId: user.userId, tokenHash: token, expiresAt: inOneHour() });
    await store.refreshSessions.rotate({ tokenHash: token, nextTokenHash: newToken(), expiresAt: inOneHour(), reuseGraceMs: GRACE_MS });
    await store.refreshSessions.revokeFamilyOfToken(token);
    const late = await store.refreshSessions.rotate({ tokenHash: token, nextTokenHash: newToken(), expiresAt: inOneHour(), reuseGraceMs: GRACE_MS });
    expect(late.kind).toBe('invalid');
  });

  it('refuses unknown and expired tokens', async () => {
    const user = await store.users.create({ username: 'frank', passwordHash: 'h', role: 'trader' });
    const expired = newToken();
    await store.refreshSessions.create({ userId: user.userId, tokenHash: expired, expiresAt: new Date(Date.now() - 1000) });
    const rotate = (tokenHash: string) => store.refreshSessions.rotate({ tokenHash, nextTokenHash: newToken(), expiresAt: inOneHour(), reuseGraceMs: GRACE_MS });
    expect((await rotate(expired)).kind).toBe('invalid');
    expect((await rotate(newToken())).kind).toBe('invalid');
  });

  it('revoking a family (logout) ends it and names it', async () => {
    const user = await store.users.create({ username: 'gina', passwordHash: 'h', role: 'trader' });
    const token = newToken();
    const { familyId } = await store.refreshSessions.create({ userId: user.userId, tokenHash: token, expiresAt: inOneHour() });
    const at = new Date();
    expect(await store.refreshSessions.revokeFamilyOfToken(token, at)).toEqual({ familyId, userId: user.userId, revokedAt: at.getTime() });
    expect(await store.refreshSessions.revokeFamilyOfToken(newToken())).toBeNull();
    const afterLogout = await store.refreshSessions.rotate({ tokenHash: token, nextTokenHash: newToken(), expiresAt: inOneHour(), reuseGraceMs: GRACE_MS });
    expect(afterLogout.kind).toBe('invalid');
  });
});

describe('revocations', () => {
  const login = async (userId: Parameters<IdentityStore['refreshSessions']['revokeAllForUser']>[0]) => {
    const token = newToken();
    const { familyId } = await store.refreshSessions.create({ userId, tokenHash: token, expiresAt: inOneHour() });
    return { token, familyId };
  };

  it('a password change and revoking all of a user name each family they ended, once', async () => {
    const user = await store.users.create({ username: 'petra', passwordHash: 'h', role: 'trader' });
    const first = await login(user.userId);
    const second = await login(user.userId);
    // A rotation adds a row to the family: still one family to name.
    await store.refreshSessions.rotate({ tokenHash: first.token, nextTokenHash: newToken(), expiresAt: inOneHour(), reuseGraceMs: GRACE_MS });
    const at = new Date();
    const ended = await store.users.setPassword(user.userId, 'h2', at);
    expect(ended.map((family) => family.familyId).sort()).toEqual([first.familyId, second.familyId].sort());
    expect(ended.every((family) => family.userId === user.userId && family.revokedAt === at.getTime())).toBe(true);
    // Nothing left alive: revoking again ends nothing.
    expect(await store.users.setPassword(user.userId, 'h3')).toEqual([]);
    const third = await login(user.userId);
    expect((await store.refreshSessions.revokeAllForUser(user.userId)).map((family) => family.familyId)).toEqual([third.familyId]);
  });

  it('lists the families revoked and the users disabled since a time', async () => {
    const user = await store.users.create({ username: 'quinn', passwordHash: 'h', role: 'trader' });
    const leaver = await store.users.create({ username: 'rhea', passwordHash: 'h', role: 'trader' });
    const old = await login(user.userId);
    const recent = await login(user.userId);
    const alive = await login(user.userId);
    await store.refreshSessions.revokeFamilyOfToken(old.token, new Date(Date.now() - 3_600_000));
    const since = new Date(Date.now() - 60_000);
    const at = new Date();
    await store.refreshSessions.revokeFamilyOfToken(recent.token, at);
    expect(await store.users.disable(leaver.userId, at)).toEqual({ userId: leaver.userId, disabledAt: at.getTime() });

    const { families, users } = await store.revocations.since(since);
    expect(families).toContainEqual({ familyId: recent.familyId, userId: user.userId, revokedAt: at.getTime() });
    expect(families.map((family) => family.familyId)).not.toContain(old.familyId);
    expect(families.map((family) => family.familyId)).not.toContain(alive.familyId);
    expect(users).toContainEqual({ userId: leaver.userId, disabledAt: at.getTime() });
    expect(users.map((disabled) => disabled.userId)).not.toContain(user.userId);
  });
});

describe('watchlist', () => {
  it('keeps the order instruments were added in, ignores duplicates, removes', async () => {
    const user = await store.users.create({ username: 'hana', passwordHash: 'h', role: 'viewer' });
    const other = await store.users.create({ username: 'ivan', passwordHash: 'h', role: 'viewer' });
    const nifty = asInstrumentId('NSE:NIFTY 50');
    const call = asInstrumentId('NFO:NIFTY26DEC24000CE');
    const put = asInstrumentId('NFO:NIFTY26DEC24000PE');
    expect(await store.watchlist.list(user.userId)).toEqual([]);
    await store.watchlist.add(user.userId, call);
    await store.watchlist.add(user.userId, nifty);
    expect(await store.watchlist.add(user.userId, call)).toEqual([call, nifty]);
    expect(await store.watchlist.add(user.userId, put)).toEqual([call, nifty, put]);
    expect(await store.watchlist.remove(user.userId, nifty)).toEqual([call, put]);
    expect(await store.watchlist.add(user.userId, nifty)).toEqual([call, put, nifty]);
    expect(await store.watchlist.list(other.userId)).toEqual([]);
  });
});
