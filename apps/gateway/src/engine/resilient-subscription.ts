import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../logger.ts';
import type { EngineConnection } from './engine-connection.ts';

export type SubscriptionHandle = { unsubscribe(): void };
export type SubscriptionEnd = { onError(error: unknown): void; onComplete(): void };

/**
 * Keeps one engine subscription alive for the life of the gateway. A dropped socket is handled by
 * the tRPC WebSocket client (it resubscribes with the last tracked id); this loop covers what it
 * doesn't: the subscription ending or erroring on the server (engine restart, engine-side error),
 * and the engine being down when the gateway starts.
 */
export async function keepSubscribed(options: {
  name: string;
  connection: EngineConnection;
  logger: Logger;
  signal: AbortSignal;
  retryDelayMs: number;
  /** Runs before each (re)subscription, e.g. to fetch the resume point. */
  prepare?: (signal: AbortSignal) => Promise<void>;
  subscribe: (end: SubscriptionEnd) => SubscriptionHandle;
}): Promise<void> {
  const { signal, logger, name } = options;
  while (!signal.aborted) {
    try {
      await options.connection.waitUntilConnected(signal);
      await options.prepare?.(signal);
      await new Promise<void>((resolve) => {
        const onAbort = () => {
          handle.unsubscribe();
          resolve();
        };
        const handle = options.subscribe({
          onError(error) {
            logger.warn({ err: error, subscription: name }, 'engine subscription failed; resubscribing');
            signal.removeEventListener('abort', onAbort);
            resolve();
          },
          onComplete() {
            signal.removeEventListener('abort', onAbort);
            resolve();
          },
        });
        signal.addEventListener('abort', onAbort, { once: true });
      });
    } catch (error) {
      if (signal.aborted) return;
      logger.warn({ err: error, subscription: name }, 'engine subscription could not start; retrying');
    }
    if (signal.aborted) return;
    await delay(options.retryDelayMs, undefined, { signal }).catch(() => undefined);
  }
}
