import type { SessionRevocations } from '../auth/session-revocations.ts';
import { revokes, type Revocation } from '../auth/revocation-list.ts';
import type { GatewayIo, GatewaySocket } from './socket-events.ts';

const identityOf = (socket: GatewaySocket) => ({ userId: socket.data.user.userId, sessionId: socket.data.sessionId, issuedAt: socket.data.accessIssuedAt });

/**
 * A socket is authorised at its handshake; afterwards it ends when its session or user is revoked.
 * Every gateway hears every revocation (its own, or another's through Redis or its database
 * resync) and ends its own sockets that the revocation voids — including a user disabled without
 * any router asking for their sockets to go. Returns the unsubscribe.
 */
export function disconnectRevokedSockets(io: GatewayIo, revocations: Pick<SessionRevocations, 'onRevoked'>): () => void {
  return revocations.onRevoked((revocation: Revocation) => {
    // Local sockets only (this namespace's own map): each gateway ends its own.
    for (const socket of io.of('/').sockets.values()) {
      if (revokes(revocation, identityOf(socket))) socket.disconnect(true);
    }
  });
}

/** For a connection completing just after its token was checked: a revocation in between ends it. */
export function isSocketRevoked(socket: GatewaySocket, revocations: Pick<SessionRevocations, 'isRevoked'>): boolean {
  return revocations.isRevoked(identityOf(socket));
}
