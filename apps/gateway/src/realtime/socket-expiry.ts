import type { GatewaySocket } from './socket-events.ts';

// setTimeout fires at once for delays above 2^31-1 ms; tokens live far shorter (≤ 1 day), but a
// long delay is re-armed rather than trusted.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Ends the socket when its access token expires. The token is checked only at the handshake; a
 * socket left open would keep receiving the account's pushes long after the session ended. The
 * server-side disconnect tells the web to reconnect with a fresh token (or not at all when the
 * session is gone).
 */
export function disconnectAtTokenExpiry(socket: GatewaySocket, now: () => number = Date.now): void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const remaining = socket.data.accessExpiresAt - now();
    if (remaining <= 0) {
      socket.disconnect(true);
      return;
    }
    timer = setTimeout(arm, Math.min(remaining, MAX_TIMER_MS));
    // A pending expiry must not keep a closing process alive.
    timer.unref();
  };
  socket.once('disconnect', () => clearTimeout(timer));
  arm();
}
