import { randomUUID } from 'node:crypto';
import { DomainError, type UserId } from '@strikedesk/domain';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { toRevokedFamilies } from './revoked-families.ts';
import { toIdentityUser, toIdentityUserWithSecret, userSelect } from './user-mapper.ts';
import type { AdminUserChange, UsersRepository } from './types.ts';

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

type Tx = Prisma.TransactionClient;
type LockedUser = { id: string; role: string; disabled_at: Date | null };

const isEnabledAdmin = (row: LockedUser): boolean => row.role === 'admin' && row.disabled_at === null;

/**
 * The guards of an admin change, checked on rows this transaction has locked. `removesAdmin`: the
 * change would take the target out of the enabled admins (disable, or a role other than admin).
 *
 * Locked: the actor, the target, and every enabled admin, in id order (one order for every
 * transaction, so two of them cannot deadlock). A second transaction waits on the first's locks
 * and then re-reads the rows it locks (READ COMMITTED re-checks the WHERE on the committed
 * version): an admin the first one just demoted or disabled is no longer counted. So when the
 * last two admins demote each other at the same moment, exactly one succeeds and the other gets
 * LAST_ADMIN — checking in memory, or without the locks, both would pass.
 */
async function guardAdminChange(tx: Tx, change: { actorId: UserId; userId: UserId; removesAdmin: boolean }): Promise<LockedUser> {
  if (change.removesAdmin && change.actorId === change.userId) throw new DomainError('ADMIN_SELF_LOCKOUT');
  const rows = await tx.$queryRaw<LockedUser[]>`
    SELECT id::text AS id, role::text AS role, disabled_at
    FROM users
    WHERE id IN (${change.actorId}::uuid, ${change.userId}::uuid) OR (role = 'admin' AND disabled_at IS NULL)
    ORDER BY id
    FOR UPDATE`;
  const target = rows.find((row) => row.id === change.userId);
  if (!target) throw new DomainError('USER_NOT_FOUND');
  if (change.removesAdmin && isEnabledAdmin(target) && !rows.some((row) => row.id !== target.id && isEnabledAdmin(row))) {
    throw new DomainError('LAST_ADMIN');
  }
  // The token said admin when the call came in; a concurrent demotion or disable may have
  // committed since. The database, not the token, decides here.
  const actor = rows.find((row) => row.id === change.actorId);
  if (!actor || !isEnabledAdmin(actor)) throw new DomainError('FORBIDDEN_ROLE');
  return target;
}

/** Ends every live session of the user, inside the change's transaction. */
async function revokeSessions(tx: Tx, userId: UserId, at: Date) {
  const rows = await tx.refreshSession.updateManyAndReturn({
    where: { userId, revokedAt: null },
    data: { revokedAt: at },
    select: { familyId: true, userId: true },
  });
  return toRevokedFamilies(rows, at);
}

async function readBack(tx: Tx, userId: UserId) {
  const row = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: userSelect });
  return toIdentityUser(row);
}

export function createUsersRepository(prisma: PrismaClient): UsersRepository {
  return {
    async create(user) {
      try {
        const row = await prisma.user.create({
          data: {
            id: randomUUID(),
            username: user.username,
            passwordHash: user.passwordHash,
            role: user.role,
            mustChangePassword: user.mustChangePassword ?? false,
            // Nested create: user and account commit together, so no user is ever without an account.
            accounts: { create: { id: randomUUID(), name: `${user.username} (paper)`, broker: 'paper' } },
          },
          select: userSelect,
        });
        return toIdentityUser(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError('USERNAME_TAKEN');
        throw error;
      }
    },

    async findByUsername(username) {
      const row = await prisma.user.findUnique({ where: { username }, select: userSelect });
      return row ? toIdentityUserWithSecret(row) : null;
    },

    async findById(userId) {
      const row = await prisma.user.findUnique({ where: { id: userId }, select: userSelect });
      return row ? toIdentityUser(row) : null;
    },

    async findByIdWithSecret(userId) {
      const row = await prisma.user.findUnique({ where: { id: userId }, select: userSelect });
      return row ? toIdentityUserWithSecret(row) : null;
    },

    async setPassword(userId: UserId, passwordHash: string, at = new Date()) {
      // One transaction: a changed password never leaves an old session alive.
      const [, revoked] = await prisma.$transaction([
        prisma.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false } }),
        prisma.refreshSession.updateManyAndReturn({ where: { userId, revokedAt: null }, data: { revokedAt: at }, select: { familyId: true, userId: true } }),
      ]);
      return toRevokedFamilies(revoked, at);
    },

    async list() {
      const rows = await prisma.user.findMany({ select: userSelect, orderBy: { createdAt: 'asc' } });
      return rows.map(toIdentityUser);
    },

    count() {
      return prisma.user.count();
    },

    async disable(userId: UserId, at = new Date()) {
      await prisma.$transaction([
        prisma.user.update({ where: { id: userId }, data: { disabledAt: at } }),
        prisma.refreshSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } }),
      ]);
      return { userId, disabledAt: at.getTime() };
    },

    setDisabled({ actorId, userId, disabled, at = new Date() }) {
      return prisma.$transaction(async (tx): Promise<AdminUserChange> => {
        const target = await guardAdminChange(tx, { actorId, userId, removesAdmin: disabled });
        if (disabled === (target.disabled_at !== null)) return { user: await readBack(tx, userId), revoked: [], changed: false };
        await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? at : null } });
        const revoked = disabled ? await revokeSessions(tx, userId, at) : [];
        return { user: await readBack(tx, userId), revoked, changed: true };
      });
    },

    setRole({ actorId, userId, role, at = new Date() }) {
      return prisma.$transaction(async (tx): Promise<AdminUserChange> => {
        const target = await guardAdminChange(tx, { actorId, userId, removesAdmin: role !== 'admin' });
        if (target.role === role) return { user: await readBack(tx, userId), revoked: [], changed: false };
        await tx.user.update({ where: { id: userId }, data: { role } });
        const revoked = await revokeSessions(tx, userId, at);
        return { user: await readBack(tx, userId), revoked, changed: true };
      });
    },

    resetPassword({ actorId, userId, passwordHash, at = new Date() }) {
      return prisma.$transaction(async (tx): Promise<AdminUserChange> => {
        await guardAdminChange(tx, { actorId, userId, removesAdmin: false });
        await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true } });
        const revoked = await revokeSessions(tx, userId, at);
        return { user: await readBack(tx, userId), revoked, changed: true };
      });
    },
  };
}
