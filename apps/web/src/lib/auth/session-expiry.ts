/** Access-token expiry as epoch milliseconds, whether the server sent seconds, milliseconds or ISO text. */
export function expiryToEpochMs(value: number | string): number {
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? Date.now() : parsed;
  }
  return value < 1e12 ? value * 1000 : value;
}

/** When to refresh: a minute before expiry, but never sooner than 5 s from now. */
export function refreshDelayMs(expiresAtMs: number, nowMs: number = Date.now()): number {
  return Math.max(5_000, expiresAtMs - nowMs - 60_000);
}

/**
 * Whether an access token expiring at `expiresAtMs` is still worth presenting (e.g. to reconnect
 * a socket): it must outlive the handshake by a margin, or the server refuses it on arrival.
 */
export function isTokenUsable(expiresAtMs: number, nowMs: number = Date.now(), marginMs = 10_000): boolean {
  return expiresAtMs - nowMs > marginMs;
}
