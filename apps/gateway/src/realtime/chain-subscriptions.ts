import { ChainQuerySchema, DomainError, type ErrorCode } from '@strikedesk/domain';
import type { EngineClient } from '../engine/engine-client.ts';
import { describeIssues } from '../trpc/app-error.ts';
import { chainRoom, type ChainRooms } from './chain-rooms.ts';
import type { GatewaySocket } from './socket-events.ts';

type ChainAck = { ok: true } | { ok: false; code: ErrorCode; message: string };
type Ack = (response: ChainAck) => void;
const asAck = (value: unknown): Ack | null => (typeof value === 'function' ? (value as Ack) : null);

/**
 * chain:subscribe / chain:unsubscribe for one socket: one chain per socket, a new subscribe
 * replaces the old. The query is validated here and checked with the engine (unknown expiry →
 * error ack) before the socket joins the room; the chain fetched doubles as the first paint.
 */
export function handleChainSubscriptions(socket: GatewaySocket, deps: { engine: EngineClient; rooms: ChainRooms }): void {
  let generation = 0;
  const leave = (): void => {
    const key = socket.data.chainKey;
    if (key === null) return;
    socket.data.chainKey = null;
    void socket.leave(chainRoom(key));
    deps.rooms.release(key);
  };

  socket.on('chain:subscribe', (payload, ackArgument) => {
    const ack = asAck(ackArgument);
    const parsed = ChainQuerySchema.safeParse(payload);
    if (!parsed.success) {
      ack?.({ ok: false, code: 'VALIDATION_FAILED', message: `chain:subscribe takes { underlying, expiry, strikesEachSide? }: ${describeIssues(parsed.error.issues)}` });
      return;
    }
    const query = parsed.data;
    const mine = ++generation;
    deps.engine.chain(query).then(
      (chain) => {
        // A later subscribe (or unsubscribe, or the socket going away) overtook this one.
        if (mine !== generation || socket.disconnected) return ack?.({ ok: true });
        leave();
        const key = deps.rooms.acquire(query);
        socket.data.chainKey = key;
        void socket.join(chainRoom(key));
        ack?.({ ok: true });
        socket.emit('chain', deps.engine.chains.latest(query) ?? chain);
      },
      (error: unknown) => {
        const failure = error instanceof DomainError ? error : new DomainError('INTERNAL');
        ack?.({ ok: false, code: failure.code, message: failure.message });
      },
    );
  });

  socket.on('chain:unsubscribe', (_payload, ackArgument) => {
    generation += 1;
    leave();
    // Sent with no payload, the ack callback arrives as the first argument.
    (asAck(ackArgument) ?? asAck(_payload))?.({ ok: true });
  });

  socket.on('disconnect', () => {
    generation += 1;
    leave();
  });
}
