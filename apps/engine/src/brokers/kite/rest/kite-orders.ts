import { z } from 'zod';
import type { OrderType, Paise } from '@strikedesk/domain';
import type { BrokerOrderRequest } from '../../broker.ts';
import type { KiteHttp } from './kite-http.ts';
import { KiteBookSchema, readKiteBook, type KiteBookRead } from './kite-book-rows.ts';
import { kiteBadResponse } from './kite-errors.ts';
import { KITE_ORDER_TYPE, KiteOrderSchema, KiteTradeSchema, toOrderView, toTradeView, type KiteOrderView, type KiteTradeView } from './kite-order-mapping.ts';
import { clientOrderIdOfKiteTag, kiteTagOf } from './kite-tag.ts';
import { invalidRequest, paiseToRupeesText, splitInstrumentId } from './kite-units.ts';

/**
 * Place / modify / cancel and the order and trade books. Only the varieties we trade (regular, and
 * amo outside market hours). Our client order id travels in `tag` (encoded to Kite's alphanumeric
 * rule, kite-tag.ts) — Kite has no idempotency key, so the tag is how an order whose
 * acknowledgement was lost is found again (place-order-idempotent.ts).
 */
export const KITE_VARIETIES = ['regular', 'amo'] as const;
export type KiteVariety = (typeof KITE_VARIETIES)[number];
export type KiteValidity = 'DAY' | 'IOC';

/**
 * market_protection for MARKET and SL-M orders: −1 lets Kite pick the band. Since 2026-04 Kite
 * refuses market orders without protection (SEBI's retail-algo rules), so 0 is never the default.
 */
export const DEFAULT_MARKET_PROTECTION = -1;

/** A BrokerOrderRequest fits as it is (its accountId is simply not sent). */
export type KitePlaceRequest = Omit<BrokerOrderRequest, 'accountId'> & {
  variety?: KiteVariety;
  validity?: KiteValidity;
  /** Percent band for MARKET / SL-M (0–100), or −1 for Kite's automatic band. */
  marketProtection?: number;
};

export type KiteModifyRequest = {
  brokerOrderId: string;
  variety?: KiteVariety;
  type?: OrderType;
  quantity?: number;
  price?: Paise | null;
  triggerPrice?: Paise | null;
  validity?: KiteValidity;
};

export type KiteCancelRequest = { brokerOrderId: string; variety?: KiteVariety };

const OrderIdResponseSchema = z.object({ order_id: z.union([z.string(), z.number()]).transform(String) });

const needsPrice = (type: OrderType): boolean => type === 'LIMIT' || type === 'SL';
const needsTrigger = (type: OrderType): boolean => type === 'SL' || type === 'SL_M';
const rupees = (amount: Paise | null | undefined): string | undefined => (amount == null ? undefined : paiseToRupeesText(amount));

/** The form Kite's POST /orders/{variety} takes. */
export function placeOrderForm(request: KitePlaceRequest): Record<string, string | number | undefined> {
  const tag = kiteTagOf(request.clientOrderId);
  if (tag === null) throw invalidRequest(`Client order id ${request.clientOrderId} does not fit Kite's order tag (letters and digits, at most 20 characters): use at most 18 characters, or letters and digits only.`);
  if (needsPrice(request.type) && request.price === null) throw invalidRequest(`${request.type} orders need a price.`);
  if (needsTrigger(request.type) && request.triggerPrice === null) throw invalidRequest(`${request.type} orders need a trigger price.`);
  const { exchange, tradingSymbol } = splitInstrumentId(request.instrumentId);
  const marketLike = request.type === 'MARKET' || request.type === 'SL_M';
  return {
    exchange,
    tradingsymbol: tradingSymbol,
    transaction_type: request.side,
    order_type: KITE_ORDER_TYPE[request.type],
    quantity: request.quantity,
    product: request.product,
    validity: request.validity ?? 'DAY',
    price: needsPrice(request.type) ? rupees(request.price) : undefined,
    trigger_price: needsTrigger(request.type) ? rupees(request.triggerPrice) : undefined,
    market_protection: marketLike ? (request.marketProtection ?? DEFAULT_MARKET_PROTECTION) : undefined,
    tag,
  };
}

