import type { ChainQuery } from '@strikedesk/domain';
import { chainKey, type ChainStreams } from '../engine/chain-streams.ts';
import type { GatewayIo } from './socket-events.ts';

export const chainRoom = (key: string): string => `chain:${key}`;

export type ChainRooms = {
  /** Counts one more socket on the query's room; the first one starts the engine stream. */
  acquire(query: ChainQuery): string;
  /** One socket fewer on the room; the last one stops the engine stream. */
  release(key: string): void;
};

/**
 * One engine chain subscription per distinct query, fanned out to a socket.io room per query
 * (`io.local`: every gateway follows its own engine streams, as for ticks), refcounted by the
 * sockets in the room.
 */
export function createChainRooms(io: GatewayIo, chains: ChainStreams): ChainRooms {
  const rooms = new Map<string, { sockets: number; stop: () => void }>();
  return {
    acquire(query) {
      const key = chainKey(query);
      const room = rooms.get(key);
      if (room) room.sockets += 1;
      else rooms.set(key, { sockets: 1, stop: chains.follow(query, (chain) => io.local.to(chainRoom(key)).emit('chain', chain)) });
      return key;
    },
    release(key) {
      const room = rooms.get(key);
      if (!room) return;
      room.sockets -= 1;
      if (room.sockets > 0) return;
      rooms.delete(key);
      room.stop();
    },
  };
}
