import { UserIdSchema } from '@strikedesk/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { RevocationsRepository } from './types.ts';

export function createRevocationsRepository(prisma: PrismaClient): RevocationsRepository {
  return {
    async since(since) {
      // One row per family (its latest revocation); refresh_sessions_revoked_at_idx keeps this a
      // range scan, however many rotations the table has accumulated.
      const [families, users] = await Promise.all([
        prisma.refreshSession.groupBy({ by: ['familyId', 'userId'], where: { revokedAt: { gt: since } }, _max: { revokedAt: true } }),
        prisma.user.findMany({ where: { disabledAt: { gt: since } }, select: { id: true, disabledAt: true } }),
      ]);
      return {
        families: families.map((family) => ({
          familyId: family.familyId,
          userId: UserIdSchema.parse(family.userId),
          revokedAt: (family._max.revokedAt ?? since).getTime(),
        })),
        users: users.flatMap((user) => (user.disabledAt ? [{ userId: UserIdSchema.parse(user.id), disabledAt: user.disabledAt.getTime() }] : [])),
      };
    },
  };
}
