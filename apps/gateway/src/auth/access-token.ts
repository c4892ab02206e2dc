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
  // jose has already checked it is in the future; kept so live connections can end at expiry.
  exp: z.number().int(),
});

export type IssuedAccessToken = { accessToken: string; accessTokenExpiresAt: number };

/** A valid token's user and when the token stops being valid (epoch ms). */
export type VerifiedAccess = { user: SessionUser; expiresAt: number };

export type AccessTokens = {
  issue(user: SessionUser, now?: Date): Promise<IssuedAccessToken>;
  /** The user the token was issued to, or null for anything invalid, expired or forged. */
  verify(token: string): Promise<SessionUser | null>;
  /** As verify, with the expiry: for connections that outlive the request that opened them. */
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
      const { sub, role, accountId, username, exp } = claims.data;
      return { user: { userId: sub, role, accountId, username }, expiresAt: exp * 1000 };
    } catch {
      return null;
    }
  }
  return {
    async issue(user, now = new Date()) {
      const issuedAt = Math.floor(now.getTime() / 1000);
      const expiresAt = issuedAt + options.ttlSeconds;
      const accessToken = await new SignJWT({ role: user.role, accountId: user.accountId, username: user.username })
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
    verify: async (token) => (await verifyAccess(token))?.user ?? null,
  };
}

/** `Authorization: Bearer <token>` → token. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}
