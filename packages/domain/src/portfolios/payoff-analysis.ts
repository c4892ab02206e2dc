import type { Paise } from '../money.ts';
import { timeToExpiryYears } from '../options/time-to-expiry.ts';
import { expiryProfile, type ExpiryProfile, type ProfitRange } from './expiry-profile.ts';
import { estimateMargin, type MarginEstimate } from './margin-estimate.ts';
import { payoffCurve, type CurveOptions, type PayoffCurve } from './payoff-curve.ts';
import { preparePayoff, type PayoffContext } from './payoff-model.ts';
import type { ResolvedLeg } from './portfolio.ts';
import { premiumFlows, type PremiumFlows } from './premium-flows.ts';
import { probabilityOfProfit } from './probability-of-profit.ts';

export type PayoffAnalysisContext = PayoffContext &
  CurveOptions & {
    /**
     * ATM IV (decimal) of the nearest expiry: the volatility of the probability of profit, and the
     * IV of legs without one unless `fallbackIv` says otherwise. Without it the probability is null.
     */
    atmIv?: number | null;
  };

/**
 * Everything the builder shows under the payoff chart: the expiry profile (breakevens, profit
 * ranges, extremes; see ExpiryProfile) and the figures below. Money and underlying levels in paise.
 */
export type PayoffAnalysis = ExpiryProfile & {
  /** The expiry the "at expiry" figures are at (the nearest leg expiry); null without legs. */
  nearestExpiry: string | null;
  /** Every leg expires at the nearest expiry, so the expiry figures are exact (not a model). */
  exact: boolean;
  curve: PayoffCurve;
  premiums: PremiumFlows;
  /** + received (credit), − paid (debit). */
  netPremium: Paise;
  /** T+0 P&L at today's spot, whole paise (≈ 0 when the legs are priced at their LTPs). */
  todayAtSpot: number;
  /** Probability (0…1) that the expiry P&L is positive; null without a volatility. */
  probabilityOfProfit: number | null;
  margin: MarginEstimate;
};

/**
 * The payoff of resolved legs: curves at expiry and today, breakevens, extremes, premium, probability
 * of profit and an approximate margin. Built to rerun on every keystroke: for 12 legs and a few
 * hundred points it takes well under a millisecond for same-expiry portfolios.
 */
export function analyzePayoff(legs: readonly ResolvedLeg[], context: PayoffAnalysisContext): PayoffAnalysis {
  const model = preparePayoff(legs, { ...context, fallbackIv: context.fallbackIv ?? context.atmIv ?? null });
  const profile = expiryProfile(model, context.spot);
  const premiums = premiumFlows(legs);
  return {
    nearestExpiry: model.nearestExpiry,
    exact: model.exact,
    curve: payoffCurve(model, context.spot, context),
    ...profile,
    premiums,
    netPremium: premiums.net,
    todayAtSpot: Math.round(model.today(context.spot)),
    probabilityOfProfit: chanceOfProfit(profile.profitRanges, model.nearestExpiry, context),
    margin: estimateMargin(legs, { spot: context.spot, premiums, maxLoss: profile.maxLoss }),
  };
}

function chanceOfProfit(ranges: readonly ProfitRange[], nearestExpiry: string | null, context: PayoffAnalysisContext): number | null {
  if (nearestExpiry === null) return null;
  const timeYears = timeToExpiryYears(nearestExpiry, context.now);
  const volatility = context.atmIv ?? null;
  if (timeYears > 0 && volatility === null) return null;
  const growth = timeYears > 0 ? (context.forwardBySpot?.[nearestExpiry] ?? Math.exp(context.rate * timeYears)) : 1;
  return probabilityOfProfit(ranges, { forward: context.spot * growth, volatility: volatility ?? 0, timeYears });
}
