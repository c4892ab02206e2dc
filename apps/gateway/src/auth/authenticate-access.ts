import type { AccessTokens, VerifiedAccess } from './access-token.ts';
import type { SessionRevocations } from './session-revocations.ts';

/**
 * - `valid`: signed by us, unexpired, and neither its session nor its user has been revoked.
 * - `revoked`: a genuine token whose session was ended (logout, password change, theft detection)
 *   or whose user was disabled — told apart from `invalid` so the caller learns why (SESSION_REVOKED).
 * - `invalid`: forged, malformed or expired.
 */
export type AccessCheck = { kind: 'valid'; access: VerifiedAccess } | { kind: 'revoked' } | { kind: 'invalid' };

/** The one way a browser's access token is accepted: tRPC calls and socket handshakes both come here. */
export async function authenticateAccess(
  token: string,
  deps: { accessTokens: AccessTokens; revocations: Pick<SessionRevocations, 'isRevoked'> },
): Promise<AccessCheck> {
  const access = await deps.accessTokens.verifyAccess(token);
  if (!access) return { kind: 'invalid' };
  if (deps.revocations.isRevoked({ userId: access.user.userId, sessionId: access.sessionId, issuedAt: access.issuedAt })) return { kind: 'revoked' };
  return { kind: 'valid', access };
}
