import type { Order, OrderId, PositionState, Product } from '@strikedesk/domain';
import { ShardedMap } from '../collections/sharded-map.ts';
import { DayPnlTerms } from './day-pnl-terms.ts';
import { OrderActivity } from './order-activity.ts';
import { TradeIndex } from './trade-index.ts';

const NO_POSITIONS: readonly PositionState[] = [];

/** Unfilled quantity of an account's working orders on one instrument, by the side it would add. */
export type WorkingTotals = { buy: number; sell: number };

/** One account's exposure on one instrument: its working quantity by side and its signed net quantity over products. */
export type InstrumentExposure = WorkingTotals & { net: number };

/**
 * Everything one account holds or works on one instrument, in one object: what the risk checks
 * read for an order (working totals, net) and what a fill updates (the net positions by product).
 * One lookup per instrument instead of one per index was the point (docs/benchmarks.md, "Engine
 * core"). Kept once created, like the positions themselves; zero entries are skipped by readers.
 */
export class InstrumentSlot implements InstrumentExposure {
  /** Unfilled quantity of working and in-flight orders (a pending modify counts its larger size). */
  buy = 0;
  sell = 0;
  /** The MIS part of `buy` and `sell` (the rest is NRML): a product's position moves with its own orders only. */
  misBuy = 0;
  misSell = 0;
  net = 0;
  /** The account's net positions on this instrument, one per product. */
  readonly positions: PositionState[] = [];
  /** The virtual books' positions on this instrument (every product), in the order they were opened. */
  readonly books: PositionState[] = [];
}

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
  /** The fills folded (deduplicated by order and broker trade id). */
  readonly trades = new TradeIndex();
  /** Working totals, net quantity and net positions per instrument the account ever ordered or held. */
  readonly instruments = new Map<string, InstrumentSlot>();
  /** All net positions (what the broker holds), in the order they were opened. */
  readonly netList: PositionState[] = [];
  /**
   * Net positions (per instrument and product) not flat. Per product, not per instrument: an MIS
   * long beside an NRML short of the same size nets to zero on the instrument, yet the broker holds
   * two positions — a flatten, the daily-loss square-off and the Greeks must all see the account.
   */
  openPositions = 0;
  /** Positions attributed to strategies / portfolios, keyed `instrumentId|product|strategy|portfolio`. */
  readonly books = new Map<string, PositionState>();
  activity = new OrderActivity();
  /** Day P&L as linear terms over the net positions (a cache of the fold, rebuilt when stale). */
  readonly dayPnl = new DayPnlTerms();

  private slot(instrumentId: string): InstrumentSlot {
    let slot = this.instruments.get(instrumentId);
    if (!slot) this.instruments.set(instrumentId, (slot = new InstrumentSlot()));
    return slot;
  }

  addWorking(instrumentId: string, side: Order['side'], product: Product, quantity: number): void {
    if (quantity === 0) return;
    const slot = this.slot(instrumentId);
    if (side === 'BUY') slot.buy += quantity;
    else slot.sell += quantity;
    if (product !== 'MIS') return;
    if (side === 'BUY') slot.misBuy += quantity;
    else slot.misSell += quantity;
  }

  /** Working totals of one product's orders on an instrument (a fresh object). */
  productWorking(instrumentId: string, product: Product): WorkingTotals {
    const slot = this.instruments.get(instrumentId);
    if (!slot) return { buy: 0, sell: 0 };
    return product === 'MIS' ? { buy: slot.misBuy, sell: slot.misSell } : { buy: slot.buy - slot.misBuy, sell: slot.sell - slot.misSell };
  }

  addNet(instrumentId: string, signedQuantity: number): void {
    if (signedQuantity === 0) return;
    const slot = this.slot(instrumentId);
    slot.net += signedQuantity;
  }

  /** A net position's quantity went from `before` to `after` (a fill). */
  netPositionMoved(before: number, after: number): void {
    if (before === 0 && after !== 0) this.openPositions += 1;
    else if (before !== 0 && after === 0) this.openPositions -= 1;
  }

  netPosition(instrumentId: string, product: Product): PositionState | undefined {
    const positions = this.instruments.get(instrumentId)?.positions;
    if (positions) for (const position of positions) if (position.product === product) return position;
    return undefined;
  }

  /** The virtual books' positions on one instrument (every product), oldest first. Read-only. */
  booksOn(instrumentId: string): readonly PositionState[] {
    return this.instruments.get(instrumentId)?.books ?? NO_POSITIONS;
  }

  /** Adds a new virtual book position (never replaced: updated in place). */
  addBookPosition(position: PositionState): void {
    this.books.set(bookKey(position.instrumentId, position.product, position.strategyId, position.portfolioId), position);
    this.slot(position.instrumentId).books.push(position);
  }

  /** Adds a new net position (one per instrument and product, never replaced: updated in place). */
  addNetPosition(position: PositionState): void {
    this.slot(position.instrumentId).positions.push(position);
    this.netList.push(position);
    if (position.netQuantity !== 0) this.openPositions += 1;
  }
}

export const bookKey = (instrumentId: string, product: string, strategyId: string | null, portfolioId: string | null): string =>
  `${instrumentId}|${product}|${strategyId ?? ''}|${portfolioId ?? ''}`;

/**
 * A fill's identity as one string (`order id|trade id`): in snapshots and a batch's own
 * deduplication. A broker trade id is unique within its order only (TradeIndex).
 */
export const tradeKey = (orderId: string, tradeId: string): string => `${orderId}|${tradeId}`;

/** The order id and the broker's trade id of a `tradeKey`. */
export const splitTradeKey = (key: string): [orderId: string, tradeId: string] => {
  const bar = key.indexOf('|');
  return [key.slice(0, bar), key.slice(bar + 1)];
};
