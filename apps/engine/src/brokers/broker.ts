import type { AccountId, ClientOrderId, InstrumentId, OrderType, Paise, Product, Side, Tick, TradeId } from '@strikedesk/domain';
import type { AdoptableOrder } from './accounts/adoptable-orders.ts';

/**
 * The one interface every broker adapter implements (paper in-process, the paper venue over the
 * network; Kite and XTS later). Requests return nothing: outcomes arrive as BrokerEvents through
 * `onEvent`, asynchronously, exactly as a real venue answers over its order-update stream. Orders
 * are named by our client order id (Kite `tag`, XTS `orderUniqueIdentifier`) — the one id both
 * sides know from the first request on. Venue field names never cross this line.
 *
 * Outcome policy (docs/adr/0013-broker-outcomes-and-reconciliation.md): an adapter emits
 * `rejected` only on the venue's definitive word. A timeout, a 5xx or a dropped connection emits
 * nothing: the order stays in flight until reconciliation settles it from `books()`.
 */
export type BrokerOrderRequest = {
  accountId: AccountId;
  clientOrderId: ClientOrderId;
  instrumentId: InstrumentId;
  side: Side;
  type: OrderType;
  product: Product;
  quantity: number;
  price: Paise | null;
  triggerPrice: Paise | null;
};

export type BrokerModifyRequest = {
  accountId: AccountId;
  clientOrderId: ClientOrderId;
  brokerOrderId: string;
  /** The order's product, unchanged (XTS restates it on every modify; an adapter started after the order was placed would not know it). */
  product: Product;
  type: OrderType;
  quantity: number;
  price: Paise | null;
  triggerPrice: Paise | null;
};

export type BrokerCancelRequest = { accountId: AccountId; clientOrderId: ClientOrderId; brokerOrderId: string };

type Ref = { accountId: AccountId; clientOrderId: ClientOrderId };
export type BrokerEvent =
  | (Ref & { kind: 'accepted'; brokerOrderId: string })
  | (Ref & { kind: 'rejected'; reasonCode: string; reasonMessage: string })
  | (Ref & { kind: 'triggered'; brokerOrderId: string })
  | (Ref & { kind: 'filled'; brokerOrderId: string; tradeId: TradeId; quantity: number; price: Paise; executedAt: number })
  | (Ref & { kind: 'modified'; brokerOrderId: string; type: OrderType; quantity: number; price: Paise | null; triggerPrice: Paise | null })
  | (Ref & { kind: 'modifyRejected'; reasonCode: string; reasonMessage: string })
  | (Ref & { kind: 'cancelRejected'; reasonCode: string; reasonMessage: string })
  | (Ref & { kind: 'canceled'; brokerOrderId: string })
  | (Ref & { kind: 'expired'; brokerOrderId: string });
export type BrokerEventKind = BrokerEvent['kind'];

/**
 * Error codes that mean the broker received a cancel and said no (the order works on). Anything
 * else — our own rate limiter turning the request away, an expired session, no answer — says
 * nothing about the order: it stays PENDING_CANCEL and reconciliation sends the cancel again.
 */
export const CANCEL_REFUSAL_CODES: ReadonlySet<string> = new Set(['BROKER_ORDER_REJECTED', 'BROKER_INPUT_REJECTED']);

