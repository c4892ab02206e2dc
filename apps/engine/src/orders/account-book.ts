import type { Order, OrderId, PositionState, Product } from '@strikedesk/domain';
import { ShardedMap, ShardedSet } from '../collections/sharded-map.ts';
import { DayPnlTerms } from './day-pnl-terms.ts';
import { OrderActivity } from './order-activity.ts';

/** Unfilled quantity of an account's working orders on one instrument, by the side it would add. */
export type WorkingTotals = { buy: number; sell: number };

/**
 * One account's part of the trading state, indexed for the OMS and the risk checks: everything a
 * pre-trade check reads is kept up to date by the fold, so no check scans orders or rebuilds maps,
 * and every map here is one account's (small, so lookups stay in cache; docs/benchmarks.md,
 * "Engine core").
 */
export class AccountBook {
  /** Order ids in creation (seq) order. */
  readonly orderIds: OrderId[] = [];
  /** Unfinished orders (working, or in flight at the broker). */
  readonly open = new Map<OrderId, Order>();
  readonly byClientOrderId = new ShardedMap<Order>();
  readonly tradeIds = new ShardedSet();
  /** Net positions (what the broker holds) by instrument, then product; and all of them in a list. */
  readonly net = new Map<string, Map<Product, PositionState>>();
  readonly netList: PositionState[] = [];
  /** Positions attributed to strategies / portfolios, keyed `instrumentId|product|strategy|portfolio`. */
  readonly books = new Map<string, PositionState>();
  /** Signed net quantity per instrument, over products. */
  readonly netByInstrument = new Map<string, number>();
  /** Unfilled quantity of working and in-flight orders per instrument (a pending modify counts its larger size). */
  readonly working = new Map<string, WorkingTotals>();
  activity = new OrderActivity();
  /** Day P&L as linear terms over the net positions (a cache of the fold, rebuilt when stale). */
  readonly dayPnl = new DayPnlTerms();

  addWorking(instrumentId: string, side: Order['side'], quantity: number): void {
    if (quantity === 0) return;
    let totals = this.working.get(instrumentId);
    if (!totals) this.working.set(instrumentId, (totals = { buy: 0, sell: 0 }));
    if (side === 'BUY') totals.buy += quantity;
    else totals.sell += quantity;
    if (totals.buy === 0 && totals.sell === 0) this.working.delete(instrumentId);
  }

  addNet(instrumentId: string, signedQuantity: number): void {
    const net = (this.netByInstrument.get(instrumentId) ?? 0) + signedQuantity;
    if (net === 0) this.netByInstrument.delete(instrumentId);
    else this.netByInstrument.set(instrumentId, net);
  }

  netPosition(instrumentId: string, product: Product): PositionState | undefined {
    return this.net.get(instrumentId)?.get(product);
  }

  /** Adds a new net position (one per instrument and product, never replaced: updated in place). */
  addNetPosition(position: PositionState): void {
    let byProduct = this.net.get(position.instrumentId);
    if (!byProduct) this.net.set(position.instrumentId, (byProduct = new Map()));
    byProduct.set(position.product, position);
    this.netList.push(position);
  }
}

export const bookKey = (instrumentId: string, product: string, strategyId: string | null, portfolioId: string | null): string =>
  `${instrumentId}|${product}|${strategyId ?? ''}|${portfolioId ?? ''}`;
