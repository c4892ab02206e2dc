import type { AccountId, EngineEvent, Order, OrderSpec } from '@strikedesk/domain';
import type { EngineClient } from '../engine/engine-client.ts';

type CreatingEvent = Extract<EngineEvent, { type: 'OrderSubmitted' | 'OrderDenied' }>;

const isCreating = (event: EngineEvent): event is CreatingEvent => event.type === 'OrderSubmitted' || event.type === 'OrderDenied';

const sameSpec = (a: OrderSpec, b: OrderSpec): boolean =>
  a.instrumentId === b.instrumentId &&
  a.side === b.side &&
  a.type === b.type &&
  a.product === b.product &&
  a.quantity === b.quantity &&
  a.price === b.price &&
  a.triggerPrice === b.triggerPrice;

/** An order's spec with the quantity the client asked for (a sliced order answers with its first slice). */
const askedSpecOf = (order: Order): OrderSpec => ({
  instrumentId: order.instrumentId,
  side: order.side,
  type: order.type,
  product: order.product,
  quantity: order.slice?.parentQuantity ?? order.quantity,
  price: order.price,
  triggerPrice: order.triggerPrice,
});

/**
 * Whether `order` — what the engine answered a placement naming a clientOrderId — is the order this
 * request asks for. The engine answers a known clientOrderId with the order it already names, from
 * any day: a retry gets its own order back, but a client reusing an id for another order (a counter
 * reset overnight) must not read yesterday's order as today's placement. A modify may have changed
 * type, quantity or prices since, so those are compared with what the order was created with.
 */
export async function orderAnswersRequest(engine: Pick<EngineClient, 'orderHistory'>, accountId: AccountId, order: Order, asked: OrderSpec): Promise<boolean> {
  if (sameSpec(askedSpecOf(order), asked)) return true;
  // Never changed by a modify: a difference here is another order, without asking the journal.
  if (order.instrumentId !== asked.instrumentId || order.side !== asked.side || order.product !== asked.product) return false;
  const { entries } = await engine.orderHistory({ accountId, orderId: order.orderId });
  const created = entries.map((entry) => entry.event).find(isCreating);
  if (!created) return false;
  return sameSpec({ ...created.spec, quantity: created.slice?.parentQuantity ?? created.spec.quantity }, asked);
}

/** What a client reads when its clientOrderId already names a different order. */
export const reusedClientOrderIdMessage = (order: Order): string =>
  `The clientOrderId ${order.clientOrderId} already names order ${order.orderId} (${order.side} ${order.slice?.parentQuantity ?? order.quantity} ${order.instrumentId} ${order.type}, ${order.status}), ` +
  'which is not the order this request asks for. Nothing new was placed: send a new clientOrderId for a new order.';
