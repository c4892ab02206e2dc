import { DomainError } from '@strikedesk/domain';
import type { AttemptLimiter, RefundableAttemptLimiter } from './attempt-limiter.ts';
import { loginAddressKey } from './login-address.ts';

/**
 * The two budgets every password check (login, and the current password of a password change)
 * runs within:
 * - per username and address (`perUser`, LOGIN_LIMITS): every attempt counts, a success resets it
 *   — guessing one user's password;
 * - per address (`perAddress`): only wrong passwords count — one address trying a common password
 *   against many usernames (password spraying), which the first never sees.
 *
 * Both are counted before the (slow) check, so parallel guesses cannot all see an old count. The
 * address budget then refunds the attempts that turned out not to be wrong passwords: the right
 * password, a check refused by the per-user limit (no password was tried), a check that failed
 * for another reason. A success refunds its own attempt only and never resets the address: an
 * attacker who owns one valid account could otherwise log into it between guesses to wipe the
 * count. Many traders behind one address (an office NAT) therefore never slow each other down by
 * logging in; only wrong passwords do.
 */
export type PasswordGuard = {
  /**
   * Runs `check` within both budgets and returns its answer: what it found for the right password
   * (the user, say), false for a wrong one. Throws RATE_LIMITED (with the minutes to wait) without
   * running it when a budget is used up.
   */
  verify<T>(who: { username: string; ip: string; action: GuardedAction }, check: () => Promise<T | false>): Promise<T | false>;
};

export type GuardedAction = 'login' | 'password-change';

const minutes = (seconds: number) => Math.ceil(seconds / 60);

export function createPasswordGuard(limiters: { perUser: AttemptLimiter; perAddress: RefundableAttemptLimiter }): PasswordGuard {
  const { perUser, perAddress } = limiters;
  return {
    async verify<T>({ username, ip, action }: { username: string; ip: string; action: GuardedAction }, check: () => Promise<T | false>) {
      // An IPv6 client counts as its /64: it may change address within it between guesses.
      const addressKey = loginAddressKey(ip);
      const addressWait = await perAddress.attempt(addressKey);
      if (addressWait > 0) {
        throw new DomainError(
          'RATE_LIMITED',
          `Too many wrong passwords from your network address. Try again in ${minutes(addressWait)} min.`,
          { retryAfterSeconds: addressWait },
        );
      }
      const userKey = `${username}|${addressKey}`;
      const userWait = await perUser.attempt(userKey);
      if (userWait > 0) {
        await perAddress.refund(addressKey);
        const what = action === 'login' ? 'failed logins' : 'attempts';
        throw new DomainError('RATE_LIMITED', `Too many ${what}. Try again in ${minutes(userWait)} min.`, { retryAfterSeconds: userWait });
      }
      let found: T | false;
      try {
        found = await check();
      } catch (error) {
        // Not a wrong password (the database, say): it must not count against the address.
        await perAddress.refund(addressKey).catch(() => undefined);
        throw error;
      }
      if (found !== false) {
        await perAddress.refund(addressKey);
        // The per-user key is shared by logins and password changes: a success must not leave the
        // user closer to a lockout.
        await perUser.reset(userKey);
      }
      return found;
    },
  };
}
