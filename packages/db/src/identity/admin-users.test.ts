import { createHash, randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUserId, DomainError, type Role } from '@strikedesk/domain';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { createIdentityStore } from './index.ts';
import type { IdentityStore, IdentityUser } from './types.ts';

// Admin changes to users (disable, role, password reset) and their guards, against a real
// PostgreSQL: the last-admin guard must hold when two transactions race, not only one at a time.
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

let counter = 0;
const user = (role: Role): Promise<IdentityUser> => store.users.create({ username: `u${++counter}-${role}`, passwordHash: 'h', role });
const newToken = () => createHash('sha256').update(randomBytes(32)).digest('hex');
const session = (userId: IdentityUser['userId']) =>
  store.refreshSessions.create({ userId, tokenHash: newToken(), expiresAt: new Date(Date.now() + 3_600_000) });

const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'OK';
};

/**
 * Runs `start` while another connection holds every admin row locked, waits until `waiters`
 * transactions are blocked behind it, then lets go: whatever `start` began was provably in the
 * database at the same time.
 */
async function withAdminRowsHeld<T>(waiters: number, start: () => Promise<T>[]): Promise<T[]> {
  const holder = new pg.Client({ connectionString: database.url });
  const watcher = new pg.Client({ connectionString: database.url });
  await Promise.all([holder.connect(), watcher.connect()]);
  try {
    await holder.query('BEGIN');
    await holder.query(`SELECT id FROM users WHERE role = 'admin' ORDER BY id FOR UPDATE`);
    const results = Promise.all(start());
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await watcher.query<{ blocked: number }>(
        `SELECT count(*)::int AS blocked FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if ((rows[0]?.blocked ?? 0) >= waiters) break;
      if (Date.now() > deadline) throw new Error(`only ${rows[0]?.blocked ?? 0} of ${waiters} transactions reached the lock`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await holder.query('COMMIT');
    return await results;
  } finally {
    await Promise.all([holder.end(), watcher.end()]);
  }
}

/** Disables every enabled admin but `keep`, so each test starts from the admins it names. */
async function onlyEnabledAdmins(...keep: IdentityUser[]): Promise<void> {
  for (const other of await store.users.list()) {
    if (other.role === 'admin' && !other.disabled && !keep.some((kept) => kept.userId === other.userId)) await store.users.disable(other.userId);
  }
}

describe('setDisabled', () => {
  it('disables in one transaction with the revocation of every session, and enables again', async () => {
    const admin = await user('admin');
    const trader = await user('trader');
    const one = await session(trader.userId);
    const two = await session(trader.userId);
    const at = new Date();

    const disabled = await store.users.setDisabled({ actorId: admin.userId, userId: trader.userId, disabled: true, at });
    expect(disabled.changed).toBe(true);
    expect(disabled.user).toMatchObject({ userId: trader.userId, disabled: true, disabledAt: at.getTime() });
    expect(disabled.revoked.map((family) => family.familyId).sort()).toEqual([one.familyId, two.familyId].sort());

    // Again: already disabled, nothing more to end, and the original time stays.
    const again = await store.users.setDisabled({ actorId: admin.userId, userId: trader.userId, disabled: true });
    expect(again).toMatchObject({ changed: false, revoked: [], user: { disabledAt: at.getTime() } });

    const enabled = await store.users.setDisabled({ actorId: admin.userId, userId: trader.userId, disabled: false });
    expect(enabled).toMatchObject({ changed: true, revoked: [], user: { disabled: false, disabledAt: null } });
  });

  it('refuses USER_NOT_FOUND for an unknown user', async () => {
    const admin = await user('admin');
    expect(await codeOf(store.users.setDisabled({ actorId: admin.userId, userId: asUserId(randomUUID()), disabled: true }))).toBe('USER_NOT_FOUND');
  });
});

describe('setRole', () => {
  it('changes the role and revokes every session; the same role is a no-op', async () => {
    const admin = await user('admin');
    const trader = await user('trader');
    const live = await session(trader.userId);
    const changed = await store.users.setRole({ actorId: admin.userId, userId: trader.userId, role: 'viewer' });
    expect(changed).toMatchObject({ changed: true, user: { role: 'viewer' } });
    expect(changed.revoked.map((family) => family.familyId)).toEqual([live.familyId]);
    await session(trader.userId);
    expect(await store.users.setRole({ actorId: admin.userId, userId: trader.userId, role: 'viewer' })).toMatchObject({ changed: false, revoked: [] });
  });
});

describe('resetPassword', () => {
  it('replaces the hash, marks it must-change and revokes every session', async () => {
    const admin = await user('admin');
    const trader = await user('trader');
    const live = await session(trader.userId);
    const reset = await store.users.resetPassword({ actorId: admin.userId, userId: trader.userId, passwordHash: 'new-hash' });
    expect(reset.user.mustChangePassword).toBe(true);
    expect(reset.revoked.map((family) => family.familyId)).toEqual([live.familyId]);
    expect((await store.users.findByIdWithSecret(trader.userId))?.passwordHash).toBe('new-hash');
    // The user's own change clears it.
    await store.users.setPassword(trader.userId, 'their-own');
    expect((await store.users.findById(trader.userId))?.mustChangePassword).toBe(false);
  });
});

describe('guards', () => {
  it('an admin cannot disable or demote themselves', async () => {
    const admin = await user('admin');
    await user('admin');
    expect(await codeOf(store.users.setDisabled({ actorId: admin.userId, userId: admin.userId, disabled: true }))).toBe('ADMIN_SELF_LOCKOUT');
    expect(await codeOf(store.users.setRole({ actorId: admin.userId, userId: admin.userId, role: 'trader' }))).toBe('ADMIN_SELF_LOCKOUT');
    expect(await store.users.findById(admin.userId)).toMatchObject({ role: 'admin', disabled: false });
  });

  it('the last enabled admin is neither disabled nor demoted (an actor whose own admin rights lapsed asks)', async () => {
    const last = await user('admin');
    const lapsed = await user('admin');
    await onlyEnabledAdmins(last, lapsed);
    // Disabled straight in the database: its holder's token could still be honoured for a moment
    // on a gateway that has not heard yet. The database refuses regardless.
    await store.users.disable(lapsed.userId);
    expect(await codeOf(store.users.setDisabled({ actorId: lapsed.userId, userId: last.userId, disabled: true }))).toBe('LAST_ADMIN');
    expect(await codeOf(store.users.setRole({ actorId: lapsed.userId, userId: last.userId, role: 'viewer' }))).toBe('LAST_ADMIN');
    // Not about the last admin: the actor is simply no longer an admin.
    const trader = await user('trader');
    expect(await codeOf(store.users.setRole({ actorId: lapsed.userId, userId: trader.userId, role: 'viewer' }))).toBe('FORBIDDEN_ROLE');
    expect(await store.users.findById(last.userId)).toMatchObject({ role: 'admin', disabled: false });
  });

  it('the last two admins demoting (or disabling) each other at the same moment: exactly one wins', async () => {
    for (const [round, removal] of (['role', 'disable', 'role'] as const).entries()) {
      const a = await user('admin');
      const b = await user('admin');
      await onlyEnabledAdmins(a, b);
      // Both transactions are started while another one holds the admin rows, so both are inside
      // the database at the same moment (not merely sent together): reading the admins without
      // locking them, both would count two and pass, leaving no admin at all.
      const outcomes = await withAdminRowsHeld(2, () => [
        codeOf(
          removal === 'role'
            ? store.users.setRole({ actorId: b.userId, userId: a.userId, role: 'trader' })
            : store.users.setDisabled({ actorId: b.userId, userId: a.userId, disabled: true }),
        ),
        codeOf(store.users.setRole({ actorId: a.userId, userId: b.userId, role: 'viewer' })),
      ]);
      expect(outcomes.sort(), `round ${round}`).toEqual(['LAST_ADMIN', 'OK']);
      const admins = (await store.users.list()).filter((one) => one.role === 'admin' && !one.disabled);
      expect(admins).toHaveLength(1);
    }
  });

  it('sent together without a held lock, the two still leave exactly one admin (ten rounds)', async () => {
    for (let round = 0; round < 10; round++) {
      const a = await user('admin');
      const b = await user('admin');
      await onlyEnabledAdmins(a, b);
      const outcomes = await Promise.all([
        codeOf(store.users.setDisabled({ actorId: b.userId, userId: a.userId, disabled: true })),
        codeOf(store.users.setRole({ actorId: a.userId, userId: b.userId, role: 'trader' })),
      ]);
      expect(outcomes.sort()).toEqual(['LAST_ADMIN', 'OK']);
    }
  });

  it('many admins removing each other at once leave exactly one enabled admin', async () => {
    const admins = await Promise.all([user('admin'), user('admin'), user('admin'), user('admin')]);
    await onlyEnabledAdmins(...admins);
    // Each admin demotes the next one: four transactions contending for the same rows.
    const outcomes = await Promise.all(
      admins.map((actor, index) => codeOf(store.users.setRole({ actorId: actor.userId, userId: admins[(index + 1) % admins.length]!.userId, role: 'trader' }))),
    );
    const left = (await store.users.list()).filter((one) => one.role === 'admin' && !one.disabled);
    expect(left.length).toBeGreaterThanOrEqual(1);
    // Every refusal is one of the guards, never a deadlock or a database error.
    for (const outcome of outcomes) expect(['OK', 'LAST_ADMIN', 'FORBIDDEN_ROLE']).toContain(outcome);
  });
});
