import type { Order } from '@strikedesk/domain';
import type { ToastInput } from '@strikedesk/ui';

/**
 * What a trader is told once a cancel is answered (the engine returns the order after the broker's
 * answer, or as it stands when the broker is slow). A refused cancel leaves the order working: that
 * must read as a failure, with the broker's reason, never as "cancel requested".
 */
export function cancelOutcome(order: Pick<Order, 'status' | 'reasonMessage'>): ToastInput {
  switch (order.status) {
    case 'CANCELED':
      return { kind: 'success', message: 'Order cancelled.' };
    case 'PENDING_CANCEL':
      return { kind: 'info', message: 'Cancel sent; waiting for the broker to confirm.' };
    case 'FILLED':
      return { kind: 'warning', message: 'The order filled before it could be cancelled.' };
    case 'OPEN':
    case 'TRIGGER_PENDING':
    case 'PARTIALLY_FILLED':
    case 'PENDING_MODIFY':
      return { kind: 'error', message: `The broker refused to cancel; the order is still working. ${order.reasonMessage ?? ''}`.trim() };
    default:
      return { kind: 'warning', message: `The order is ${order.status.toLowerCase().replace('_', ' ')}.` };
  }
}
