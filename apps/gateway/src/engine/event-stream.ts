import type { EngineEventEnvelope } from '@strikedesk/domain';
import type { Logger } from '../logger.ts';
import type { EngineCall } from './engine-call.ts';
import type { EngineConnection, EngineTrpcClient } from './engine-connection.ts';
import { toDomainError } from './engine-errors.ts';
import { keepSubscribed, type SubscriptionEnd } from './resilient-subscription.ts';

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
  // The first missing seq we already resubscribed for: seen missing again right after that replay,
  // the journal itself lacks it, and waiting for it would stall the stream forever.
  let replayedFor: number | null = null;

  const deliver = (envelope: EngineEventEnvelope, end: SubscriptionEnd) => {
    // The resume protocol may replay the boundary event after a reconnect; seq makes that harmless.
    if (lastSeq !== null && envelope.seq <= lastSeq) return;
    if (lastSeq !== null && envelope.seq !== lastSeq + 1) {
      const expected = lastSeq + 1;
      if (replayedFor !== expected) {
        // Seqs are contiguous (docs/adr/0003-transports.md): the missing ones are in the journal.
        // Resubscribing from the last one delivered makes the engine replay them in order.
        logger.warn({ expected, received: envelope.seq }, 'gap in the engine event stream; replaying from the journal');
        replayedFor = expected;
        end.restart();
        return;
      }
      logger.error({ expected, received: envelope.seq }, 'gap in the engine event stream persists after a replay; skipping it');
    }
    replayedFor = null;
    lastSeq = envelope.seq;
    for (const listener of listeners) {
      try {
        listener(envelope);
      } catch (error) {
        logger.error({ err: error, seq: envelope.seq }, 'event listener failed');
      }
    }
  };

  const onStreamError = (error: unknown, end: SubscriptionEnd) => {
    if (toDomainError(error).code === 'EVENT_STREAM_AHEAD') {
      // The engine's journal ends before our resume point: it restarted on a reset or restored
      // database. Nothing we remember applies to it any more; follow it from its live end.
      logger.warn({ lastSeq }, 'engine journal is behind this gateway (reset database?); following it from its live end');
      lastSeq = null;
      replayedFor = null;
    }
    end.onError(error);
  };

  void keepSubscribed({
    name: 'events.stream',
    connection: deps.connection,
    logger,
    signal: controller.signal,
    retryDelayMs: deps.retryDelayMs ?? 500,
    async prepare() {
      // Null at start and after EVENT_STREAM_AHEAD: the engine's lastSeq now is the live end.
      if (lastSeq !== null) return;
      const health = await deps.call('health.ping', (signal) => client.health.ping.query(undefined, { signal }));
      lastSeq = health.lastSeq;
    },
    subscribe: (end) =>
      client.events.stream.subscribe(
        // Resubscribing after a server-side end or a gap resumes from what we have; a dropped
        // socket is resumed by the tRPC client itself with the last tracked id.
        { lastEventId: lastSeq === null ? null : String(lastSeq) },
        { onData: (tracked) => deliver(tracked.data, end), onError: (error) => onStreamError(error, end), onComplete: end.onComplete },
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
