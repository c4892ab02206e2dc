import type { Order, OrderStatus } from '@strikedesk/domain';

/**
 * What a trader may still do to an order: the engine's own rules (apps/engine order-decider:
 * MODIFIABLE / CANCELABLE), so a row never offers what the engine refuses, nor hides what it takes.
 * Both need the broker's order id: an order whose fill beat the broker's accept cannot be reached yet.
 */
const MODIFIABLE: ReadonlySet<OrderStatus> = new Set(['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED']);
// A modify still waiting for the broker's answer may be cancelled (a hung modify must not trap the order).
const CANCELABLE: ReadonlySet<OrderStatus> = new Set(['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED', 'PENDING_MODIFY']);

type OrderActionFields = Pick<Order, 'status' | 'brokerOrderId'>;

export const canModifyOrder = (order: OrderActionFields): boolean => MODIFIABLE.has(order.status) && order.brokerOrderId !== null;

export const canCancelOrder = (order: OrderActionFields): boolean => CANCELABLE.has(order.status) && order.brokerOrderId !== null;
