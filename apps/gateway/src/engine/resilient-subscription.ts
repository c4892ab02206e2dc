import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../logger.ts';
import type { EngineConnection } from './engine-connection.ts';

export type SubscriptionHandle = { unsubscribe(): void };
export type SubscriptionEnd = {
  onError(error: unknown): void;
  onComplete(): void;
  /** Client-side restart: drops this subscription and subscribes again at once (prepare runs first). */
  restart(): void;
};

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
    let restarting = false;
    try {
      await options.connection.waitUntilConnected(signal);
      await options.prepare?.(signal);
      await new Promise<void>((resolve) => {
        let handle: SubscriptionHandle | undefined;
        let ended = false;
        const finish = () => {
          if (ended) return false;
          ended = true;
          signal.removeEventListener('abort', onAbort);
          resolve();
          return true;
        };
        const onAbort = () => {
          handle?.unsubscribe();
          finish();
        };
        handle = options.subscribe({
          onError(error) {
            logger.warn({ err: error, subscription: name }, 'engine subscription failed; resubscribing');
            finish();
          },
          onComplete() {
            finish();
          },
          restart() {
            if (!finish()) return;
            restarting = true;
            handle?.unsubscribe();
          },
        });
        signal.addEventListener('abort', onAbort, { once: true });
      });
    } catch (error) {
      if (signal.aborted) return;
      logger.warn({ err: error, subscription: name }, 'engine subscription could not start; retrying');
    }
    if (signal.aborted) return;
    // A requested restart is not a failure: no reason to wait.
    if (!restarting) await delay(options.retryDelayMs, undefined, { signal }).catch(() => undefined);
  }
}
