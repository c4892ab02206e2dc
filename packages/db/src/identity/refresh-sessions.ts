import { randomUUID } from 'node:crypto';
import { UserIdSchema } from '@strikedesk/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { RefreshSessionsRepository, RotateResult } from './types.ts';

export function createRefreshSessionsRepository(prisma: PrismaClient): RefreshSessionsRepository {
  return {
    async create(session) {
      const familyId = session.familyId ?? randomUUID();
      await prisma.refreshSession.create({
        data: {
          id: randomUUID(),
          userId: session.userId,
          familyId,
          tokenHash: session.tokenHash,
          expiresAt: session.expiresAt,
          userAgent: session.userAgent ?? null,
        },
      });
      return { familyId };
    },

    rotate({ tokenHash, nextTokenHash, expiresAt, now = new Date(), userAgent = null }) {
      return prisma.$transaction(async (tx): Promise<RotateResult> => {
        // Claim the token with a conditional update: of two concurrent presentations exactly one
        // matches (the row lock serialises them and the loser re-checks `rotatedAt`), so a token
        // can never be rotated twice.
        const claimed = await tx.refreshSession.updateMany({
          where: { tokenHash, rotatedAt: null, revokedAt: null, expiresAt: { gt: now } },
          data: { rotatedAt: now },
        });
        const row = await tx.refreshSession.findUnique({ where: { tokenHash } });
        if (!row) return { kind: 'invalid' };
        const userId = UserIdSchema.parse(row.userId);
        if (claimed.count === 1) {
          await tx.refreshSession.create({
            data: { id: randomUUID(), userId, familyId: row.familyId, tokenHash: nextTokenHash, expiresAt, userAgent },
          });
          return { kind: 'rotated', userId, familyId: row.familyId };
        }
        if (row.rotatedAt !== null && row.revokedAt === null) {
          // A spent token came back while its family is alive: either the legitimate client or a
          // thief holds a copy. We cannot tell which, so end the family for both.
          await tx.refreshSession.updateMany({
            where: { familyId: row.familyId, revokedAt: null },
            data: { revokedAt: now },
          });
          return { kind: 'reused', userId, familyId: row.familyId };
        }
        return { kind: 'invalid' };
      });
    },

    async revokeFamilyOfToken(tokenHash, at = new Date()) {
      const row = await prisma.refreshSession.findUnique({ where: { tokenHash }, select: { familyId: true } });
      if (!row) return false;
      await prisma.refreshSession.updateMany({ where: { familyId: row.familyId, revokedAt: null }, data: { revokedAt: at } });
      return true;
    },

    async revokeAllForUser(userId, at = new Date()) {
      await prisma.refreshSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
    },
  };
}
