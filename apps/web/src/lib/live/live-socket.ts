import type { Order, Tick } from '@strikedesk/domain';
import type { Socket } from 'socket.io-client';

export type SubscribeAck = { ok: true; count: number } | { ok: false; code: string; message: string };

export type ServerToClientEvents = {
  ticks: (ticks: Tick[]) => void;
  order: (order: Order) => void;
  positions: (change: { accountId: string }) => void;
};

export type ClientToServerEvents = {
  subscribe: (instrumentIds: string[], ack: (result: SubscribeAck) => void) => void;
  unsubscribe: (instrumentIds: string[]) => void;
};

/** The gateway's socket.io contract (docs/contracts.md, "Gateway socket.io"). */
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';
