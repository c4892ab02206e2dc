import { DomainError, orderHistoryEntries, type OrderHistory, type OrderHistoryQuery } from '@strikedesk/domain';
import type { Journal } from '@strikedesk/db/client';
import type { TradingState } from './trading-state.ts';

/**
 * An order's history from the journal (every event the engine recorded for it, refusals included),
 * for the orderbook's "history" view: what a trader reads to see what happened to an order and why.
 */
export class OrderHistoryReader {
  constructor(
    private readonly journal: Pick<Journal, 'readOrders'>,
    private readonly state: TradingState,
  ) {}

  async read({ accountId, orderId }: OrderHistoryQuery): Promise<OrderHistory> {
    const current = this.state.order(orderId);
    // Another account's order is reported as not found, as for a modify or cancel.
    if (!current || current.accountId !== accountId) throw new DomainError('ORDER_NOT_FOUND');
    // The order and the seq it stands at, taken together: records journaled while the read is on
    // its way are left out, so the entries end where the order shown stands.
    const order = { ...current };
    const records = await this.journal.readOrders([orderId], this.state.lastSeq);
    return { order, entries: orderHistoryEntries(records) };
  }
}
