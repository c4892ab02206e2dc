import type { AccountId, ClientOrderId, InstrumentId, OrderId, OrderType, Paise, Side, TradeId } from '@strikedesk/domain';

/**
 * The one interface every broker adapter implements (paper today; kite and xts later). Requests
 * return nothing: outcomes arrive as BrokerEvents through `onEvent`, asynchronously, exactly as a
 * real venue answers over its order-update stream. Venue field names never cross this line.
 */
export type BrokerOrderRequest = {
  orderId: OrderId;
  accountId: AccountId;
  clientOrderId: ClientOrderId;
  instrumentId: InstrumentId;
  side: Side;
  type: OrderType;
  quantity: number;
  price: Paise | null;
  triggerPrice: Paise | null;
};

export type BrokerModifyRequest = {
  orderId: OrderId;
  accountId: AccountId;
  brokerOrderId: string;
  type: OrderType;
  quantity: number;
  price: Paise | null;
  triggerPrice: Paise | null;
};

export type BrokerCancelRequest = { orderId: OrderId; accountId: AccountId; brokerOrderId: string };

/** An order the broker already accepted, handed back after an engine restart. */
export type BrokerWorkingOrder = BrokerOrderRequest & { brokerOrderId: string; filledQuantity: number; triggered: boolean };

type Ref = { orderId: OrderId; accountId: AccountId };
export type BrokerEvent =
  | (Ref & { kind: 'accepted'; brokerOrderId: string })
  | (Ref & { kind: 'rejected'; reasonCode: string; reasonMessage: string })
  | (Ref & { kind: 'triggered'; brokerOrderId: string })
  | (Ref & { kind: 'filled'; brokerOrderId: string; tradeId: TradeId; quantity: number; price: Paise })
  | (Ref & { kind: 'modified'; brokerOrderId: string; type: OrderType; quantity: number; price: Paise | null; triggerPrice: Paise | null })
  | (Ref & { kind: 'modifyRejected'; reasonCode: string; reasonMessage: string })
  | (Ref & { kind: 'canceled'; brokerOrderId: string });
export type BrokerEventKind = BrokerEvent['kind'];

export type BrokerCapabilities = {
  modifyOrder: boolean;
  cancelOrder: boolean;
  stopOrders: boolean;
};

export interface Broker {
  readonly name: 'paper';
  readonly capabilities: BrokerCapabilities;
  onEvent(listener: (event: BrokerEvent) => void): () => void;
  placeOrder(request: BrokerOrderRequest): void;
  modifyOrder(request: BrokerModifyRequest): void;
  cancelOrder(request: BrokerCancelRequest): void;
  /**
   * After a restart: the orders the journal says are working, and every broker id it has seen
   * (so an in-process venue never reuses a trade id the engine would deduplicate away).
   */
  resume(state: { workingOrders: readonly BrokerWorkingOrder[]; knownBrokerOrderIds: readonly string[]; knownTradeIds: readonly string[] }): void;
  close(): void;
}
