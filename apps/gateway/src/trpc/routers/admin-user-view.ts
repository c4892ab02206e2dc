import type { TradingAccount } from '@strikedesk/domain';
import type { IdentityUser, OwnedTradingAccount } from '@strikedesk/db/identity';

/**
 * A user as the admin screens see them. `accountId` stays the default (paper) account, the one the
 * user's token names after login; `accounts` is every trading account they own, oldest first, so
 * an admin can limit or halt a trader's live account too, not only their paper one.
 */
export const toAdminView = (user: IdentityUser, accounts: readonly TradingAccount[]) => ({
  userId: user.userId,
  username: user.username,
  role: user.role,
  accountId: user.accountId,
  accounts: [...accounts],
  /** Epoch ms, like every timestamp on the API. */
  createdAt: user.createdAt,
  /** A disabled user cannot log in; `disabledAt` (epoch ms) says since when, null while enabled. */
  disabled: user.disabled,
  disabledAt: user.disabledAt,
  /** Their password was generated (first start, an admin's reset) and they have not changed it yet. */
  mustChangePassword: user.mustChangePassword,
});

/** Each user with their own accounts, from one query for all users' accounts (not one per user). */
export function toAdminViews(users: readonly IdentityUser[], owned: readonly OwnedTradingAccount[]) {
  const accountsByUser = new Map<string, TradingAccount[]>();
  for (const { userId, account } of owned) {
    const accounts = accountsByUser.get(userId);
    if (accounts) accounts.push(account);
    else accountsByUser.set(userId, [account]);
  }
  return users.map((user) => toAdminView(user, accountsByUser.get(user.userId) ?? []));
}
