import type { AccessTokens } from '../auth/access-token.ts';
import type { GatewaySocket } from './socket-events.ts';

/**
 * Handshake guard: the access token from `auth: { token }`. A refused socket sees connect_error
 * with message UNAUTHENTICATED, which tells the web to refresh and reconnect.
 */
export function socketAuth(accessTokens: AccessTokens) {
  return (socket: GatewaySocket, next: (error?: Error) => void): void => {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null && 'token' in auth ? auth.token : undefined;
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
      next(new Error('UNAUTHENTICATED'));
      return;
    }
    accessTokens.verifyAccess(token).then(
      (access) => {
        if (!access) return next(new Error('UNAUTHENTICATED'));
        socket.data.user = access.user;
        socket.data.accessExpiresAt = access.expiresAt;
        socket.data.instruments = new Set();
        socket.data.chainKey = null;
        next();
      },
      () => next(new Error('UNAUTHENTICATED')),
    );
  };
}
