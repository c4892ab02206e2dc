import {
  AccountIdSchema,
  ReconciliationSummarySchema,
  TradingAccountSchema,
  UserIdSchema,
  type ReconciliationSummary,
  type TradingAccount,
} from '@strikedesk/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { AccountsRepository, OwnedTradingAccount } from './types.ts';

const accountSelect = {
  id: true,
  userId: true,
  name: true,
  broker: true,
  brokerAccount: {
    select: {
      id: true,
      name: true,
      broker: true,
      enabled: true,
      connection: true,
      statusMessage: true,
      lastTickAt: true,
      lastReconciledAt: true,
      lastReconciliation: true,
    },
  },
} as const;

type AccountRow = {
  id: string;
  userId: string;
  name: string;
  broker: string;
  brokerAccount: {
    id: string;
    name: string;
    broker: string;
    enabled: boolean;
    connection: string;
    statusMessage: string | null;
    lastTickAt: Date | null;
    lastReconciledAt: Date | null;
    lastReconciliation: unknown;
  } | null;
};

/** A summary the engine wrote in an older shape reads as "none" rather than breaking the list. */
const reconciliation = (value: unknown): ReconciliationSummary | null => {
  const parsed = ReconciliationSummarySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

function toTradingAccount(row: AccountRow): TradingAccount {
  const bound = row.brokerAccount;
  return TradingAccountSchema.parse({
    id: row.id,
    name: row.name,
    // 'live' since migration 0009; anything but paper is treated as live, never the other way round.
    kind: row.broker === 'paper' ? 'paper' : 'live',
    brokerAccount: bound
      ? {
          id: bound.id,
          name: bound.name,
          broker: bound.broker,
          enabled: bound.enabled,
          connection: bound.connection,
          statusMessage: bound.statusMessage,
          lastTickAt: bound.lastTickAt?.getTime() ?? null,
          lastReconciledAt: bound.lastReconciledAt?.getTime() ?? null,
          lastReconciliation: reconciliation(bound.lastReconciliation),
        }
      : null,
  });
}

export function createAccountsRepository(prisma: PrismaClient): AccountsRepository {
  return {
    async listForUser(userId) {
      // Oldest first: the first is the user's default (paper) account, as user-mapper.ts decides.
      const rows = await prisma.account.findMany({ where: { userId }, select: accountSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      return rows.map(toTradingAccount);
    },

    async listAll() {
      // Grouped by owner in the owners' creation order, each owner's oldest (paper) account first.
      const rows = await prisma.account.findMany({
        select: accountSelect,
        orderBy: [{ user: { createdAt: 'asc' } }, { userId: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map((row): OwnedTradingAccount => ({ userId: UserIdSchema.parse(row.userId), account: toTradingAccount(row) }));
    },

    async ownerOf(accountId) {
      if (!AccountIdSchema.safeParse(accountId).success) return null;
      const row = await prisma.account.findUnique({ where: { id: accountId }, select: { userId: true } });
      return row ? UserIdSchema.parse(row.userId) : null;
    },
  };
}
