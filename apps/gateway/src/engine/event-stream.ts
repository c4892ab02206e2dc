import type { EngineEventEnvelope } from '@strikedesk/domain';
import type { Logger } from '../logger.ts';
import type { EngineCall } from './engine-call.ts';
import type { EngineConnection, EngineTrpcClient } from './engine-connection.ts';
import { keepSubscribed } from './resilient-subscription.ts';

export type EnvelopeListener = (envelope: EngineEventEnvelope) => void;

export type EventStream = {
  /** The last journal sequence delivered to listeners (null before the first resume point). */
  lastSeq(): number | null;
  onEnvelope(listener: EnvelopeListener): () => void;
  stop(): void;
};

/**
 * Follows the engine journal from "now" (the engine's lastSeq when the gateway starts: a stateless
 * gateway has nobody to replay history to) and delivers each envelope exactly once, in order.
 */
export function startEventStream(deps: {
  client: EngineTrpcClient;
  connection: EngineConnection;
  call: EngineCall;
  logger: Logger;
  retryDelayMs?: number;
}): EventStream {
  const { client, logger } = deps;
  const controller = new AbortController();
  const listeners = new Set<EnvelopeListener>();
  let lastSeq: number | null = null;

  const deliver = (envelope: EngineEventEnvelope) => {
    // The resume protocol may replay the boundary event after a reconnect; seq makes that harmless.
    if (lastSeq !== null && envelope.seq <= lastSeq) return;
    if (lastSeq !== null && envelope.seq !== lastSeq + 1) {
      logger.error({ expected: lastSeq + 1, received: envelope.seq }, 'gap in the engine event stream');
    }
    lastSeq = envelope.seq;
    for (const listener of listeners) {
      try {
        listener(envelope);
      } catch (error) {
        logger.error({ err: error, seq: envelope.seq }, 'event listener failed');
      }
    }
  };

  void keepSubscribed({
    name: 'events.stream',
    connection: deps.connection,
    logger,
    signal: controller.signal,
    retryDelayMs: deps.retryDelayMs ?? 500,
    async prepare() {
      if (lastSeq !== null) return;
      const health = await deps.call('health.ping', (signal) => client.health.ping.query(undefined, { signal }));
      lastSeq = health.lastSeq;
    },
    subscribe: (end) =>
      client.events.stream.subscribe(
        // Resubscribing after a server-side end resumes from what we have; a dropped socket is
        // resumed by the tRPC client itself with the last tracked id.
        { lastEventId: lastSeq === null ? null : String(lastSeq) },
        { onData: (tracked) => deliver(tracked.data), onError: end.onError, onComplete: end.onComplete },
      ),
  });

  return {
    lastSeq: () => lastSeq,
    onEnvelope(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => controller.abort(),
  };
}
