import type { PayoffModel } from './payoff-model.ts';

/** An underlying interval [from, to] (paise) where the expiry P&L is positive; `to` null: unbounded. */
export type ProfitRange = { from: number; to: number | null };

/** The shape of the expiry payoff over S ∈ [0, ∞). P&L values are whole paise. */
export type ExpiryProfile = {
  /** Where the expiry P&L turns positive, ascending (paise of the underlying, fractional). */
  breakevens: number[];
  profitRanges: ProfitRange[];
  /** Highest expiry P&L; null when unlimited (the payoff keeps rising beyond the highest strike). */
  maxProfit: number | null;
  unlimitedProfit: boolean;
  /** Lowest expiry P&L (negative: a loss); null when unlimited. */
  maxLoss: number | null;
  unlimitedLoss: boolean;
};

/** Grid of the search when later-expiry options make the expiry payoff curved. */
const CURVED_SEARCH_POINTS = 400;
/** The curved search covers [0, this × max(spot, highest strike)]; beyond, the payoff is taken as linear. */
const CURVED_SEARCH_REACH = 2;
const BISECTION_STEPS = 60;
/** A hundredth of a paisa: far below anything a trader reads off a breakeven. */
const BISECTION_TOLERANCE = 0.01;

/**
 * Breakevens, profit ranges and extremes of the expiry payoff.
 *
 * When every option expires at the nearest expiry the payoff is piecewise linear with kinks at the
 * strikes: it is evaluated at S = 0 and at each strike, zeros are found by linear interpolation and
 * the extremes are among those values — exact (the values are integers, each zero one division).
 * Beyond the highest strike the slope is the net units of calls and futures: rising means unlimited
 * profit, falling unlimited loss. Below the lowest strike S ≥ 0 keeps every value finite.
 *
 * With an option of a later expiry (a calendar) the payoff is curved there: it is sampled on 400
 * even points over [0, 2 × max(spot, highest strike)] plus the strikes, zeros are refined by
 * bisection, and the extremes are those of the samples — a close approximation, not exact.
 */
export function expiryProfile(model: PayoffModel, spot: number): ExpiryProfile {
  const levels = model.piecewiseLinear ? [0, ...model.strikes.filter((strike) => strike > 0)] : curvedSearchLevels(model, spot);
  const values = levels.map((level) => model.atExpiry(level));
  const zeroBetween = model.piecewiseLinear ? linearZero : (low: number, high: number) => bisectZero(model, low, high);
  const profitRanges = positiveRanges(levels, values, model.tailSlope, zeroBetween);
  const breakevens: number[] = [];
  for (const range of profitRanges) {
    if (range.from > 0) breakevens.push(range.from);
    if (range.to !== null) breakevens.push(range.to);
  }
  const unlimitedProfit = model.tailSlope > 0;
  const unlimitedLoss = model.tailSlope < 0;
  return {
    breakevens,
    profitRanges,
    maxProfit: unlimitedProfit ? null : Math.round(Math.max(...values)),
    unlimitedProfit,
    maxLoss: unlimitedLoss ? null : Math.round(Math.min(...values)),
    unlimitedLoss,
  };
}

type ZeroBetween = (low: number, high: number, lowValue: number, highValue: number) => number;

/**
 * The intervals where the payoff is > 0, walking the samples and then the linear tail beyond the
 * last one. Ranges that only touch at a zero are merged (a single point carries no probability).
 */
function positiveRanges(levels: readonly number[], values: readonly number[], tailSlope: number, zeroBetween: ZeroBetween): ProfitRange[] {
  const ranges: ProfitRange[] = [];
  const close = (from: number, to: number | null) => {
    const previous = ranges[ranges.length - 1];
    if (previous && previous.to === from) previous.to = to;
    else ranges.push({ from, to });
  };
  let openFrom: number | null = (values[0] as number) > 0 ? (levels[0] as number) : null;
  for (let index = 1; index < levels.length; index += 1) {
    const low = levels[index - 1] as number;
    const high = levels[index] as number;
    const lowValue = values[index - 1] as number;
    const highValue = values[index] as number;
    if (lowValue > 0 && highValue <= 0 && openFrom !== null) {
      close(openFrom, highValue === 0 ? high : zeroBetween(low, high, lowValue, highValue));
      openFrom = null;
    } else if (lowValue <= 0 && highValue > 0) {
      openFrom = lowValue === 0 ? low : zeroBetween(low, high, lowValue, highValue);
    }
  }
  const last = levels[levels.length - 1] as number;
  const lastValue = values[values.length - 1] as number;
  if (lastValue > 0 && openFrom !== null) close(openFrom, tailSlope >= 0 ? null : last - lastValue / tailSlope);
  else if (lastValue <= 0 && tailSlope > 0) close(last - lastValue / tailSlope, null);
  return ranges;
}

/** Zero of the straight line through (low, lowValue) and (high, highValue), one rounding. */
function linearZero(low: number, high: number, lowValue: number, highValue: number): number {
  return low + (lowValue * (high - low)) / (lowValue - highValue);
}

function bisectZero(model: PayoffModel, low: number, high: number): number {
  let a = low;
  let b = high;
  const lowPositive = model.atExpiry(a) > 0;
  for (let step = 0; step < BISECTION_STEPS && b - a > BISECTION_TOLERANCE; step += 1) {
    const middle = 0.5 * (a + b);
    if (model.atExpiry(middle) > 0 === lowPositive) a = middle;
    else b = middle;
  }
  return 0.5 * (a + b);
}

function curvedSearchLevels(model: PayoffModel, spot: number): number[] {
  const reach = CURVED_SEARCH_REACH * Math.max(spot, model.strikes[model.strikes.length - 1] ?? 0);
  const levels = new Set<number>(model.strikes);
  for (let index = 0; index <= CURVED_SEARCH_POINTS; index += 1) levels.add((reach * index) / CURVED_SEARCH_POINTS);
  return [...levels].sort((a, b) => a - b);
}
