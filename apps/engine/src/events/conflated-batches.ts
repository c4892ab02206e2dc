import { whileCongested, type Congestion } from './socket-pacing.ts';

/**
 * The core of every conflated subscription: values are kept per key until the consumer can take
 * them, a newer value replacing the pending one of its key, and handed over as one batch. Memory
 * is bounded by the number of keys, and a slow consumer gets the newest values, never a backlog.
 *
 * "Slow" is measured on the socket (`congested`), not on how fast this generator is read: the tRPC
 * adapter reads as fast as we yield and queues in the socket, so without it nothing would conflate
 * and the socket buffer would grow instead.
 */
export async function* conflatedBatches<T>(
  listen: (push: (value: T) => void) => () => void,
  keyOf: (value: T) => string,
  signal?: AbortSignal,
  congested?: Congestion,
): AsyncGenerator<T[], void, undefined> {
  let pending = new Map<string, T>();
  let wake: (() => void) | undefined;
  const stopListening = listen((value) => {
    pending.set(keyOf(value), value);
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
