import type { Server, Socket } from 'socket.io';
import type { AccountId, ErrorCode, InstrumentId, Order, SessionUser, Tick } from '@strikedesk/domain';

export type SubscribeAck = { ok: true; count: number } | { ok: false; code: ErrorCode; message: string };

export type ServerToClientEvents = {
  ticks: (ticks: Tick[]) => void;
  order: (order: Order) => void;
  positions: (change: { accountId: AccountId }) => void;
};

/** Typed as unknown on purpose: anything can arrive on a socket, and handlers validate it. */
export type ClientToServerEvents = {
  subscribe: (payload: unknown, ack?: unknown) => void;
  unsubscribe: (payload: unknown, ack?: unknown) => void;
};

export type SocketData = { user: SessionUser; instruments: Set<InstrumentId> };

export type GatewayIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const accountRoom = (accountId: string): string => `account:${accountId}`;
export const instrumentRoom = (instrumentId: string): string => `instrument:${instrumentId}`;
