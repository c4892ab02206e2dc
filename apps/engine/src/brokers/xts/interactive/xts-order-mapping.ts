import { ClientOrderIdSchema, TradeIdSchema, type ClientOrderId, type InstrumentId, type OrderType, type Paise, type Product, type Side, type TradeId } from '@strikedesk/domain';
import type { BrokerOrderStatus } from '../../broker.ts';
import type { XtsInstrumentDirectory } from '../xts-instrument-directory.ts';
import { xtsEnum, xtsInstrumentId, xtsIstDateTime, xtsNumber, xtsPaise, xtsSegment } from '../xts-units.ts';
import type { XtsOrderRow, XtsPositionRow, XtsTradeRow } from './xts-order-schemas.ts';

/** One XTS order in our terms (XTS names stop here), with the row kept for debugging. */
export type XtsOrderView = {
  brokerOrderId: string;
  /** Our client order id (orderUniqueIdentifier); null for orders placed outside the terminal. */
  clientOrderId: ClientOrderId | null;
  instrumentId: InstrumentId | null;
  side: Side;
  type: OrderType;
  /** Null for products the terminal does not trade (CNC, MTF, CO, BO, ...): such an order is not ours. */
  product: Product | null;
  quantity: number;
  price: Paise | null;
  triggerPrice: Paise | null;
  status: BrokerOrderStatus;
  filledQuantity: number;
  reasonMessage: string | null;
  raw: XtsOrderRow;
};

export type XtsTradeView = {
  tradeId: TradeId;
  brokerOrderId: string;
  clientOrderId: ClientOrderId | null;
  instrumentId: InstrumentId | null;
  side: Side;
  product: Product | null;
  quantity: number;
  price: Paise;
  executedAt: number | null;
  raw: XtsTradeRow;
};

const TYPE_BY_XTS: Record<string, OrderType> = { MARKET: 'MARKET', LIMIT: 'LIMIT', STOPLIMIT: 'SL', STOPMARKET: 'SL_M' };
export const XTS_ORDER_TYPE: Record<OrderType, string> = { MARKET: 'MARKET', LIMIT: 'LIMIT', SL: 'STOPLIMIT', SL_M: 'STOPMARKET' };

/**
 * XTS statuses (any case): PendingNew, New, Open, PartiallyFilled, PendingReplace, Replaced,
 * PendingCancel are working; Filled, Cancelled, Rejected, Expired are final. XTS shows no separate
 * "trigger pending" state for a stop — the exchange holds it until it triggers — so a working stop
 * with nothing filled is reported TRIGGER_PENDING, and one with fills has triggered.
 */
function statusOf(row: XtsOrderRow, type: OrderType, filled: number): BrokerOrderStatus {
  const status = xtsEnum(row.OrderStatus);
  if (status === 'FILLED') return 'FILLED';
  if (status === 'CANCELLED' || status === 'CANCELED') return 'CANCELED';
  if (status === 'REJECTED') return 'REJECTED';
  if (status === 'EXPIRED') return 'EXPIRED';
  return (type === 'SL' || type === 'SL_M') && filled === 0 ? 'TRIGGER_PENDING' : 'OPEN';
}

const sideOf = (value: string): Side => (xtsEnum(value) === 'SELL' ? 'SELL' : 'BUY');
/**
 * MIS and NRML only. The login may also hold delivery equity (CNC) and the like: read as NRML, a
 * CNC holding became a position the journal never had, and reconciliation blocked the account.
 */
const productOf = (value: string): Product | null => {
  const product = xtsEnum(value);
  return product === 'MIS' || product === 'NRML' ? product : null;
};
const count = (value: unknown): number => Math.max(0, Math.trunc(xtsNumber(value) ?? 0));
const positive = (value: unknown): Paise | null => {
  const amount = xtsPaise(value);
  return amount !== null && amount > 0 ? amount : null;
};

export function instrumentOf(row: { ExchangeSegment: string | number; TradingSymbol?: string | null | undefined }, exchangeInstrumentId: unknown, directory: XtsInstrumentDirectory): InstrumentId | null {
  const segment = xtsSegment(row.ExchangeSegment);
  if (!segment) return null;
  const id = xtsNumber(exchangeInstrumentId);
  const known = id === null ? null : directory.toOurs(segment, id);
  return known ?? (row.TradingSymbol ? xtsInstrumentId(segment, row.TradingSymbol) : null);
}

const clientOrderIdOf = (value: string | null | undefined): ClientOrderId | null => {
  const parsed = ClientOrderIdSchema.safeParse(value ?? '');
  return parsed.success ? parsed.data : null;
};

export function toOrderView(row: XtsOrderRow, directory: XtsInstrumentDirectory): XtsOrderView {
  const type = TYPE_BY_XTS[xtsEnum(row.OrderType)] ?? 'LIMIT';
  const filledQuantity = count(row.CumulativeQuantity);
  const status = statusOf(row, type, filledQuantity);
  return {
    brokerOrderId: String(row.AppOrderID),
    clientOrderId: clientOrderIdOf(row.OrderUniqueIdentifier),
    instrumentId: instrumentOf(row, row.ExchangeInstrumentID, directory),
    side: sideOf(row.OrderSide),
    type,
    product: productOf(row.ProductType),
    quantity: count(row.OrderQuantity),
    price: type === 'LIMIT' || type === 'SL' ? positive(row.OrderPrice) : null,
    triggerPrice: type === 'SL' || type === 'SL_M' ? positive(row.OrderStopPrice) : null,
    status,
    filledQuantity,
    reasonMessage: status === 'REJECTED' || status === 'CANCELED' ? row.CancelRejectReason || null : null,
    raw: row,
  };
}

export function toTradeView(row: XtsTradeRow, directory: XtsInstrumentDirectory): XtsTradeView | null {
  const tradeId = TradeIdSchema.safeParse(String(row.ExecutionID));
  const price = xtsPaise(row.LastTradedPrice);
  const quantity = count(row.LastTradedQuantity);
  if (!tradeId.success || price === null || quantity === 0) return null;
  return {
    tradeId: tradeId.data,
    brokerOrderId: String(row.AppOrderID),
    clientOrderId: clientOrderIdOf(row.OrderUniqueIdentifier),
    instrumentId: instrumentOf(row, row.ExchangeInstrumentID, directory),
    side: sideOf(row.OrderSide),
    product: productOf(row.ProductType),
    quantity,
    price,
    executedAt: xtsIstDateTime(row.LastExecutionTransactTime),
    raw: row,
  };
}

export function toPositionView(row: XtsPositionRow, directory: XtsInstrumentDirectory): { instrumentId: InstrumentId; product: Product; netQuantity: number } | null {
  const instrumentId = instrumentOf(row, row.ExchangeInstrumentId, directory);
  const product = productOf(row.ProductType);
  if (!instrumentId || !product) return null;
  return { instrumentId, product, netQuantity: Math.trunc(xtsNumber(row.Quantity) ?? 0) };
}
