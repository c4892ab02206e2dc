import type { Paise, Side, Tick } from '@strikedesk/domain';

/**
 * The paper venue's matching rules, pure. Fills are always for the full quantity: the simulated
 * book is deep enough for one freeze-sized slice, which is all an order can be (slicing is the
 * OMS's job).
 */
type Touch = Pick<Tick, 'bid' | 'ask' | 'lastPrice'>;

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
