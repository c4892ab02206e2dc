import type { ModifyOrderInput, Order } from '@strikedesk/domain';
import type { ToastInput } from '@strikedesk/ui';

const WORKING = new Set<Order['status']>(['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED']);

type AnsweredOrder = Pick<Order, 'status' | 'reasonMessage' | 'reasonCode' | 'type' | 'price' | 'triggerPrice' | 'quantity'>;

/** Whether the order now stands as the modify asked (the broker applied it); a field not asked for is unchanged. */
const standsAsAsked = (order: AnsweredOrder, asked: ModifyOrderInput): boolean =>
  (asked.type === undefined || order.type === asked.type) &&
  (asked.price === undefined || order.price === asked.price) &&
  (asked.triggerPrice === undefined || order.triggerPrice === asked.triggerPrice) &&
  (asked.quantity === undefined || order.quantity === asked.quantity);

/**
 * What a trader is told once a modify is answered (the engine returns the order after the broker's
 * answer, or as it stands when the broker is slow). A modify the broker rejected leaves the order
 * working as it was, with the broker's reason on it (an applied modify clears any reason): that must
 * read as a failure, never as "Order modified: OPEN". An `error` keeps the dialog open on the reason.
 */
export function modifyOutcome(order: AnsweredOrder, asked: ModifyOrderInput): ToastInput {
  if (order.status === 'PENDING_MODIFY') return { kind: 'info', message: 'Modify sent; waiting for the broker to confirm.' };
  if (WORKING.has(order.status)) {
    if (order.reasonCode !== null) {
      return { kind: 'error', message: `The broker refused the modify; the order still works as before. ${order.reasonMessage ?? ''}`.trim() };
    }
    return { kind: 'success', message: 'Order modified.' };
  }
  if (order.status === 'FILLED') {
    return standsAsAsked(order, asked)
      ? { kind: 'success', message: 'Order modified and filled.' }
      : { kind: 'warning', message: 'The order filled before the modify reached it.' };
  }
  if (order.status === 'PENDING_CANCEL') return { kind: 'warning', message: 'A cancel of this order is pending; the modify may not apply.' };
  return { kind: 'warning', message: `The order is ${order.status.replaceAll('_', ' ').toLowerCase()}: the modify did not apply.` };
}
