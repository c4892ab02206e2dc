import { hkdfSync, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { BrokerAccountIdSchema, BrokerLoginReturnPageSchema, UserIdSchema, type BrokerAccountId, type BrokerLoginReturnPage, type UserId } from '@strikedesk/domain';

const ISSUER = 'strikedesk-gateway';
const AUDIENCE = 'strikedesk-kite-login';
const PURPOSE = 'kite-login';
/** Long enough to type a Zerodha password and TOTP, short enough that a leaked link soon dies. */
export const KITE_LOGIN_STATE_TTL_SECONDS = 600;

/** Who started a Kite login, for which broker account, and where the browser goes back to. */
export type KiteLoginState = {
  brokerAccountId: BrokerAccountId;
  userId: UserId;
  returnTo: BrokerLoginReturnPage;
  /** Single use: the callback claims it once. */
  nonce: string;
  expiresAt: number;
};

const ClaimsSchema = z.object({
  purpose: z.literal(PURPOSE),
  sub: UserIdSchema,
  brokerAccountId: BrokerAccountIdSchema,
  returnTo: BrokerLoginReturnPageSchema,
  jti: z.string().min(16).max(64),
  exp: z.number().int(),
});

export type KiteLoginStates = {
  issue(state: Omit<KiteLoginState, 'nonce' | 'expiresAt'>, now?: Date): Promise<string>;
  /** The state, or null for anything forged, expired, altered or meant for something else. */
  verify(token: string): Promise<KiteLoginState | null>;
};

/**
 * The signed `state` that travels through Kite (as its `redirect_params`) and back to our callback:
 * the callback has no session (it is the browser returning from kite.zerodha.com), so this is what
 * says who asked. Signed with a key derived from JWT_SECRET for this purpose alone, so an access
 * token can never pass for a login state, nor a login state for an access token.
 */
export function createKiteLoginStates(options: { secret: string; ttlSeconds?: number }): KiteLoginStates {
  const key = new Uint8Array(hkdfSync('sha256', options.secret, 'strikedesk', 'kite-login-state v1', 32));
  const ttlSeconds = options.ttlSeconds ?? KITE_LOGIN_STATE_TTL_SECONDS;
  return {
    async issue(state, now = new Date()) {
      const issuedAt = Math.floor(now.getTime() / 1000);
      return new SignJWT({ purpose: PURPOSE, brokerAccountId: state.brokerAccountId, returnTo: state.returnTo })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(state.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setJti(randomUUID())
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(key);
    },
    async verify(token) {
      if (token.length === 0 || token.length > 2_000) return null;
      try {
        // algorithms pinned: a token must never pick its own verification algorithm.
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
        const claims = ClaimsSchema.safeParse(payload);
        if (!claims.success) return null;
        const { sub, brokerAccountId, returnTo, jti, exp } = claims.data;
        return { userId: sub, brokerAccountId, returnTo, nonce: jti, expiresAt: exp * 1000 };
      } catch {
        return null;
      }
    },
  };
}
