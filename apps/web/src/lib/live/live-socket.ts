import type { HaltServerEvents, LiveClientEvents, LiveServerEvents, PriceAlertServerEvents, SignalServerEvents } from '@strikedesk/domain';
import type { Socket } from 'socket.io-client';

export type { SubscribeAck } from '@strikedesk/domain';

/** The gateway's socket.io contract (docs/contracts.md, "Gateway socket.io"). */
export type LiveSocket = Socket<LiveServerEvents & HaltServerEvents & SignalServerEvents & PriceAlertServerEvents, LiveClientEvents>;

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';
