import type { InstrumentId, Tick } from '@strikedesk/domain';
import type { Logger } from '../logger.ts';
import type { EngineConnection, EngineTrpcClient } from './engine-connection.ts';
import { keepSubscribed } from './resilient-subscription.ts';

export type TickBatchListener = (ticks: Tick[]) => void;

export type TickStream = {
  /** Latest tick per instrument seen on the stream (for a new subscriber's first paint). */
  latest(instrumentIds: readonly InstrumentId[]): Tick[];
  onBatch(listener: TickBatchListener): () => void;
  stop(): void;
};

export function startTickStream(deps: {
  client: EngineTrpcClient;
  connection: EngineConnection;
  logger: Logger;
  retryDelayMs?: number;
}): TickStream {
  const controller = new AbortController();
  const listeners = new Set<TickBatchListener>();
  const latestById = new Map<InstrumentId, Tick>();

  const deliver = (ticks: Tick[]) => {
    for (const tick of ticks) latestById.set(tick.instrumentId, tick);
    for (const listener of listeners) {
      try {
        listener(ticks);
      } catch (error) {
        deps.logger.error({ err: error }, 'tick listener failed');
      }
    }
  };

  void keepSubscribed({
    name: 'market.ticks',
    connection: deps.connection,
    logger: deps.logger,
    signal: controller.signal,
    retryDelayMs: deps.retryDelayMs ?? 500,
    subscribe: (end) =>
      deps.client.market.ticks.subscribe(undefined, { onData: deliver, onError: end.onError, onComplete: end.onComplete }),
  });

  return {
    latest: (instrumentIds) => instrumentIds.flatMap((id) => latestById.get(id) ?? []),
    onBatch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => controller.abort(),
  };
}
