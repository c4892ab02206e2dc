import { authenticateAccess } from '../auth/authenticate-access.ts';
import type { AccessTokens } from '../auth/access-token.ts';
import type { SessionRevocations } from '../auth/session-revocations.ts';
import type { GatewaySocket } from './socket-events.ts';

/** connect_error for a refused handshake; `data.appCode` says SESSION_REVOKED when that is why. */
const refused = (appCode: 'UNAUTHENTICATED' | 'SESSION_REVOKED') => Object.assign(new Error('UNAUTHENTICATED'), { data: { appCode } });

/**
 * Handshake guard: the access token from `auth: { token }`. A refused socket sees connect_error
 * with message UNAUTHENTICATED, which tells the web to refresh and reconnect — also for a revoked
 * session, whose refresh then fails and logs the tab out.
 */
export function socketAuth(deps: { accessTokens: AccessTokens; revocations: Pick<SessionRevocations, 'isRevoked'> }) {
  return (socket: GatewaySocket, next: (error?: Error) => void): void => {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null && 'token' in auth ? auth.token : undefined;
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
      next(refused('UNAUTHENTICATED'));
      return;
    }
    authenticateAccess(token, deps).then(
      (check) => {
        if (check.kind === 'revoked') return next(refused('SESSION_REVOKED'));
        if (check.kind === 'invalid') return next(refused('UNAUTHENTICATED'));
        socket.data.user = check.access.user;
        socket.data.sessionId = check.access.sessionId;
        socket.data.accessIssuedAt = check.access.issuedAt;
        socket.data.accessExpiresAt = check.access.expiresAt;
        socket.data.instruments = new Set();
        socket.data.chainKey = null;
        next();
      },
      () => next(refused('UNAUTHENTICATED')),
    );
  };
}
