import { z } from 'zod';

/**
 * KiteTicker text frames (server → client), parsed into typed values. Kite sends
 * `{"type":"order","data":{...}}` — an order update shaped like a postback, for orders placed from
 * any platform — `{"type":"error","data":"..."}` and `{"type":"message","data":"..."}`. Anything
 * else (not JSON, an unknown type, an order update we cannot read) comes back as `unreadable`
 * with the reason: the parser never throws.
 *
 * The order update keeps Kite's field names and units (prices in rupees as JSON numbers): mapping
 * to our domain is the adapter's job, as for REST orders and postbacks. Unknown fields are kept.
 */

/** Kite order statuses (docs and official clients), plus UPDATE which postbacks use for a modify or partial fill. */
export const KITE_ORDER_STATUSES = [
  'OPEN',
  'COMPLETE',
  'CANCELLED',
  'REJECTED',
  'UPDATE',
  'PUT ORDER REQ RECEIVED',
  'VALIDATION PENDING',
  'OPEN PENDING',
  'MODIFY VALIDATION PENDING',
  'MODIFY PENDING',
  'MODIFIED',
  'TRIGGER PENDING',
  'CANCEL PENDING',
  'AMO REQ RECEIVED',
  'CANCELLED AMO',
] as const;

const nullableString = z.string().nullable();

/** The fields an adapter needs are required; the rest are optional and everything else passes through. */
export const KiteOrderUpdateSchema = z.looseObject({
  order_id: z.string().min(1),
  status: z.enum(KITE_ORDER_STATUSES),
  status_message: nullableString.optional(),
  status_message_raw: nullableString.optional(),
  exchange_order_id: nullableString.optional(),
  parent_order_id: nullableString.optional(),
  order_timestamp: z.string(),
  exchange_update_timestamp: nullableString.optional(),
  exchange_timestamp: nullableString.optional(),
  variety: z.string(),
  exchange: z.string(),
  tradingsymbol: z.string(),
  instrument_token: z.number().int().nonnegative(),
  order_type: z.string(),
  transaction_type: z.enum(['BUY', 'SELL']),
  validity: z.string().optional(),
  product: z.string(),
  quantity: z.number().int().nonnegative(),
  disclosed_quantity: z.number().int().nonnegative().optional(),
  price: z.number(),
  trigger_price: z.number(),
  average_price: z.number(),
  filled_quantity: z.number().int().nonnegative(),
  pending_quantity: z.number().int().nonnegative(),
  cancelled_quantity: z.number().int().nonnegative().optional(),
  unfilled_quantity: z.number().int().nonnegative().optional(),
  /** Our client order id travels here (≤ 20 alphanumerics). */
  tag: nullableString.optional(),
  user_id: z.string().optional(),
  placed_by: z.string().optional(),
  checksum: z.string().optional(),
  guid: nullableString.optional(),
});
export type KiteOrderUpdate = z.infer<typeof KiteOrderUpdateSchema>;

export type TickerTextMessage =
  | { kind: 'order'; order: KiteOrderUpdate }
  | { kind: 'error'; message: string }
  | { kind: 'message'; message: string }
  | { kind: 'unreadable'; reason: string; text: string };

const EnvelopeSchema = z.object({ type: z.string(), data: z.unknown() });
const TEXT_EXCERPT = 200;

const unreadable = (reason: string, text: string): TickerTextMessage => ({ kind: 'unreadable', reason, text: text.slice(0, TEXT_EXCERPT) });

export function parseTickerText(text: string): TickerTextMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return unreadable('not JSON', text);
  }
  const envelope = EnvelopeSchema.safeParse(value);
  if (!envelope.success) return unreadable('not a {"type","data"} message', text);
  const { type, data } = envelope.data;
  switch (type) {
    case 'order': {
      const order = KiteOrderUpdateSchema.safeParse(data);
      if (!order.success) return unreadable(`order update: ${z.prettifyError(order.error).replaceAll('\n', ' ')}`, text);
      return { kind: 'order', order: order.data };
    }
    case 'error':
    case 'message':
      // The official clients pass `data` on as is; it is documented as a string.
      return typeof data === 'string' ? { kind: type, message: data } : unreadable(`${type}: data is not a string`, text);
    default:
      return unreadable(`unknown message type ${JSON.stringify(type).slice(0, 40)}`, text);
  }
}
