import type { Order } from '@strikedesk/domain';

/**
 * What the ticket says when an order is refused, naming who refused it: our own pre-trade checks
 * (DENIED — nothing reached the broker) or the broker (REJECTED), then the reason.
 */
export function refusalText(order: Pick<Order, 'status' | 'reasonMessage'>): string {
  const who = order.status === 'DENIED' ? 'Not sent: refused by the risk checks (DENIED).' : 'Rejected by the broker (REJECTED).';
  return order.reasonMessage ? `${who} ${order.reasonMessage}` : who;
}
