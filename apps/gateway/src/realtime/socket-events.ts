import type { Server, Socket } from 'socket.io';
import type { HaltServerEvents, InstrumentId, LiveClientEvents, LiveServerEvents, PriceAlertServerEvents, SessionUser, SignalServerEvents } from '@strikedesk/domain';

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
  /** The token's session and issue time (epoch ms): a revocation of either ends the socket. */
  sessionId: string;
  accessIssuedAt: number;
  instruments: Set<InstrumentId>;
  /** The chain query (key) this socket follows, if any: one chain per socket. */
  chainKey: string | null;
};

/** Every push the gateway sends (docs/contracts.md): the base contract plus `halt`, `signal` and `priceAlert`. */
export type ServerToClientEvents = LiveServerEvents & HaltServerEvents & SignalServerEvents & PriceAlertServerEvents;

export type GatewayIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const accountRoom = (accountId: string): string => `account:${accountId}`;
export const userRoom = (userId: string): string => `user:${userId}`;
export const instrumentRoom = (instrumentId: string): string => `instrument:${instrumentId}`;
