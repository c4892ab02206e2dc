import type { Order } from '@strikedesk/domain';

/**
 * Lays orders we were told about (socket pushes, mutation answers) over an orderbook, newest first.
 * Per order the newer `updatedAt` wins; a tie goes to the told one (it is never older than the
 * list it lands on). Orders the book lacks are added: they were placed after it was read.
 */
export function mergeOrders(book: readonly Order[], told: Iterable<Order>): Order[] {
  const byId = new Map(book.map((order) => [order.orderId, order]));
  for (const order of told) {
    const known = byId.get(order.orderId);
    if (!known || known.updatedAt <= order.updatedAt) byId.set(order.orderId, order);
  }
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
}