/**
 * Places one order. A success only means Kite's OMS registered it; the outcome (open, filled,
 * rejected by the RMS) comes later. Never retried here — see place-order-idempotent.ts.
 */
export async function placeOrder(http: KiteHttp, request: KitePlaceRequest): Promise<{ brokerOrderId: string }> {
  const variety = request.variety ?? 'regular';
  const data = await http.data({ method: 'POST', path: `/orders/${variety}`, form: placeOrderForm(request) }, OrderIdResponseSchema);
  return { brokerOrderId: data.order_id };
}

/** Modifies a working order (Kite allows 25 modifications per order). Only the fields given are sent. */
export async function modifyOrder(http: KiteHttp, request: KiteModifyRequest): Promise<{ brokerOrderId: string }> {
  const type = request.type;
  const form = {
    order_type: type ? KITE_ORDER_TYPE[type] : undefined,
    quantity: request.quantity,
    // A MARKET / SL-M order has no limit price, and only stops have a trigger: never send a stale one.
    price: type && !needsPrice(type) ? undefined : rupees(request.price),
    trigger_price: type && !needsTrigger(type) ? undefined : rupees(request.triggerPrice),
    validity: request.validity,
  };
  const path = `/orders/${request.variety ?? 'regular'}/${encodeURIComponent(request.brokerOrderId)}`;
  const data = await http.data({ method: 'PUT', path, form }, OrderIdResponseSchema);
  return { brokerOrderId: data.order_id };
}

export async function cancelOrder(http: KiteHttp, request: KiteCancelRequest): Promise<{ brokerOrderId: string }> {
  const path = `/orders/${request.variety ?? 'regular'}/${encodeURIComponent(request.brokerOrderId)}`;
  const data = await http.data({ method: 'DELETE', path }, OrderIdResponseSchema);
  return { brokerOrderId: data.order_id };
}

/** The day's order book, latest state of each order; rows that do not read are set aside (kite-book-rows.ts). */
export async function fetchOrderBook(http: KiteHttp): Promise<KiteBookRead<KiteOrderView>> {
  return readKiteBook(await http.data({ method: 'GET', path: '/orders' }, KiteBookSchema), KiteOrderSchema, toOrderView);
}

/**
 * Every order in today's book tagged with this client order id (more than one would mean a
 * duplicate placement). A row with the tag that does not read fails the look-up (outcome unknown):
 * "not in the book" would let the order be resent or reported never received while Kite may be working it.
 */
export async function fetchOrdersByTag(http: KiteHttp, clientOrderId: string): Promise<KiteOrderView[]> {
  const book = await fetchOrderBook(http);
  const unreadable = book.unreadable.filter((row) => clientOrderIdOfKiteTag(row.tag) === clientOrderId);
  if (unreadable.length > 0) {
    const problem = `the order book holds an order tagged ${kiteTagOf(clientOrderId) ?? clientOrderId} (${clientOrderId}) that could not be read: ${unreadable.map((row) => row.problem).join(' | ')}`;
    throw kiteBadResponse(unreadable.map((row) => row.raw), problem, { method: 'GET', path: '/orders', httpStatus: 200 });
  }
  return book.rows.filter((view) => view.clientOrderId === clientOrderId);
}

/** One order's status snapshots, oldest first (PUT ORDER REQ RECEIVED → ... → OPEN → COMPLETE). */
export async function fetchOrderHistory(http: KiteHttp, brokerOrderId: string): Promise<KiteBookRead<KiteOrderView>> {
  return readKiteBook(await http.data({ method: 'GET', path: `/orders/${encodeURIComponent(brokerOrderId)}` }, KiteBookSchema), KiteOrderSchema, toOrderView);
}

export async function fetchTradeBook(http: KiteHttp): Promise<KiteBookRead<KiteTradeView>> {
  return readKiteBook(await http.data({ method: 'GET', path: '/trades' }, KiteBookSchema), KiteTradeSchema, toTradeView);
}

export async function fetchOrderTrades(http: KiteHttp, brokerOrderId: string): Promise<KiteBookRead<KiteTradeView>> {
  return readKiteBook(await http.data({ method: 'GET', path: `/orders/${encodeURIComponent(brokerOrderId)}/trades` }, KiteBookSchema), KiteTradeSchema, toTradeView);
}
