import { DomainError, type AccountId, type ChangePasswordInput, type LoginInput, type Role, type SessionUser, type UserId } from '@strikedesk/domain';
import type { AdminUserChange, IdentityStore, IdentityUser, RevokedFamily } from '@strikedesk/db/identity';
import type { AccessTokens, IssuedAccessToken } from './access-token.ts';
import type { PasswordGuard } from './password-guard.ts';
import { generatePassword, hashPassword, verifyPassword } from './password.ts';
import { hashRefreshToken, newRefreshToken } from './refresh-token.ts';
import type { Revocation } from './revocation-list.ts';
import type { SessionRevocations } from './session-revocations.ts';

export type SessionGrant = IssuedAccessToken & {
  user: SessionUser;
  /** The password was generated for the user (first-start admin): ask them to change it. */
  mustChangePassword: boolean;
};
/** What a successful login or refresh hands the transport: the body and the new cookie value. */
export type SessionOutcome = { grant: SessionGrant; refreshToken: string };

export type SessionService = {
  login(input: LoginInput, client: { ip: string; userAgent: string | null }): Promise<SessionOutcome>;
  /**
   * Rotates the refresh token. Throws SESSION_EXPIRED for a missing, spent, revoked or expired one.
   * `accountId`: the trading account the tab was on, if still the user's (else their default one).
   */
  refresh(refreshToken: string | null, client: { userAgent: string | null }, accountId?: AccountId): Promise<SessionOutcome>;
  /**
   * A new access token for the same session (`sessionId`, the caller's token's) acting on another
   * of the user's trading accounts; VALIDATION_FAILED when the account is not theirs. The refresh
   * session is unchanged.
   */
  switchAccount(user: SessionUser, sessionId: string, accountId: AccountId): Promise<SessionGrant>;
  /**
   * Ends the refresh token's session family and, at once, every access token issued for it; the
   * user it belonged to, or null for no/unknown token.
   */
  logout(refreshToken: string | null): Promise<SessionUser | null>;
  /**
   * Changes the password after checking the current one, ends every session with its access
   * tokens (the caller's too), and opens a fresh one for the caller. Throws CURRENT_PASSWORD_WRONG
   * (rate-limited like logins).
   */
  changePassword(
    user: SessionUser,
    input: ChangePasswordInput,
    client: { ip: string; userAgent: string | null },
  ): Promise<SessionOutcome>;
  /**
   * Disables the user: no login or refresh any more, and every access token they hold is refused
   * from now on (their sockets end). Unguarded: admins go through setUserDisabled.
   */
  disableUser(userId: UserId): Promise<void>;
  /*
   * Admin → Users. `actor` is the admin acting; the guards (ADMIN_SELF_LOCKOUT, LAST_ADMIN,
   * USER_NOT_FOUND, FORBIDDEN_ROLE) are checked by the store inside the change's transaction.
   */
  /**
   * Disabling ends every session and voids every access token of the user at once, on every
   * gateway (SESSION_REVOKED), and login answers USER_DISABLED. Enabling lets them log in again.
   */
  setUserDisabled(actor: SessionUser, userId: UserId, disabled: boolean): Promise<IdentityUser>;
  /** Changes the role and ends the user's sessions, so no token keeps the old role's powers. */
  setUserRole(actor: SessionUser, userId: UserId, role: Role): Promise<IdentityUser>;
  /**
   * A generated one-time password (returned once, never stored in clear or logged), must be changed
   * at the next login; every session of the user ends.
   */
  resetUserPassword(actor: SessionUser, userId: UserId): Promise<{ user: IdentityUser; password: string }>;
};

/**
 * How long a just-rotated refresh token is still honoured (with a sibling session) instead of
 * being treated as stolen. Two tabs of one browser share the cookie and may refresh at the same
 * moment; the loser presents a token the winner spent milliseconds earlier. Without this window
 * that race would revoke the family and log the user out of every tab. 20 s covers slow networks
 * and a backgrounded tab waking up, while a thief replaying a copy later still trips theft
 * detection.
 */
export const REFRESH_REUSE_GRACE_MS = 20_000;

const toSessionUser = (user: IdentityUser): SessionUser => ({
  userId: user.userId,
  username: user.username,
  role: user.role,
  accountId: user.accountId,
});

