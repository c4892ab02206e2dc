import { z } from 'zod';
import {
  ProductSchema,
  TradeIdSchema,
  type AccountId,
  type ClientOrderId,
  type InstrumentId,
  type OrderType,
  type Paise,
  type Product,
  type Side,
  type TradeId,
} from '@strikedesk/domain';
import type { BrokerOrderSnapshot, BrokerOrderStatus, BrokerTrade } from '../../broker.ts';
import { clientOrderIdOfKiteTag } from './kite-tag.ts';
import { parseIstTimestamp, rupeesToPaise, toInstrumentId } from './kite-units.ts';

/**
 * Kite's order and trade payloads (GET /orders, /orders/{id}, /trades, /orders/{id}/trades) and
 * their translation into our terms. Fields the history snapshots omit are optional; anything we do
 * not read is ignored here and kept whole in `raw`. Books are read row by row (kite-book-rows.ts):
 * a row that still does not fit is set aside, not the whole book.
 */
const nullableString = z.string().nullable().optional();

/** A number Kite writes as a JSON number, or — in some rows and API versions — as numeric text. */
const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;
const kiteNumber = z.union([z.number(), z.string().trim().regex(NUMERIC_TEXT).transform(Number)]);
/** An amount or quantity that is 0 when absent or null (Kite sends `average_price: null` before any fill, for example). */
const zeroWhenMissing = kiteNumber.nullish().transform((value) => value ?? 0);
const count = zeroWhenMissing.pipe(z.number().int().nonnegative());

export const KiteOrderSchema = z.object({
  order_id: z.union([z.string(), z.number()]).transform(String),
  exchange_order_id: nullableString,
  parent_order_id: nullableString,
  status: z.string(),
  status_message: nullableString,
  status_message_raw: nullableString,
  order_timestamp: nullableString,
  exchange_timestamp: nullableString,
  exchange_update_timestamp: nullableString,
  variety: z.string(),
  exchange: z.string(),
  tradingsymbol: z.string(),
  instrument_token: kiteNumber.pipe(z.number().int()),
  order_type: z.string(),
  transaction_type: z.enum(['BUY', 'SELL']),
  validity: z.string().nullable().optional(),
  product: z.string(),
  quantity: kiteNumber.pipe(z.number().int().nonnegative()),
  price: zeroWhenMissing,
  trigger_price: zeroWhenMissing,
  average_price: zeroWhenMissing,
  filled_quantity: count,
  pending_quantity: count,
  cancelled_quantity: count,
  tag: nullableString,
  tags: z.array(z.string()).nullable().optional(),
});
export type KiteOrderPayload = z.infer<typeof KiteOrderSchema>;

export const KiteTradeSchema = z.object({
  trade_id: z.union([z.string(), z.number()]).transform(String).pipe(TradeIdSchema),
  order_id: z.union([z.string(), z.number()]).transform(String),
  exchange_order_id: nullableString,
  exchange: z.string(),
  tradingsymbol: z.string(),
  instrument_token: kiteNumber.pipe(z.number().int()),
  product: z.string(),
  // A trade always has its price: no default, a row without one is unreadable.
  average_price: kiteNumber,
  quantity: kiteNumber.pipe(z.number().int().positive()),
  transaction_type: z.enum(['BUY', 'SELL']),
  fill_timestamp: nullableString,
  exchange_timestamp: nullableString,
});
export type KiteTradePayload = z.infer<typeof KiteTradeSchema>;

/** One order as Kite reports it, in our terms. Null fields: the order is outside what we trade. */
export type KiteOrderView = {
  brokerOrderId: string;
  exchangeOrderId: string | null;
  /** Our client order id, carried in Kite's `tag`; null when untagged (placed elsewhere) or not one of ours. */
  clientOrderId: ClientOrderId | null;
  /** Null outside our instrument universe (MCX, CDS, ...); `symbol` still names it. */
  instrumentId: InstrumentId | null;
  symbol: string;
  instrumentToken: number;
  variety: string;
  side: Side;
  type: OrderType | null;
  /** Null for products we do not trade (CNC, MTF, CO, ...). */
  product: Product | null;
  validity: string | null;
  quantity: number;
  filledQuantity: number;
  pendingQuantity: number;
  cancelledQuantity: number;
  price: Paise | null;
  triggerPrice: Paise | null;
  /** Kite's average fill price, rounded to the paisa; null before any fill. */
  averagePrice: Paise | null;
  status: BrokerOrderStatus;
  /** Kite's own status text ("OPEN PENDING", "MODIFY VALIDATION PENDING", ...), for display and debugging. */
  venueStatus: string;
  triggered: boolean;
  reasonCode: string | null;
  reasonMessage: string | null;
  placedAt: number | null;
  updatedAt: number | null;
  raw: unknown;
};

export type KiteTradeView = {
  tradeId: TradeId;
  brokerOrderId: string;
  exchangeOrderId: string | null;
  instrumentId: InstrumentId | null;
  symbol: string;
  side: Side;
  product: Product | null;
  quantity: number;
  price: Paise;
  executedAt: number | null;
  raw: unknown;
};

const ORDER_TYPE_BY_KITE: Record<string, OrderType> = { MARKET: 'MARKET', LIMIT: 'LIMIT', SL: 'SL', 'SL-M': 'SL_M' };
export const KITE_ORDER_TYPE: Record<OrderType, string> = { MARKET: 'MARKET', LIMIT: 'LIMIT', SL: 'SL', SL_M: 'SL-M' };

