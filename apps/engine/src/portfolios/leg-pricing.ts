import { bufferedLimitPrice, markPrice, type ExecutionSettings, type Paise, type Side, type Tick } from '@strikedesk/domain';

/**
 * The limit price a portfolio leg order is sent at (every leg order is a limit, so no leg can fill
 * at an arbitrary price in a thin option market):
 * - MARKET (with protection): the opposite touch ± `marketProtectionPercent` — marketable now,
 *   never filled beyond that cap (what brokers call market protection);
 * - LIMIT: the last traded price (clamped into the touch: markPrice) ± `limitBufferPercent`.
 * Null when there is no price to start from.
 */
export function legLimitPrice(tick: Tick | undefined, side: Side, execution: ExecutionSettings, tickSize: Paise): Paise | null {
  if (!tick) return null;
  if (execution.orderType === 'MARKET') {
    const touch = (side === 'BUY' ? tick.ask : tick.bid) ?? tick.lastPrice;
    return bufferedLimitPrice(touch, side, Math.round(execution.marketProtectionPercent * 100), tickSize);
  }
  return bufferedLimitPrice(markPrice(tick), side, Math.round(execution.limitBufferPercent * 100), tickSize);
}
