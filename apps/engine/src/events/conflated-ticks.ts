import type { Tick } from '@strikedesk/domain';
import { whileCongested, type Congestion } from './socket-pacing.ts';
import type { Topic } from './topic.ts';

/**
 * Tick batches for one subscriber, conflated: while the consumer (a gateway socket) is slower than
 * the market, newer ticks replace older ones per instrument instead of queueing. Memory is bounded
 * by the number of instruments, and a slow consumer sees the latest prices, never stale ones.
 *
 * "Slower" is measured on the socket (`congested`), not on how fast this generator is read: the
 * tRPC adapter reads as fast as we yield and queues in the socket, so without it conflation would
 * never happen and the socket buffer would grow instead.
 */
export async function* conflatedTicks(topic: Topic<Tick[]>, signal?: AbortSignal, congested?: Congestion): AsyncGenerator<Tick[], void, undefined> {
  let pending = new Map<string, Tick>();
  let wake: (() => void) | undefined;
  const stopListening = topic.listen((batch) => {
    for (const tick of batch) pending.set(tick.instrumentId, tick);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    while (!signal?.aborted) {
      if (pending.size === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      await whileCongested(congested, signal);
      if (signal?.aborted) break;
      const batch = [...pending.values()];
      pending = new Map();
      yield batch;
    }
  } finally {
    stopListening();
    signal?.removeEventListener('abort', onAbort);
  }
}
