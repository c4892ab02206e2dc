import type { Tick } from '@strikedesk/domain';
import type { EngineClient } from '../engine/engine-client.ts';
import { accountRoom, instrumentRoom, type GatewayIo } from './socket-events.ts';

/**
 * Pushes engine streams to browsers. Every gateway follows the full engine streams itself, so it
 * emits to its *own* sockets only (`io.local`): broadcasting through the Redis adapter would
 * deliver each event once per gateway.
 */
export function startFanOut(io: GatewayIo, engine: EngineClient): () => void {
  const stopEvents = engine.events.onEnvelope((envelope) => {
    const room = accountRoom(envelope.order.accountId);
    io.local.to(room).emit('order', envelope.order);
    if (envelope.event.type === 'OrderFilled') io.local.to(room).emit('positions', { accountId: envelope.order.accountId });
  });

  const stopTicks = engine.ticks.onBatch((ticks) => {
    // One `ticks` message per socket per engine batch, holding only what that socket asked for.
    const rooms = io.of('/').adapter.rooms;
    const perSocket = new Map<string, Tick[]>();
    for (const tick of ticks) {
      const members = rooms.get(instrumentRoom(tick.instrumentId));
      if (!members) continue;
      for (const socketId of members) {
        const batch = perSocket.get(socketId);
        if (batch) batch.push(tick);
        else perSocket.set(socketId, [tick]);
      }
    }
    const sockets = io.of('/').sockets;
    for (const [socketId, batch] of perSocket) sockets.get(socketId)?.emit('ticks', batch);
  });

  // Each account's Greeks go to its own room only (the engine streams every account's).
  const stopGreeks = engine.greeks.onGreeks((greeks) => io.local.to(accountRoom(greeks.accountId)).emit('greeks', greeks));

  // A global halt concerns every terminal; an account's halt only that account's sockets.
  const stopHalts = engine.halts.onHalt((halt) => {
    if (halt.scope === 'GLOBAL' || halt.accountId === null) io.local.emit('halt', halt);
    else io.local.to(accountRoom(halt.accountId)).emit('halt', halt);
  });

  return () => {
    stopEvents();
    stopTicks();
    stopGreeks();
    stopHalts();
  };
}
