import type { Server, Socket } from 'socket.io';
import type { InstrumentId, LiveClientEvents, LiveServerEvents, SessionUser } from '@strikedesk/domain';

export type { SubscribeAck } from '@strikedesk/domain';

/**
 * Inbound events keep the contract's names but take `unknown`: anything can arrive on a socket,
 * and every handler validates its payload.
 */
export type ClientToServerEvents = { [Event in keyof LiveClientEvents]: (payload: unknown, ack?: unknown) => void };

export type SocketData = {
  user: SessionUser;
  /** When the access token the socket connected with expires (epoch ms): the socket ends then. */
  accessExpiresAt: number;
  instruments: Set<InstrumentId>;
  /** The chain query (key) this socket follows, if any: one chain per socket. */
  chainKey: string | null;
};

export type GatewayIo = Server<ClientToServerEvents, LiveServerEvents, Record<string, never>, SocketData>;
export type GatewaySocket = Socket<ClientToServerEvents, LiveServerEvents, Record<string, never>, SocketData>;

export const accountRoom = (accountId: string): string => `account:${accountId}`;
export const instrumentRoom = (instrumentId: string): string => `instrument:${instrumentId}`;
