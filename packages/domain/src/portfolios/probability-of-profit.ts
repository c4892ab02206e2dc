import { normalCdf } from '../options/normal-distribution.ts';
import type { ProfitRange } from './expiry-profile.ts';

/** The lognormal law of the underlying at the horizon (risk-neutral: its mean is the forward). */
export type LognormalHorizon = {
  /** Forward to the horizon, same unit as the ranges (paise). */
  forward: number;
  /** Annualised volatility (decimal), e.g. the ATM IV of the nearest expiry. */
  volatility: number;
  timeYears: number;
};

/**
 * Probability that the underlying ends inside one of the profit ranges:
 * Σ P(from < S_T < to), with P(S_T > x) = Φ(d₂(x)), d₂(x) = (ln(F/x) − σ²T/2) / (σ√T).
 * With no time or no volatility left S_T is the forward itself: 1 inside a range, else 0.
 * A model number for display, as good as the volatility passed in.
 */
export function probabilityOfProfit(ranges: readonly ProfitRange[], horizon: LognormalHorizon): number {
  const { forward, volatility, timeYears } = horizon;
  const stdDev = volatility * Math.sqrt(Math.max(timeYears, 0));
  if (!(stdDev > 0)) {
    return ranges.some((range) => forward > range.from && (range.to === null || forward < range.to)) ? 1 : 0;
  }
  // P(S_T > x): 1 at x = 0, 0 at x = ∞.
  const above = (level: number | null): number =>
    level === null ? 0 : level <= 0 ? 1 : normalCdf((Math.log(forward / level) - 0.5 * stdDev * stdDev) / stdDev);
  let probability = 0;
  for (const range of ranges) probability += above(range.from) - above(range.to);
  return Math.min(1, Math.max(0, probability));
}
