import { isTerminalStatus, type Order } from '@strikedesk/domain';

/**
 * Whether `told` is at least as recent as `known`. The newer `updatedAt` wins. Two copies stamped in
 * the same millisecond (a modify and the fill it caused, a cancel request and its acknowledgement)
 * cannot be told apart by time, and a mutation's answer may land after the socket's push of a later
 * state: the copy further along wins — more filled (fills only add up), then finished over working
 * (a cancelled or filled order never goes back to working within one millisecond) — and otherwise
 * the told one (it is never older than the list it lands on).
 */
function supersedes(told: Order, known: Order): boolean {
  if (told.updatedAt !== known.updatedAt) return told.updatedAt > known.updatedAt;
  if (told.filledQuantity !== known.filledQuantity) return told.filledQuantity > known.filledQuantity;
  return !isTerminalStatus(known.status) || isTerminalStatus(told.status);
}

/**
 * Lays orders we were told about (socket pushes, mutation answers) over an orderbook, newest first.
 * Per order the more recent copy wins (`supersedes`). Orders the book lacks are added: they were
 * placed after it was read.
 */
export function mergeOrders(book: readonly Order[], told: Iterable<Order>): Order[] {
  const byId = new Map(book.map((order) => [order.orderId, order]));
  for (const order of told) {
    const known = byId.get(order.orderId);
    if (!known || supersedes(order, known)) byId.set(order.orderId, order);
  }
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
}
