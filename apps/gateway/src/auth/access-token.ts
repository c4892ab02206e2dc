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
});

export type IssuedAccessToken = { accessToken: string; accessTokenExpiresAt: number };

export type AccessTokens = {
  issue(user: SessionUser, now?: Date): Promise<IssuedAccessToken>;
  /** The user the token was issued to, or null for anything invalid, expired or forged. */
  verify(token: string): Promise<SessionUser | null>;
};

export function createAccessTokens(options: { secret: string; ttlSeconds: number }): AccessTokens {
  const key = new TextEncoder().encode(options.secret);
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

    async verify(token) {
      try {
        // algorithms pinned: a token must never pick its own verification algorithm.
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
        const claims = ClaimsSchema.safeParse(payload);
        if (!claims.success) return null;
        return { userId: claims.data.sub, role: claims.data.role, accountId: claims.data.accountId, username: claims.data.username };
      } catch {
        return null;
      }
    },
  };
}

/** `Authorization: Bearer <token>` → token. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}