export const BROKER_ORDER_STATUSES = ['OPEN', 'TRIGGER_PENDING', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED'] as const;
export type BrokerOrderStatus = (typeof BROKER_ORDER_STATUSES)[number];

/** One order in the broker's order book, in our terms. */
export type BrokerOrderSnapshot = BrokerOrderRequest & {
  brokerOrderId: string;
  status: BrokerOrderStatus;
  filledQuantity: number;
  triggered: boolean;
  reasonCode: string | null;
  reasonMessage: string | null;
};

/** One execution in the broker's trade book. */
export type BrokerTrade = {
  accountId: AccountId;
  clientOrderId: ClientOrderId;
  brokerOrderId: string;
  tradeId: TradeId;
  instrumentId: InstrumentId;
  side: Side;
  product: Product;
  quantity: number;
  price: Paise;
  executedAt: number;
};

export type BrokerPosition = { accountId: AccountId; instrumentId: InstrumentId; product: Product; netQuantity: number };

/** The broker's view of the day, for reconciliation: orders, trades and net positions. */
export type BrokerBooks = { orders: BrokerOrderSnapshot[]; trades: BrokerTrade[]; positions: BrokerPosition[] };

/**
 * How an adapter provides a feature: NATIVE (the venue does it), EMULATED (the adapter or engine
 * does it on the venue's behalf, e.g. a stop held by the engine), UNSUPPORTED (refused with
 * BROKER_NOT_SUPPORTED before anything is sent).
 */
export const CAPABILITY_SUPPORT = ['NATIVE', 'EMULATED', 'UNSUPPORTED'] as const;
export type CapabilitySupport = (typeof CAPABILITY_SUPPORT)[number];

export const BROKER_FEATURES = ['modifyOrder', 'cancelOrder', 'stopLossLimit', 'stopLossMarket', 'afterMarketOrders', 'basketMargins', 'orderUpdateStream'] as const;
export type BrokerFeature = (typeof BROKER_FEATURES)[number];
export type BrokerCapabilities = Readonly<Record<BrokerFeature, CapabilitySupport>>;

/** The feature an order of this type needs from its venue (MARKET and LIMIT: every venue has them). */
export const featureOfOrderType = (type: OrderType): BrokerFeature | null => (type === 'SL' ? 'stopLossLimit' : type === 'SL_M' ? 'stopLossMarket' : null);

/** What an in-process venue needs after an engine restart to carry on where the journal stops. */
export type BrokerResumeState = {
  workingOrders: readonly (BrokerOrderRequest & {
    brokerOrderId: string;
    filledQuantity: number;
    triggered: boolean;
    /**
     * The session it worked in closed while the engine was down (no venue saw the close): a DAY
     * order the exchange expired then. The venue records it as expired and says so, never works it.
     */
    sessionEnded?: boolean;
  })[];
  /** Net positions as the journal has them (the venue's trade history itself is not rebuilt). */
  positions: readonly BrokerPosition[];
  knownBrokerOrderIds: readonly string[];
  knownTradeIds: readonly string[];
};

export interface Broker {
  readonly name: 'paper' | 'paper-venue' | 'kite' | 'xts';
  readonly capabilities: BrokerCapabilities;
  onEvent(listener: (event: BrokerEvent) => void): () => void;
  /** Called with true after (re)connecting to the venue, false on losing it: reconcile on true. */
  onConnectionChange?(listener: (connected: boolean) => void): () => void;
  /** Resolves once the venue's update stream is connected (or after `timeoutMs`: reconciliation covers the rest). */
  ready?(timeoutMs: number): Promise<void>;
  placeOrder(request: BrokerOrderRequest): void;
  modifyOrder(request: BrokerModifyRequest): void;
  /**
   * The adapter is still waiting on a placement or modify it sent for this order (in-flight-requests.ts):
   * reconciliation leaves the order in flight meanwhile. Absent: requests settle at once (in-process venues).
   */
  sending?(accountId: AccountId, clientOrderId: string): boolean;
  /**
   * The account's orders the engine still sees working at this venue, handed to an adapter taking
   * over the account (after a restart or a reconnect): one that reads back only the orders it
   * placed itself follows these too (adopts them), so their fills and cancels arrive live, not at the next
   * reconciliation. Updates it repeats are no news to the OMS (trade ids, statuses).
   */
  adopt?(orders: readonly AdoptableOrder[]): void;
  cancelOrder(request: BrokerCancelRequest): void;
  /** The venue's books now. Rejects when the venue cannot be reached (reconciliation retries). */
  books(): Promise<BrokerBooks>;
  /**
   * After a restart. An in-process venue (which lost everything with the process) rebuilds its
   * books from the journal's view; a venue that outlives the engine ignores it.
   */
  resume(state: BrokerResumeState): void;
  /** An in-process venue matches against the engine's own market on every step. */
  onTicks?(ticks: readonly Tick[]): void;
  /** The exchange session ended: a venue that expires DAY orders at the close does it now. */
  onSessionEnd?(): void;
  close(): void;
}
