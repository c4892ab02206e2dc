import { InstrumentIdSchema, type InstrumentId, type UserId } from '@strikedesk/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { WatchlistRepository } from './types.ts';

type Reader = Pick<PrismaClient, 'watchlistItem'>;

async function readList(prisma: Reader, userId: UserId): Promise<InstrumentId[]> {
  const rows = await prisma.watchlistItem.findMany({
    where: { userId },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
    select: { instrumentId: true },
  });
  return rows.map((row) => InstrumentIdSchema.parse(row.instrumentId));
}

export function createWatchlistRepository(prisma: PrismaClient): WatchlistRepository {
  return {
    list: (userId) => readList(prisma, userId),

    add(userId, instrumentId) {
      return prisma.$transaction(async (tx) => {
        const last = await tx.watchlistItem.aggregate({ where: { userId }, _max: { position: true } });
        const position = (last._max.position ?? -1) + 1;
        // upsert keeps an existing entry's place, so adding twice is harmless (double clicks, retries).
        await tx.watchlistItem.upsert({
          where: { userId_instrumentId: { userId, instrumentId } },
          create: { userId, instrumentId, position },
          update: {},
        });
        return readList(tx, userId);
      });
    },

    async remove(userId, instrumentId) {
      await prisma.watchlistItem.deleteMany({ where: { userId, instrumentId } });
      return readList(prisma, userId);
    },
  };
}
