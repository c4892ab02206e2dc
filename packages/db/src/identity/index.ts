import { createPrisma } from '../prisma.ts';
import { createAccountsRepository } from './accounts.ts';
import { createRefreshSessionsRepository } from './refresh-sessions.ts';
import { createRevocationsRepository } from './revocations.ts';
import { createUsersRepository } from './users.ts';
import { createWatchlistRepository } from './watchlist.ts';
import type { IdentityStore } from './types.ts';

export type {
  AccountsRepository,
  IdentityStore,
  IdentityUser,
  IdentityUserWithSecret,
  NewUser,
  OwnedTradingAccount,
  NewRefreshSession,
  RotateResult,
  UsersRepository,
  RefreshSessionsRepository,
  RevocationsRepository,
  RevokedFamily,
  DisabledUser,
  AdminUserChange,
  WatchlistRepository,
} from './types.ts';

/**
 * Users, their trading accounts, refresh sessions and watchlists — the gateway's relational data.
 * Returns domain types only; Prisma stays inside packages/db.
 */
export function createIdentityStore(connectionString: string): IdentityStore {
  const prisma = createPrisma(connectionString);
  return {
    users: createUsersRepository(prisma),
    accounts: createAccountsRepository(prisma),
    refreshSessions: createRefreshSessionsRepository(prisma),
    revocations: createRevocationsRepository(prisma),
    watchlist: createWatchlistRepository(prisma),
    close: () => prisma.$disconnect(),
  };
}
