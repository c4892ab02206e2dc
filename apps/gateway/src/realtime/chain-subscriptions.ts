import { ChainQuerySchema, DomainError, type ChainQuery, type ErrorCode, type OptionChain } from '@strikedesk/domain';
import type { EngineClient } from '../engine/engine-client.ts';
import { describeIssues } from '../trpc/app-error.ts';
import { chainRoom, type ChainRooms } from './chain-rooms.ts';
import type { GatewaySocket } from './socket-events.ts';

type ChainAck = { ok: true } | { ok: false; code: ErrorCode; message: string };
type Ack = (response: ChainAck) => void;
const asAck = (value: unknown): Ack | null => (typeof value === 'function' ? (value as Ack) : null);

/**
 * The first paint: the chain fetched for the subscribe or the latest one the shared engine stream
 * delivered, whichever was computed on the newer tick (either can be the fresher one: the stream's
 * push for a tick can arrive before or after the fetch's answer). The fetched one on a tie.
 */
export function freshestChain(fetched: OptionChain, latest: OptionChain | undefined): OptionChain {
  return latest !== undefined && latest.timestamp > fetched.timestamp ? latest : fetched;
}

/**
 * chain:subscribe / chain:unsubscribe for one socket: one chain per socket, a new subscribe
 * replaces the old. The query is validated here and checked with the engine (unknown expiry →
 * error ack) before the socket joins the room; the chain fetched doubles as the first paint.
 *
 * At most one chain.get per socket is in flight: subscribes arriving meanwhile are coalesced to the
 * last one (the ones it overtakes are acked ok — nothing to do for them), which is fetched when the
 * current fetch answers, so a client spamming subscribes costs the engine one call at a time.
 * Switching chains acquires the new room (and engine subscription) before releasing the old one,
 * so re-subscribing to the same query never tears down and recreates the engine subscription.
 */
export function handleChainSubscriptions(socket: GatewaySocket, deps: { engine: EngineClient; rooms: ChainRooms }): void {
  /** Bumped by unsubscribe / disconnect: a fetch started before it must not join anything. */
  let generation = 0;
  let inFlight = false;
  let queued: { query: ChainQuery; ack: Ack | null } | null = null;

  const leave = (): void => {
    const key = socket.data.chainKey;
    if (key === null) return;
    socket.data.chainKey = null;
    void socket.leave(chainRoom(key));
    deps.rooms.release(key);
  };

  const dropQueued = (): void => {
    queued?.ack?.({ ok: true }); // overtaken: a later subscribe or unsubscribe replaced it
    queued = null;
  };

  const join = (query: ChainQuery): void => {
    const previous = socket.data.chainKey;
    const key = deps.rooms.acquire(query); // before the release: the same key keeps its engine subscription
    socket.data.chainKey = key;
    void socket.join(chainRoom(key));
    if (previous === null) return;
    if (previous !== key) void socket.leave(chainRoom(previous));
    deps.rooms.release(previous);
  };

  const fetch = (query: ChainQuery, ack: Ack | null): void => {
    inFlight = true;
    const mine = generation;
    const settled = (): boolean => {
      inFlight = false;
      const next = queued;
      queued = null;
      if (next && !socket.disconnected) fetch(next.query, next.ack);
      // Overtaken by a later subscribe (fetched next), an unsubscribe, or the socket going away.
      return next !== null || mine !== generation || socket.disconnected;
    };
    deps.engine.chain(query).then(
      (chain) => {
        if (settled()) return ack?.({ ok: true });
        join(query);
        ack?.({ ok: true });
        socket.emit('chain', freshestChain(chain, deps.engine.chains.latest(query)));
      },
      (error: unknown) => {
        settled();
        const failure = error instanceof DomainError ? error : new DomainError('INTERNAL');
        ack?.({ ok: false, code: failure.code, message: failure.message });
      },
    );
  };

  socket.on('chain:subscribe', (payload, ackArgument) => {
    const ack = asAck(ackArgument);
    const parsed = ChainQuerySchema.safeParse(payload);
    if (!parsed.success) {
      ack?.({ ok: false, code: 'VALIDATION_FAILED', message: `chain:subscribe takes { underlying, expiry, strikesEachSide? }: ${describeIssues(parsed.error.issues)}` });
      return;
    }
    if (inFlight) {
      dropQueued();
      queued = { query: parsed.data, ack };
      return;
    }
    fetch(parsed.data, ack);
  });

  socket.on('chain:unsubscribe', (_payload, ackArgument) => {
    generation += 1;
    dropQueued();
    leave();
    // Sent with no payload, the ack callback arrives as the first argument.
    (asAck(ackArgument) ?? asAck(_payload))?.({ ok: true });
  });

  socket.on('disconnect', () => {
    generation += 1;
    queued = null;
    leave();
  });
}
