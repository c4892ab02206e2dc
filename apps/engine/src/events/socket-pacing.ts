import { sleep } from '../backoff.ts';

/**
 * Bytes a WebSocket may hold unsent before a subscription stops producing. The tRPC adapter sends
 * every value a subscription yields without looking at the socket, so a slow gateway would make
 * the engine buffer without limit; the subscriptions below pace themselves instead.
 */
export const SEND_HIGH_WATER_BYTES = 1024 * 1024;
const POLL_MS = 20;

/** True while the consumer's socket has more than the high-water mark queued. */
export type Congestion = () => boolean;

export const congestionOf = (bufferedAmount: () => number, highWaterBytes = SEND_HIGH_WATER_BYTES): Congestion => () =>
  bufferedAmount() > highWaterBytes;

/**
 * Waits while `congested()` holds. `ws` has no drain event on the WebSocket itself, so this
 * polls; a short poll costs nothing next to a socket that is seconds behind. Returns early when
 * `signal` aborts, and throws `interrupted()`'s error as soon as it reports one.
 */
export async function whileCongested(congested: Congestion | undefined, signal?: AbortSignal, interrupted?: () => Error | null): Promise<void> {
  if (!congested) return;
  while (congested() && !signal?.aborted) {
    const error = interrupted?.();
    if (error) throw error;
    await sleep(POLL_MS, signal);
  }
}
