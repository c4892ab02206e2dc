import { ShardedMap } from '../collections/sharded-map.ts';

/**
 * One account's folded fills, for deduplication: which orders each broker trade id filled. A trade
 * id is unique within its order only — exchanges number trades per segment and per day (Kite's
 * trade_id is the exchange's), so an NFO and a BFO fill, or two days' fills, can share one. Keyed
 * by the trade id itself (not a composed key: the fold and the decider would each build and hash a
 * new string per fill, which the core benchmark measured), with the order id as the value — an
 * array in the rare case of a shared trade id.
 */
export class TradeIndex {
  private readonly byTradeId = new ShardedMap<string | string[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(orderId: string, tradeId: string): boolean {
    const orders = this.byTradeId.get(tradeId);
    return orders === orderId || (Array.isArray(orders) && orders.includes(orderId));
  }

  add(orderId: string, tradeId: string): void {
    const orders = this.byTradeId.get(tradeId);
    if (orders === undefined) this.byTradeId.set(tradeId, orderId);
    else if (orders === orderId || (Array.isArray(orders) && orders.includes(orderId))) return;
    else if (Array.isArray(orders)) orders.push(orderId);
    else this.byTradeId.set(tradeId, [orders, orderId]);
    this.count += 1;
  }

  /** Every fill as [order id, trade id]. */
  *entries(): IterableIterator<[string, string]> {
    for (const tradeId of this.byTradeId.keys()) {
      const orders = this.byTradeId.get(tradeId) as string | string[];
      if (Array.isArray(orders)) for (const orderId of orders) yield [orderId, tradeId];
      else yield [orders, tradeId];
    }
  }
}
