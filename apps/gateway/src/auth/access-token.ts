import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { AccountIdSchema, RoleSchema, UserIdSchema, type SessionUser } from '@strikedesk/domain';

const ISSUER = 'strikedesk-gateway';
const AUDIENCE = 'strikedesk';

const ClaimsSchema = z.object({
  sub: UserIdSchema,
  role: RoleSchema,
  accountId: AccountIdSchema,
  username: z.string(),
  // The refresh-token family (session) the token was issued for: ending the session (logout,
  // password change, theft detection) must end its access tokens too, not only its cookie.
  // Required: a token without one cannot be revoked, so it is not accepted at all.
  sid: z.string().min(1).max(64),
  // When it was issued (s): disabling a user voids the tokens issued before.
  iat: z.number().int(),
  // jose has already checked it is in the future; kept so live connections can end at expiry.
  exp: z.number().int(),
});

export type IssuedAccessToken = { accessToken: string; accessTokenExpiresAt: number };

/**
 * A validly signed, unexpired token: its user, the session it belongs to, and when it was issued
 * and stops being valid (epoch ms). Whether that session has been revoked is not known here (see
 * authenticateAccess).
 */
export type VerifiedAccess = { user: SessionUser; sessionId: string; issuedAt: number; expiresAt: number };

export type AccessTokens = {
  /** `sessionId`: the refresh-token family the token belongs to (its `sid`). */
  issue(user: SessionUser, sessionId: string, now?: Date): Promise<IssuedAccessToken>;
  /**
   * The token's claims, or null for anything invalid, expired or forged. Signature and expiry
   * only: callers authenticate through authenticateAccess, which also refuses revoked sessions.
   */
  verifyAccess(token: string): Promise<VerifiedAccess | null>;
};

export function createAccessTokens(options: { secret: string; ttlSeconds: number }): AccessTokens {
  const key = new TextEncoder().encode(options.secret);
  async function verifyAccess(token: string): Promise<VerifiedAccess | null> {
    try {
      // algorithms pinned: a token must never pick its own verification algorithm.
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      const claims = ClaimsSchema.safeParse(payload);
      if (!claims.success) return null;
      const { sub, role, accountId, username, sid, iat, exp } = claims.data;
      return { user: { userId: sub, role, accountId, username }, sessionId: sid, issuedAt: iat * 1000, expiresAt: exp * 1000 };
    } catch {
      return null;
    }
  }
  return {
    async issue(user, sessionId, now = new Date()) {
      const issuedAt = Math.floor(now.getTime() / 1000);
      const expiresAt = issuedAt + options.ttlSeconds;
      const accessToken = await new SignJWT({ role: user.role, accountId: user.accountId, username: user.username, sid: sessionId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(user.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(key);
      return { accessToken, accessTokenExpiresAt: expiresAt * 1000 };
    },

    verifyAccess,
  };
}

/** `Authorization: Bearer <token>` → token. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}
