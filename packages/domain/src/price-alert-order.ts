import { z } from 'zod';
import { ClientOrderIdSchema, OrderIdSchema, type ClientOrderId, type InstrumentId } from './ids.ts';
import type { Instrument } from './instrument.ts';
import { PaiseSchema, rupeesLabel } from './money.ts';
import { OrderStatusSchema, ProductSchema, SideSchema, validateOrderSpec, type OrderSpec } from './order.ts';

/**
 * A GTT ("good till triggered", Kite's name for it): a price alert that also places an order when it
 * fires (ADR 0028). The order is on the alert's instrument, in the account of the user who set it;
 * its shape is checked when it is set, and the engine's pre-trade risk checks it when it is placed.
 * LIMIT or MARKET only — a stop on top of a trigger is a second trigger nobody asked for.
 */
export const PRICE_ALERT_ORDER_TYPES = ['LIMIT', 'MARKET'] as const;

export const PriceAlertOrderSchema = z.strictObject({
  side: SideSchema,
  product: ProductSchema,
  type: z.enum(PRICE_ALERT_ORDER_TYPES),
  /** Units, a whole number of lots (as every order's quantity). */
  quantity: z.number().int().positive().max(10_000_000),
  /** The limit price of a LIMIT order; null for MARKET. */
  price: PaiseSchema.nullable(),
});
export type PriceAlertOrder = z.infer<typeof PriceAlertOrderSchema>;

/**
 * What became of the order when the alert fired. ORDER: it is in the orderbook (the status it had
 * when placed — DENIED with the risk check's reason is an order too, as on the ticket);
 * NOT_PLACED: no order was made, and why (the owner may no longer trade, the engine was down when
 * it fired, the contract expired...).
 */
export const PriceAlertOrderOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ORDER'),
    orderId: OrderIdSchema,
    clientOrderId: ClientOrderIdSchema,
    status: OrderStatusSchema,
    reasonCode: z.string().nullable(),
    reasonMessage: z.string().nullable(),
  }),
  z.object({ kind: z.literal('NOT_PLACED'), code: z.string(), message: z.string() }),
]);
export type PriceAlertOrderOutcome = z.infer<typeof PriceAlertOrderOutcomeSchema>;

/**
 * A fired GTT whose order was not placed within this long of the fire (the engine stopped in
 * between) is not placed late: the price that made it right may be long gone.
 */
export const PRICE_ALERT_ORDER_MAX_DELAY_MS = 60_000;

/** The order spec a GTT places. */
export const priceAlertOrderSpec = (instrumentId: InstrumentId, order: PriceAlertOrder): OrderSpec => ({
  instrumentId,
  side: order.side,
  type: order.type,
  product: order.product,
  quantity: order.quantity,
  price: order.price,
  triggerPrice: null,
});

/** Throws the DomainError an order ticket would show (lot multiple, tick, price per type, an index or expired contract). */
export function validatePriceAlertOrder(order: PriceAlertOrder, instrument: Instrument): void {
  validateOrderSpec(priceAlertOrderSpec(instrument.id, order), instrument);
}

/**
 * The client order id of a GTT's order: derived from the alert's id, so placing it again (a retry,
 * a restart) finds the first order instead of making a second. `gtt` + 17 hex digits of the uuid
 * (20 characters, the most a client order id has): PRICE_ALERT_CLIENT_ORDER_ID in ids.ts, which
 * RequestedClientOrderIdSchema reserves.
 */
export const priceAlertClientOrderId = (alertId: string): ClientOrderId => `gtt${alertId.replace(/-/g, '').slice(0, 17)}` as ClientOrderId;

/** "BUY 50 NRML at ₹120.50 limit" / "SELL 75 MIS at market". */
export const priceAlertOrderText = (order: PriceAlertOrder): string =>
  `${order.side} ${order.quantity} ${order.product} ${order.type === 'LIMIT' && order.price !== null ? `at ${rupeesLabel(order.price)} limit` : 'at market'}`;

/** "order 123 placed (OPEN)" / "order 123 denied: reason" / "order not placed: reason" — for the pop-up, Telegram and the list. */
export function priceAlertOrderOutcomeText(outcome: PriceAlertOrderOutcome): string {
  if (outcome.kind === 'NOT_PLACED') return `order not placed: ${outcome.message}`;
  if (outcome.status === 'DENIED' || outcome.status === 'REJECTED') return `order ${outcome.orderId} ${outcome.status === 'DENIED' ? 'denied' : 'rejected'}: ${outcome.reasonMessage ?? outcome.reasonCode ?? 'no reason given'}`;
  return `order ${outcome.orderId} placed (${outcome.status.replace(/_/g, ' ')})`;
}
