import { randomUUID } from 'node:crypto';
import { DomainError, type UserId } from '@strikedesk/domain';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { toRevokedFamilies } from './revoked-families.ts';
import { toIdentityUser, toIdentityUserWithSecret, userSelect } from './user-mapper.ts';
import type { UsersRepository } from './types.ts';

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

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
  };
}
