import { setTimeout as sleep } from 'node:timers/promises';

/** The exchange's rate window is one second: waiting longer cannot make room that a second does not. */
export const ORDER_RATE_WAIT_MS = 1_100;
const POLL_MS = 20;

/**
 * Waits until the account's order-rate window has room for the signal's order (`hasRoom`), for at
 * most ORDER_RATE_WAIT_MS. A strategy's alerts arrive spaced; our own lag (a stall, the backlog a
 * restart leaves) can bunch them past the exchange's per-second limit, and the order would then be
 * denied RISK_ORDER_RATE for a lateness that is ours. Paced instead — as an exchange gateway paces
 * its sends. The order's own risk check still decides (a window still full after the wait denies it).
 * Returns whether there was room.
 */
export async function waitForOrderRate(hasRoom: () => boolean, maxWaitMs = ORDER_RATE_WAIT_MS): Promise<boolean> {
  const started = performance.now();
  while (!hasRoom()) {
    if (performance.now() - started >= maxWaitMs) return false;
    await sleep(POLL_MS);
  }
  return true;
}
