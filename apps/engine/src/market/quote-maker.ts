import { paise, type DepthLevel, type Paise } from '@strikedesk/domain';
import type { SeededRandom } from './seeded-random.ts';

export type TopOfBook = { bid: Paise; ask: Paise };
export type Depth = { bids: DepthLevel[]; asks: DepthLevel[] };

export type SpreadParams = {
  tickSize: Paise;
  /** Spread in ticks before the relative floor; callers widen it for far OTM strikes. */
  spreadTicks: number;
  /** Minimum spread as a fraction of the price (expensive contracts quote wider in paise). */
  relativeSpread: number;
};

/**
 * A two-sided quote on the tick grid straddling the fair value (a float in paise). The bid never
 * drops below one tick: a far OTM option still quotes 0.05 / 0.10, as on the exchange.
 */
export function makeTopOfBook(fair: number, params: SpreadParams): TopOfBook {
  const { tickSize } = params;
  const spreadTicks = Math.max(1, params.spreadTicks, Math.ceil((fair * params.relativeSpread) / tickSize));
  const bidTicks = Math.max(1, Math.floor((fair - (spreadTicks * tickSize) / 2) / tickSize));
  return { bid: paise(bidTicks * tickSize), ask: paise((bidTicks + spreadTicks) * tickSize) };
}

const DEPTH_LEVELS = 5;

function depthLevel(price: number, lotSize: number, typicalLots: number, random: SeededRandom): DepthLevel {
  const lots = 1 + Math.floor(random.next() * typicalLots * 2);
  return { price: price as Paise, quantity: lots * lotSize, orders: 1 + Math.floor(random.next() * Math.min(lots, 25)) };
}

/**
 * Five levels each side stepping one tick away from the touch; quantities are whole lots. Hot path
 * (≈2,400 calls per step): no closures, and prices are already integers on the grid, so plain casts.
 */
export function makeDepth(top: TopOfBook, tickSize: Paise, lotSize: number, typicalLots: number, random: SeededRandom): Depth {
  const bids: DepthLevel[] = [];
  const asks: DepthLevel[] = [];
  for (let index = 0; index < DEPTH_LEVELS; index += 1) {
    const bidPrice = top.bid - index * tickSize;
    if (bidPrice >= tickSize) bids.push(depthLevel(bidPrice, lotSize, typicalLots, random));
    asks.push(depthLevel(top.ask + index * tickSize, lotSize, typicalLots, random));
  }
  return { bids, asks };
}