/**
 * Kite's statuses onto ours. The transient ones (request received, validation, modify/cancel in
 * progress, an AMO waiting for the open) are all a working order. A status not in Kite's documented
 * list is read as still working too: never terminal on a guess — reconciliation settles it later.
 */
export function brokerStatusOf(kiteStatus: string): BrokerOrderStatus {
  switch (kiteStatus) {
    case 'COMPLETE':
      return 'FILLED';
    case 'CANCELLED':
    // An after-market order cancelled before the open: as final as any cancel (read as working, it never settled).
    case 'CANCELLED AMO':
      return 'CANCELED';
    case 'REJECTED':
      return 'REJECTED';
    case 'TRIGGER PENDING':
      return 'TRIGGER_PENDING';
    default:
      return 'OPEN';
  }
}

const priceOrNull = (rupees: number): Paise | null => (rupees > 0 ? rupeesToPaise(rupees) : null);
const productOf = (product: string): Product | null => {
  const parsed = ProductSchema.safeParse(product);
  return parsed.success ? parsed.data : null;
};

export function toOrderView(order: KiteOrderPayload, raw: unknown = order): KiteOrderView {
  const status = brokerStatusOf(order.status);
  const type = ORDER_TYPE_BY_KITE[order.order_type] ?? null;
  const isStop = type === 'SL' || type === 'SL_M';
  return {
    brokerOrderId: order.order_id,
    exchangeOrderId: order.exchange_order_id ?? null,
    clientOrderId: clientOrderIdOfKiteTag(order.tag),
    instrumentId: toInstrumentId(order.exchange, order.tradingsymbol),
    symbol: `${order.exchange}:${order.tradingsymbol}`,
    instrumentToken: order.instrument_token,
    variety: order.variety,
    side: order.transaction_type,
    type,
    product: productOf(order.product),
    validity: order.validity ?? null,
    quantity: order.quantity,
    filledQuantity: order.filled_quantity,
    pendingQuantity: order.pending_quantity,
    cancelledQuantity: order.cancelled_quantity,
    price: type === 'MARKET' || type === 'SL_M' ? null : priceOrNull(order.price),
    triggerPrice: isStop ? priceOrNull(order.trigger_price) : null,
    averagePrice: order.filled_quantity > 0 ? priceOrNull(order.average_price) : null,
    status,
    venueStatus: order.status,
    // A stop left TRIGGER PENDING once its trigger was hit; from a snapshot we can tell only while
    // it works (OPEN) or once it traded. A stop cancelled after triggering reads as untriggered.
    triggered: isStop && (order.filled_quantity > 0 || order.status === 'OPEN' || order.status === 'COMPLETE'),
    reasonCode: status === 'REJECTED' ? 'BROKER_ORDER_REJECTED' : null,
    reasonMessage: order.status_message ?? null,
    placedAt: parseIstTimestamp(order.order_timestamp),
    updatedAt: parseIstTimestamp(order.exchange_update_timestamp ?? order.exchange_timestamp ?? order.order_timestamp),
    raw,
  };
}

export function toTradeView(trade: KiteTradePayload, raw: unknown = trade): KiteTradeView {
  return {
    tradeId: trade.trade_id,
    brokerOrderId: trade.order_id,
    exchangeOrderId: trade.exchange_order_id ?? null,
    instrumentId: toInstrumentId(trade.exchange, trade.tradingsymbol),
    symbol: `${trade.exchange}:${trade.tradingsymbol}`,
    side: trade.transaction_type,
    product: productOf(trade.product),
    quantity: trade.quantity,
    price: rupeesToPaise(trade.average_price),
    executedAt: parseIstTimestamp(trade.fill_timestamp) ?? parseIstTimestamp(trade.exchange_timestamp),
    raw,
  };
}

/** The order as the Broker interface sees it; null when it is not one of ours (see KiteOrderView). */
export function toBrokerOrderSnapshot(view: KiteOrderView, accountId: AccountId): BrokerOrderSnapshot | null {
  if (view.clientOrderId === null || view.instrumentId === null || view.product === null || view.type === null) return null;
  return {
    accountId,
    clientOrderId: view.clientOrderId,
    instrumentId: view.instrumentId,
    side: view.side,
    type: view.type,
    product: view.product,
    quantity: view.quantity,
    price: view.price,
    triggerPrice: view.triggerPrice,
    brokerOrderId: view.brokerOrderId,
    status: view.status,
    filledQuantity: view.filledQuantity,
    triggered: view.triggered,
    reasonCode: view.reasonCode,
    reasonMessage: view.reasonMessage,
  };
}

/** A trade of one of our orders (Kite's trades carry no tag: the order supplies the client order id). */
export function toBrokerTrade(trade: KiteTradeView, order: BrokerOrderSnapshot | undefined, accountId: AccountId): BrokerTrade | null {
  if (!order || trade.instrumentId === null || trade.product === null || trade.executedAt === null) return null;
  return {
    accountId,
    clientOrderId: order.clientOrderId,
    brokerOrderId: trade.brokerOrderId,
    tradeId: trade.tradeId,
    instrumentId: trade.instrumentId,
    side: trade.side,
    product: trade.product,
    quantity: trade.quantity,
    price: trade.price,
    executedAt: trade.executedAt,
  };
}

/**
 * A schema that also hands back the payload as it came, for `raw` on our views (the parsed copy
 * drops every field we do not read). A mismatch fails the whole response (BROKER_BAD_RESPONSE):
 * for responses read as one piece (positions), not for the order and trade books.
 */
export function withRaw<P>(schema: z.ZodType<P>) {
  return z.unknown().transform((raw, context): { payload: P; raw: unknown } => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { payload: parsed.data, raw };
    for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });
}
