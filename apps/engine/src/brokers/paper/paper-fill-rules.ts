import type { DepthLevel, Paise, Side, Tick } from '@strikedesk/domain';

/**
 * The paper venue's matching rules, pure. An order takes the displayed depth of its side level by
 * level (best first), as far as its limit allows; what the depth does not cover stays working and
 * takes the depth of later ticks — a partial fill, as on the exchange. A quote without depth (an
 * external feed sending only the touch), or whose depth disagrees with its touch, fills the whole
 * quantity at the touch.
 */
type Touch = Pick<Tick, 'bid' | 'ask' | 'lastPrice'>;
export type Quote = Touch & Pick<Tick, 'bids' | 'asks'>;

/** One execution: a price and the quantity traded at it. */
export type FillSlice = { price: Paise; quantity: number };

/** MARKET: at the touch — a buy lifts the ask, a sell hits the bid. Null without a two-sided quote. */
export function marketFillPrice(side: Side, tick: Touch): Paise | null {
  return side === 'BUY' ? tick.ask : tick.bid;
}

/**
 * LIMIT: only when the market trades through the limit, at the limit or better — a buy when
 * ask ≤ limit (at the ask), a sell when bid ≥ limit (at the bid).
 */
export function limitFillPrice(side: Side, limit: Paise, tick: Touch): Paise | null {
  if (side === 'BUY') return tick.ask !== null && tick.ask <= limit ? tick.ask : null;
  return tick.bid !== null && tick.bid >= limit ? tick.bid : null;
}

/** Stop trigger on the last traded price: a buy stop on a rise to the trigger, a sell stop on a fall. */
export function isStopTriggered(side: Side, triggerPrice: Paise, tick: Touch): boolean {
  return side === 'BUY' ? tick.lastPrice >= triggerPrice : tick.lastPrice <= triggerPrice;
}

/**
 * What an order of `quantity` takes from one quote: levels of the opposite side, best first, each
 * at its own price and within `limit` (null: a market order), less what earlier orders already took
 * from this same quote (`taken`, by price; updated here). Without depth: the whole quantity at the
 * touch, if the touch is within the limit.
 */
export function takeDepth(side: Side, quantity: number, quote: Quote, limit: Paise | null, taken: Map<number, number>): FillSlice[] {
  const levels: readonly DepthLevel[] = side === 'BUY' ? quote.asks : quote.bids;
  const touch = side === 'BUY' ? quote.ask : quote.bid;
  // No depth, or depth that disagrees with the touch (a feed sending them in separate messages):
  // the touch is the fresher word, and fills the order whole.
  if (levels.length === 0 || levels[0]?.price !== touch) {
    const price = limit === null ? marketFillPrice(side, quote) : limitFillPrice(side, limit, quote);
    return price === null ? [] : [{ price, quantity }];
  }
  const slices: FillSlice[] = [];
  let remaining = quantity;
  for (const level of levels) {
    if (remaining === 0) break;
    if (limit !== null && (side === 'BUY' ? level.price > limit : level.price < limit)) break;
    const available = level.quantity - (taken.get(level.price) ?? 0);
    if (available <= 0) continue;
    const traded = Math.min(available, remaining);
    taken.set(level.price, (taken.get(level.price) ?? 0) + traded);
    slices.push({ price: level.price, quantity: traded });
    remaining -= traded;
  }
  return slices;
}

/** A market order's price after slippage: `ticks` ticks worse than the level it takes. */
export const slipped = (side: Side, price: Paise, ticks: number, tickSize: Paise): Paise =>
  (side === 'BUY' ? price + ticks * tickSize : Math.max(tickSize, price - ticks * tickSize)) as Paise;

/** Whether a price lies inside the instrument's circuit limits (none known: always). */
export function withinCircuit(price: Paise, circuit: { lower: Paise; upper: Paise } | null): boolean {
  return circuit === null || (price >= circuit.lower && price <= circuit.upper);
}
