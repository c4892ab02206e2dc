import type { ErrorCode } from './errors.ts';
import type { AccountId } from './ids.ts';
import type { Tick } from './market.ts';
import type { ChainQuery, OptionChain } from './option-chain.ts';
import type { Order } from './order.ts';
import type { AccountGreeks } from './portfolio-greeks.ts';

/** The gateway's socket.io contract with browsers (docs/contracts.md, "Gateway socket.io"). */
export type SubscribeAck = { ok: true; count: number } | { ok: false; code: ErrorCode; message: string };

/** Pushes from the gateway. */
export type LiveServerEvents = {
  ticks: (ticks: Tick[]) => void;
  order: (order: Order) => void;
  positions: (change: { accountId: AccountId }) => void;
  chain: (chain: OptionChain) => void;
  greeks: (greeks: AccountGreeks) => void;
};

/** What a browser may send; the gateway validates every payload (it may be anything). */
export type LiveClientEvents = {
  subscribe: (instrumentIds: string[], ack: (result: SubscribeAck) => void) => void;
  unsubscribe: (instrumentIds: string[]) => void;
  'chain:subscribe': (query: ChainQuery, ack: (result: { ok: true } | { ok: false; code: ErrorCode; message: string }) => void) => void;
  'chain:unsubscribe': () => void;
};

/** Most instruments one socket may follow at once. */
export const MAX_LIVE_SUBSCRIPTIONS = 500;
