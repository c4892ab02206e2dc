import type { Paise } from '../money.ts';
import type { Tick } from '../market.ts';

/**
 * The price the portfolio monitors mark a position at: the last traded price, clamped into the
 * current touch. An option that has not traded for a while keeps a stale LTP while its quotes move
 * with the underlying; a stop or target must not wait for the next trade, nor fire on a price
 * nobody quotes any more. With no two-sided quote the LTP stands.
 */
export function markPrice(tick: Pick<Tick, 'lastPrice' | 'bid' | 'ask'>): Paise {
  const { lastPrice, bid, ask } = tick;
  if (bid === null || ask === null || bid > ask) return lastPrice;
  if (lastPrice < bid) return bid;
  if (lastPrice > ask) return ask;
  return lastPrice;
}
