import type { AdminUser } from '@/lib/api/gateway-api.ts';
import { accountLabel } from '../brokers/trading-account-text.ts';

/** One trading account as the admin screens name it: whose it is, and which of theirs. */
export type AdminAccount = { accountId: string; userId: string; username: string; label: string };

/**
 * Every trading account of every user, by username, each user's paper account first: "alice — Paper",
 * "alice — Kite desk". Limits and halts are per account, so an admin must be able to reach a
 * trader's live accounts, not only the paper one the user list names as their default.
 */
export function adminAccounts(users: readonly AdminUser[]): AdminAccount[] {
  return [...users]
    .sort((a, b) => a.username.localeCompare(b.username))
    .flatMap((user) =>
      user.accounts.map((account) => ({ accountId: account.id, userId: user.userId, username: user.username, label: `${user.username} — ${accountLabel(account)}` })),
    );
}

/** Names accounts by id; an account no listed user owns keeps its raw id, so it is still told apart. */
export function accountNamer(accounts: readonly AdminAccount[]): (accountId: string) => string {
  const labels = new Map(accounts.map((account) => [account.accountId, account.label]));
  return (accountId) => labels.get(accountId) ?? accountId;
}

/** A select's options for choosing one account. */
export const accountOptions = (accounts: readonly AdminAccount[]): { value: string; label: string }[] => [
  { value: '', label: 'Choose an account…' },
  ...accounts.map((account) => ({ value: account.accountId, label: account.label })),
];
