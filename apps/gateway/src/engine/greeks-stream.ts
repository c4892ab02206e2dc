import type { AccountGreeks } from '@strikedesk/domain';
import type { Logger } from '../logger.ts';
import type { EngineConnection, EngineTrpcClient } from './engine-connection.ts';
import { keepSubscribed } from './resilient-subscription.ts';

export type GreeksListener = (greeks: AccountGreeks) => void;
export type GreeksStream = { onGreeks(listener: GreeksListener): () => void; stop(): void };

/** The engine's `greeks.stream` (every account with positions, ~1/s), followed once per gateway. */
export function startGreeksStream(deps: { client: EngineTrpcClient; connection: EngineConnection; logger: Logger; retryDelayMs?: number }): GreeksStream {
  const controller = new AbortController();
  const listeners = new Set<GreeksListener>();
  const deliver = (greeks: AccountGreeks) => {
    for (const listener of listeners) {
      try {
        listener(greeks);
      } catch (error) {
        deps.logger.error({ err: error }, 'greeks listener failed');
      }
    }
  };
  void keepSubscribed({
    name: 'greeks.stream',
    connection: deps.connection,
    logger: deps.logger,
    signal: controller.signal,
    retryDelayMs: deps.retryDelayMs ?? 500,
    subscribe: (end) => deps.client.greeks.stream.subscribe(undefined, { onData: deliver, onError: end.onError, onComplete: end.onComplete }),
  });
  return {
    onGreeks(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => controller.abort(),
  };
}
