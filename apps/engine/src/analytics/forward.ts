import { atmStrikeIndex, timeToExpiryYears, type Paise } from '@strikedesk/domain';
import type { ExpirySeries, UnderlyingChain } from '../instruments/instrument-master.ts';
import { modelPrice, type AnalyticsMarket } from './market-context.ts';

export type ForwardEstimate = {
  /** Index level, paise. */
  spot: Paise;
  /** Epoch ms of the index tick. */
  spotTimestamp: number;
  /** Last price of the listed future of this expiry, when there is one. */
  future: Paise | null;
  /** Forward for Black-76, paise as a float (a model number, not money). */
  forward: number;
  timeYears: number;
  discount: number;
  source: 'FUTURE' | 'PARITY' | 'CARRY';
};

/**
 * The forward an expiry's options are priced on (ADR 0007): the listed future of that expiry when
 * there is one (its mid), else implied from put-call parity at the strike nearest the carry
 * forward, F = K + (C − P)/D, using mids — which is what the option market itself says; only when
 * that strike is unquoted, spot·e^{rT}. Null before the index has a price.
 */
export function resolveForward(
  chain: UnderlyingChain,
  series: ExpirySeries,
  market: AnalyticsMarket,
  /** The series' strikes ascending; pass the precomputed array (ChainIndex.strikes) on hot paths. */
  strikes: readonly number[] = series.strikes.map((row) => row.strike),
): ForwardEstimate | null {
  const indexTick = market.latest(chain.index.id);
  if (!indexTick) return null;
  const timeYears = timeToExpiryYears(series.expiry, market.now());
  const discount = Math.exp(-market.rate * timeYears);
  const base = { spot: indexTick.lastPrice, spotTimestamp: indexTick.timestamp, timeYears, discount };
  if (chain.future.expiry === series.expiry) {
    const futureTick = market.latest(chain.future.id);
    const futureMid = modelPrice(futureTick);
    if (futureTick && Number.isFinite(futureMid)) return { ...base, future: futureTick.lastPrice, forward: futureMid, source: 'FUTURE' };
  }
  const carry = indexTick.lastPrice / discount;
  const row = series.strikes[atmStrikeIndex(strikes, carry)];
  if (row && timeYears > 0) {
    const call = modelPrice(market.latest(row.call.id));
    const put = modelPrice(market.latest(row.put.id));
    const implied = row.strike + (call - put) / discount;
    if (Number.isFinite(implied) && implied > 0) return { ...base, future: null, forward: implied, source: 'PARITY' };
  }
  return { ...base, future: null, forward: carry, source: 'CARRY' };
}
