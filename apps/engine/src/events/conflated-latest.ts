import { conflatedBatches } from './conflated-batches.ts';
import type { Congestion } from './socket-pacing.ts';

/**
 * Values one at a time, conflated per key while the subscriber's socket is backed up (the latest
 * chain of a query, the latest Greeks of an account).
 */
export async function* conflatedLatest<T>(
  listen: (push: (value: T) => void) => () => void,
  keyOf: (value: T) => string,
  signal?: AbortSignal,
  congested?: Congestion,
): AsyncGenerator<T, void, undefined> {
  for await (const batch of conflatedBatches(listen, keyOf, signal, congested)) yield* batch;
}
