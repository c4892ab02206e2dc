import type { PayoffModel } from './payoff-model.ts';

/** Parallel arrays, ascending by underlying: the P&L curves a payoff chart draws. All paise. */
export type PayoffCurve = {
  /** Underlying levels, whole paise: an even grid plus every strike and today's spot exactly. */
  underlying: number[];
  /** P&L at the nearest expiry, whole paise (exact where the model is exact). */
  atExpiry: number[];
  /** P&L today (T+0), rounded to whole paise. */
  today: number[];
};

export type CurveOptions = {
  /** Points of the even grid (strikes and spot come on top); default 200. */
  points?: number;
  /** Underlying range in paise; default spot ± 10 %, widened to every strike ± 2.5 % of spot. */
  range?: { low: number; high: number };
};

export const DEFAULT_CURVE_POINTS = 200;
const DEFAULT_RANGE_FRACTION = 0.1;
const STRIKE_MARGIN_FRACTION = 0.025;

/** The default chart range: spot ± 10 %, widened to include every strike with a margin. */
export function defaultCurveRange(spot: number, strikes: readonly number[]): { low: number; high: number } {
  const margin = spot * STRIKE_MARGIN_FRACTION;
  let low = spot * (1 - DEFAULT_RANGE_FRACTION);
  let high = spot * (1 + DEFAULT_RANGE_FRACTION);
  const lowest = strikes[0];
  const highest = strikes[strikes.length - 1];
  if (lowest !== undefined) low = Math.min(low, lowest - margin);
  if (highest !== undefined) high = Math.max(high, highest + margin);
  return { low: Math.max(0, Math.floor(low)), high: Math.ceil(high) };
}

/** The payoff curve over a range; the only allocations are the grid and the three output arrays. */
export function payoffCurve(model: PayoffModel, spot: number, options: CurveOptions = {}): PayoffCurve {
  const underlying = curveLevels(spot, model.strikes, options);
  const size = underlying.length;
  const atExpiry = new Array<number>(size);
  const today = new Array<number>(size);
  for (let index = 0; index < size; index += 1) {
    const level = underlying[index] as number;
    atExpiry[index] = Math.round(model.atExpiry(level));
    today[index] = Math.round(model.today(level));
  }
  return { underlying, atExpiry, today };
}

/** Sorted distinct whole-paise levels: an even grid over the range, every strike in it, and spot. */
function curveLevels(spot: number, strikes: readonly number[], options: CurveOptions): number[] {
  const { low, high } = options.range ?? defaultCurveRange(spot, strikes);
  const points = Math.max(2, Math.floor(options.points ?? DEFAULT_CURVE_POINTS));
  const candidates = new Float64Array(points + strikes.length + 1);
  let filled = 0;
  const step = (high - low) / (points - 1);
  for (let index = 0; index < points; index += 1) candidates[filled++] = Math.round(low + step * index);
  for (const strike of strikes) if (strike >= low && strike <= high) candidates[filled++] = strike;
  if (spot >= low && spot <= high) candidates[filled++] = Math.round(spot);
  const sorted = candidates.subarray(0, filled).sort();
  const levels: number[] = [];
  for (let index = 0; index < sorted.length; index += 1) {
    const level = sorted[index] as number;
    if (index === 0 || level !== sorted[index - 1]) levels.push(level);
  }
  return levels;
}
