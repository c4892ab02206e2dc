import { randomUUID } from 'node:crypto';
import { UserIdSchema } from '@strikedesk/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { toRevokedFamilies } from './revoked-families.ts';
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

    rotate({ tokenHash, nextTokenHash, expiresAt, reuseGraceMs, now = new Date(), userAgent = null }) {
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
        const openNext = () =>
          tx.refreshSession.create({
            data: { id: randomUUID(), userId, familyId: row.familyId, tokenHash: nextTokenHash, expiresAt, userAgent },
          });
        if (claimed.count === 1) {
          await openNext();
          return { kind: 'rotated', userId, familyId: row.familyId };
        }
        if (row.rotatedAt !== null && row.revokedAt === null) {
          // Spent "after" our `now` (the winner read its clock later, yet took the row lock first) is
          // spent 0 ms ago: without a grace window that is a reuse, not a race won by both.
          const spentMsAgo = Math.max(0, now.getTime() - row.rotatedAt.getTime());
          if (row.expiresAt > now && spentMsAgo < reuseGraceMs) {
            // Spent moments ago: the same client racing itself (two tabs refreshing at once), not
            // a thief replaying an old copy. The loser gets a sibling in the same family, so
            // neither tab is logged out and a later logout still ends both.
            await openNext();
            return { kind: 'rotated', userId, familyId: row.familyId };
          }
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
      const row = await prisma.refreshSession.findUnique({ where: { tokenHash }, select: { familyId: true, userId: true } });
      if (!row) return null;
      await prisma.refreshSession.updateMany({ where: { familyId: row.familyId, revokedAt: null }, data: { revokedAt: at } });
      // Answered even when the family had already ended (a second logout): refusing its access
      // tokens again is harmless, and the caller need not tell the two apart.
      return { familyId: row.familyId, userId: UserIdSchema.parse(row.userId), revokedAt: at.getTime() };
    },

    async revokeAllForUser(userId, at = new Date()) {
      const rows = await prisma.refreshSession.updateManyAndReturn({
        where: { userId, revokedAt: null },
        data: { revokedAt: at },
        select: { familyId: true, userId: true },
      });
      return toRevokedFamilies(rows, at);
    },
  };
}
