import { isHaltActive, type TradingHalt } from '@strikedesk/domain';
import type { Logger } from '../logger.ts';
import type { EngineCall } from './engine-call.ts';
import type { EngineConnection, EngineTrpcClient } from './engine-connection.ts';
import { keepSubscribed } from './resilient-subscription.ts';

export type HaltListener = (halt: TradingHalt) => void;
export type HaltsStream = { onHalt(listener: HaltListener): () => void; stop(): void };

/** Released halts are looked up this far before the stream was lost: engine and gateway clocks may differ. */
const CLOCK_MARGIN_MS = 5 * 60_000;
const RESYNC_RECENT_LIMIT = 200;

/**
 * The engine's `halts.stream` (every halt change: engaged, details added, released), followed once
 * per gateway. The stream is not resumable, so whenever it (re)starts — first start, engine
 * restart, dropped socket — the halts that changed meanwhile are fetched and delivered too: every
 * active one, and those released since the stream was lost. Without that, a release missed during
 * an engine restart would leave a trader looking at a halt banner forever.
 */
export function startHaltsStream(deps: {
  client: EngineTrpcClient;
  connection: EngineConnection;
  call: EngineCall;
  logger: Logger;
  retryDelayMs?: number;
}): HaltsStream {
  const { client, logger } = deps;
  const controller = new AbortController();
  const listeners = new Set<HaltListener>();
  // When the stream was last known to be down (null while it is up): releases after it are resent.
  let lostAt: number | null = Date.now();
  // Halt ids that arrived live while a resync's fetch was in flight: the live version is newer.
  let seenDuringResync: Set<number> | null = null;

  const deliver = (halt: TradingHalt) => {
    for (const listener of listeners) {
      try {
        listener(halt);
      } catch (error) {
        logger.error({ err: error, haltId: halt.id }, 'halt listener failed');
      }
    }
  };
  const onLive = (halt: TradingHalt) => {
    seenDuringResync?.add(halt.id);
    deliver(halt);
  };
  const markLost = () => {
    lostAt ??= Date.now();
  };

  const resync = async () => {
    const since = (lostAt ?? Date.now()) - CLOCK_MARGIN_MS;
    lostAt = null;
    const seen = new Set<number>();
    seenDuringResync = seen;
    try {
      const [active, recent] = await Promise.all([
        deps.call('halts.active', (signal) => client.halts.active.query({}, { signal })),
        deps.call('halts.recent', (signal) => client.halts.recent.query({ limit: RESYNC_RECENT_LIMIT }, { signal })),
      ]);
      const released = recent.filter((halt) => !isHaltActive(halt) && (halt.releasedAt ?? 0) >= since);
      for (const halt of [...active, ...released]) if (!seen.has(halt.id)) deliver(halt);
    } catch (error) {
      // The stream itself is up; the next restart retries. Terminals also reload halts on reconnect.
      logger.warn({ err: error }, 'could not resync trading halts after the halt stream restarted');
    } finally {
      if (seenDuringResync === seen) seenDuringResync = null;
    }
  };

  const stopWatchingConnection = deps.connection.onConnectedChange((connected) => {
    if (!connected) markLost();
  });

  void keepSubscribed({
    name: 'halts.stream',
    connection: deps.connection,
    logger,
    signal: controller.signal,
    retryDelayMs: deps.retryDelayMs ?? 500,
    subscribe: (end) =>
      client.halts.stream.subscribe(undefined, {
        // `started` comes again after the tRPC client moved the subscription to a new socket.
        onStarted: () => void resync(),
        onData: onLive,
        onError: (error) => {
          markLost();
          end.onError(error);
        },
        onComplete: () => {
          markLost();
          end.onComplete();
        },
      }),
  });

  return {
    onHalt(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => {
      stopWatchingConnection();
      controller.abort();
    },
  };
}