/**
 * Waits until the wall clock is in a later second than `at` (epoch ms). A disable voids the tokens
 * issued to the user up to it, and a token's `iat` has whole seconds: one issued in the same second
 * counts as issued before the disable. Re-enabling returns only once that second is over, so the
 * first login after it cannot get a token its own (earlier) disable still voids.
 */
async function waitPastSecondOf(at: number): Promise<void> {
  const wait = (Math.floor(at / 1000) + 1) * 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

const familyRevocation = (family: RevokedFamily): Revocation => ({
  kind: 'session',
  sessionId: family.familyId,
  userId: family.userId,
  at: family.revokedAt,
});

export function createSessionService(deps: {
  identity: IdentityStore;
  accessTokens: AccessTokens;
  /** The login limits (per username and address; failures per address) every password check runs within. */
  passwordGuard: PasswordGuard;
  /** Told of every session this service ends (after the database has it), so access tokens die too. */
  revocations: Pick<SessionRevocations, 'revoke'>;
  refreshTtlSeconds: number;
}): SessionService {
  const { identity, accessTokens, passwordGuard, revocations } = deps;
  const refreshExpiry = () => new Date(Date.now() + deps.refreshTtlSeconds * 1000);
  const revokeFamilies = (families: readonly RevokedFamily[]) => revocations.revoke(families.map(familyRevocation));
  /** After an admin change committed: the sessions it ended lose their access tokens everywhere. */
  const announce = (change: AdminUserChange) => {
    if (change.revoked.length > 0) revokeFamilies(change.revoked);
  };

  /** `sessionId`: the refresh-token family the access token belongs to (its `sid`). */
  async function grantFor(user: IdentityUser, sessionId: string, accountId: AccountId = user.accountId): Promise<SessionGrant> {
    const sessionUser = { ...toSessionUser(user), accountId };
    return { ...(await accessTokens.issue(sessionUser, sessionId)), user: sessionUser, mustChangePassword: user.mustChangePassword };
  }

  /** Ownership is read from the database every time: an account is never trusted because a client named it. */
  async function owns(user: IdentityUser, accountId: AccountId): Promise<boolean> {
    return accountId === user.accountId || (await identity.accounts.ownerOf(accountId)) === user.userId;
  }

  async function openSession(user: IdentityUser, client: { userAgent: string | null }, accountId?: AccountId): Promise<SessionOutcome> {
    const refresh = newRefreshToken();
    const { familyId } = await identity.refreshSessions.create({
      userId: user.userId,
      tokenHash: refresh.tokenHash,
      expiresAt: refreshExpiry(),
      userAgent: client.userAgent,
    });
    return { grant: await grantFor(user, familyId, accountId), refreshToken: refresh.token };
  }

  return {
    async login(input, client) {
      const user = await passwordGuard.verify({ username: input.username, ip: client.ip, action: 'login' }, async () => {
        const found = await identity.users.findByUsername(input.username);
        // Checked (against a decoy hash) even when there is no such user: the timing tells nothing.
        const passwordOk = await verifyPassword(found?.passwordHash ?? null, input.password);
        return passwordOk && found !== null ? found : false;
      });
      if (!user) throw new DomainError('INVALID_CREDENTIALS');
      // Said only after the right password: a guesser still learns nothing about the account,
      // while its owner learns why they cannot get in (and whom to ask) instead of retrying.
      if (user.disabled) throw new DomainError('USER_DISABLED');
      return openSession(user, client);
    },

    async refresh(refreshToken, client, accountId) {
      if (!refreshToken) throw new DomainError('SESSION_EXPIRED');
      const next = newRefreshToken();
      const rotation = await identity.refreshSessions.rotate({
        tokenHash: hashRefreshToken(refreshToken),
        nextTokenHash: next.tokenHash,
        expiresAt: refreshExpiry(),
        reuseGraceMs: REFRESH_REUSE_GRACE_MS,
        userAgent: client.userAgent,
      });
      if (rotation.kind === 'reused') {
        // Theft detection ended the family: the thief's (or owner's) access token goes with it.
        revocations.revoke([{ kind: 'session', sessionId: rotation.familyId, userId: rotation.userId, at: Date.now() }]);
      }
      if (rotation.kind !== 'rotated') throw new DomainError('SESSION_EXPIRED');
      // Role and account are re-read here, so a demotion takes effect at the next refresh (within
      // one access-token lifetime) instead of living on in old claims.
      const user = await identity.users.findById(rotation.userId);
      if (!user || user.disabled) {
        revokeFamilies(await identity.refreshSessions.revokeAllForUser(rotation.userId));
        revocations.revoke([{ kind: 'user', userId: rotation.userId, at: Date.now() }]);
        throw new DomainError('SESSION_EXPIRED');
      }
      const chosen = accountId !== undefined && (await owns(user, accountId)) ? accountId : user.accountId;
      return { grant: await grantFor(user, rotation.familyId, chosen), refreshToken: next.token };
    },

    async switchAccount(sessionUser, sessionId, accountId) {
      // Re-read like a refresh: a disabled user must not get a fresh token out of an old one.
      const user = await identity.users.findById(sessionUser.userId);
      if (!user || user.disabled) throw new DomainError('SESSION_EXPIRED');
      if (!(await owns(user, accountId))) throw new DomainError('VALIDATION_FAILED', 'That trading account is not yours.');
      // Same session: a logout of it ends this token as well.
      return grantFor(user, sessionId, accountId);
    },

    async logout(refreshToken) {
      if (!refreshToken) return null;
      const family = await identity.refreshSessions.revokeFamilyOfToken(hashRefreshToken(refreshToken));
      if (!family) return null;
      revokeFamilies([family]);
      const user = await identity.users.findById(family.userId);
      return user ? toSessionUser(user) : null;
    },

    async changePassword(sessionUser, input, client) {
      // Same budgets as logins: a stolen access token must not become a password-guessing oracle.
      const user = await identity.users.findByIdWithSecret(sessionUser.userId);
      if (!user || user.disabled) throw new DomainError('SESSION_EXPIRED');
      const currentOk = await passwordGuard.verify({ username: sessionUser.username, ip: client.ip, action: 'password-change' }, () =>
        verifyPassword(user.passwordHash, input.currentPassword),
      );
      if (!currentOk) throw new DomainError('CURRENT_PASSWORD_WRONG');
      // Every session ends, the caller's included: a thief holding this tab's access token must
      // lose it too. The caller carries on with the fresh session opened below.
      revokeFamilies(await identity.users.setPassword(user.userId, await hashPassword(input.newPassword)));
      // The tab stays on the trading account it was on.
      const accountId = (await owns(user, sessionUser.accountId)) ? sessionUser.accountId : undefined;
      return openSession({ ...user, mustChangePassword: false }, client, accountId);
    },

    async disableUser(userId) {
      const disabled = await identity.users.disable(userId);
      revocations.revoke([{ kind: 'user', userId, at: disabled.disabledAt }]);
    },

    async setUserDisabled(actor, userId, disabled) {
      const before = disabled ? null : await identity.users.findById(userId);
      const change = await identity.users.setDisabled({ actorId: actor.userId, userId, disabled });
      announce(change);
      if (change.changed && disabled && change.user.disabledAt !== null) {
        // Every token issued to them up to now, whatever its session (a switchAccount one too).
        revocations.revoke([{ kind: 'user', userId, at: change.user.disabledAt }]);
      }
      if (change.changed && !disabled && before?.disabledAt != null) await waitPastSecondOf(before.disabledAt);
      return change.user;
    },

    async setUserRole(actor, userId, role) {
      // The role travels in the access token's claims and every procedure trusts them, so a token
      // issued before the change would keep the old role's powers until it expires (15 min). The
      // simplest correct fix is the one the password change uses: end the user's sessions, which
      // voids their tokens at once on every gateway and is recorded in the database (the restart
      // and 30 s resync paths see it). They log in again and get the new role. Re-reading the role
      // on every call instead would cost a database read per call (ADR 0008 keeps the per-call
      // check in memory); voiding only the access tokens and letting the refresh pick the new role
      // up would need a new durable record for the resync, for a rare admin action.
      const change = await identity.users.setRole({ actorId: actor.userId, userId, role });
      announce(change);
      return change.user;
    },

    async resetUserPassword(actor, userId) {
      const password = generatePassword();
      const change = await identity.users.resetPassword({ actorId: actor.userId, userId, passwordHash: await hashPassword(password) });
      announce(change);
      return { user: change.user, password };
    },
  };
}
