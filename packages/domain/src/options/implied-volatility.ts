import type { OptionRight } from './option-right.ts';
import { inverseNormalCdf, normalCdf, normalTailAndDensity } from './normal-distribution.ts';
import {
  DBL_EPSILON,
  DBL_MAX,
  DBL_MIN,
  SQRT_DBL_MAX,
  logMoneyness,
  ONE_OVER_SQRT_TWO_PI,
  normalisedBlackOutOfTheMoney,
  normalisedExpFactor,
  normalisedIntrinsic,
} from './normalised-black.ts';
import {
  convexControlParameterToFitSecondDerivativeAtLeftSide,
  convexControlParameterToFitSecondDerivativeAtRightSide,
  rationalCubicInterpolation,
} from './rational-cubic.ts';

/**
 * Implied Black volatility by Jäckel's "Let's Be Rational" (Wilmott 2015): the price is normalised,
 * in-the-money options are mapped to out-of-the-money ones, a rational initial guess is taken on one
 * of four branches (with transformed objectives on the outer two so the function to invert is nearly
 * linear), and two Householder(3) steps reach machine precision. Ported from the reference
 * implementation (Copyright © 2013-2014 Peter Jäckel; freely distributable with this notice).
 * Allocation-free: the chain recompute calls it hundreds of times per tick.
 */

const MAXIMUM_ITERATIONS = 2;
const SQRT_THREE = 1.73205080756887729352744634150587236694280525381;
const SQRT_ONE_OVER_THREE = 0.577350269189625764509148780501957455647601751270;
const TWO_PI = 6.283185307179586476925286766559005768394338798750;
const SQRT_PI_OVER_TWO = 1.253314137315500251207882642405522626503493370305;
const TWO_PI_OVER_SQRT_TWENTY_SEVEN = 1.209199576156145233729385505094770488189377498728;
const PI_OVER_SIX = 0.523598775598298873077107230546583814032861566563;
/** Returned by the normalised solver when β ≥ b_max = e^{x/2}. */
const ABOVE_MAXIMUM_SIGNAL = -1;

/** Failure codes of the allocation-free solver: negative, so any positive return is a volatility. */
export const IV_BELOW_INTRINSIC = -1;
export const IV_ABOVE_MAXIMUM = -2;
export const IV_NO_TIME_VALUE = -3;
export const IV_INVALID_INPUT = -4;

export type ImpliedVolatilityFailure = 'BELOW_INTRINSIC' | 'ABOVE_MAXIMUM' | 'NO_TIME_VALUE' | 'INVALID_INPUT';

export type ImpliedVolatilityResult = { ok: true; volatility: number } | { ok: false; reason: ImpliedVolatilityFailure };

export type ImpliedVolatilityInput = {
  right: OptionRight;
  /** Discounted option price, in the same unit as forward and strike. */
  price: number;
  forward: number;
  strike: number;
  /** Time to expiry in years (ACT/365), > 0. */
  timeYears: number;
  /** exp(−r·T). */
  discountFactor: number;
};

const FAILURE_REASONS: Readonly<Record<number, ImpliedVolatilityFailure>> = {
  [IV_BELOW_INTRINSIC]: 'BELOW_INTRINSIC',
  [IV_ABOVE_MAXIMUM]: 'ABOVE_MAXIMUM',
  [IV_NO_TIME_VALUE]: 'NO_TIME_VALUE',
  [IV_INVALID_INPUT]: 'INVALID_INPUT',
};

export function ivFailureReason(code: number): ImpliedVolatilityFailure {
  return FAILURE_REASONS[code] ?? 'INVALID_INPUT';
}

/**
 * Implied volatility of a European option under Black-76. Never NaN or Infinity: a price that
 * carries no volatility information gets a typed reason instead.
 * - BELOW_INTRINSIC: price < discounted intrinsic value.
 * - ABOVE_MAXIMUM: price ≥ the upper bound D·F (call) or D·K (put), to within 4 ulps.
 * - NO_TIME_VALUE: no time value, or an in-the-money time value within 4 ulps of the price (rounding
 *   noise), or a normalised price so small it is subnormal: σ is indeterminate.
 * - INVALID_INPUT: a non-finite or non-positive forward, strike, time or discount factor (expired).
 */
export function impliedVolatility(input: ImpliedVolatilityInput): ImpliedVolatilityResult {
  const value = impliedVolatilityCode(
    input.right === 'CALL',
    input.price,
    input.forward,
    input.strike,
    input.timeYears,
    input.discountFactor,
  );
  return value > 0 ? { ok: true, volatility: value } : { ok: false, reason: ivFailureReason(value) };
}

/** Allocation-free form of impliedVolatility: the volatility (> 0), or one of the negative IV_* codes. */
export function impliedVolatilityCode(
  isCall: boolean,
  price: number,
  forward: number,
  strike: number,
  timeYears: number,
  discountFactor: number,
): number {
  if (
    !(forward > 0 && forward < Infinity) ||
    !(strike > 0 && strike < Infinity) ||
    !(timeYears > 0 && timeYears < Infinity) ||
    !(discountFactor > 0 && discountFactor < Infinity) ||
    !(Math.abs(price) < Infinity)
  ) {
    return IV_INVALID_INPUT;
  }
  const undiscounted = price / discountFactor;
  const intrinsic = Math.max(isCall ? forward - strike : strike - forward, 0);
  if (undiscounted < intrinsic) return IV_BELOW_INTRINSIC;
  // Within rounding (4 ulps) of the bound the price says only "σ is huge": no usable volatility.
  if (undiscounted >= (isCall ? forward : strike) * (1 - 4 * DBL_EPSILON)) return IV_ABOVE_MAXIMUM;
  const x = logMoneyness(forward, strike);
  let theta: 1 | -1 = isCall ? 1 : -1;
  let timeValue = undiscounted;
  // Map in-the-money to out-of-the-money (put-call parity on the undiscounted prices).
  if (theta * x > 0) {
    timeValue = undiscounted - intrinsic;
    // A time value within rounding (4 ulps) of an in-the-money price is noise, not information.
    if (timeValue <= 4 * DBL_EPSILON * undiscounted) return IV_NO_TIME_VALUE;
    theta = theta === 1 ? -1 : 1;
  }
  if (!(timeValue > 0)) return IV_NO_TIME_VALUE;
  const beta = timeValue / (Math.sqrt(forward) * Math.sqrt(strike));
  // A subnormal normalised price has lost its significant digits: no volatility can be read from it.
  if (!(beta >= DBL_MIN)) return IV_NO_TIME_VALUE;
  const s = normalisedImpliedVolatility(beta, x, theta);
  if (s === ABOVE_MAXIMUM_SIGNAL) return IV_ABOVE_MAXIMUM;
  if (!(s > 0)) return IV_NO_TIME_VALUE;
  const volatility = s / Math.sqrt(timeYears);
  return volatility < Infinity ? volatility : IV_ABOVE_MAXIMUM;
}

// Second result of blackAndVega (single-threaded, never escapes this module): saves an exponential
// per evaluation because b and b' share exp(−½(h² + t²)). A typed array, because writing a double to
// a module-level `let` boxes it (an allocation per write in V8).
const vegaSlot = new Float64Array(1);
const tailAndDensity = new Float64Array(2);

/** b(x, s) for x ≤ 0; sets vegaSlot[0] = ∂b/∂s. */
function blackAndVega(x: number, s: number): number {
  if (!(s > 0)) {
    vegaSlot[0] = x === 0 ? ONE_OVER_SQRT_TWO_PI : 0;
    return 0;
  }
  const e = normalisedExpFactor(x, s);
  vegaSlot[0] = ONE_OVER_SQRT_TWO_PI * e;
  return normalisedBlackOutOfTheMoney(x, s, e);
}

const householderFactor = (newton: number, halley: number, hh3: number): number =>
  (1 + 0.5 * halley * newton) / (1 + newton * (halley + (hh3 * newton) / 6));

/**
 * s = σ√T such that b(x, s) = β for an out-of-the-money option (θ·x ≤ 0 after the caller's mapping);
 * 0 when β ≤ 0, ABOVE_MAXIMUM_SIGNAL when β ≥ e^{x/2}.
 */
export function normalisedImpliedVolatility(beta: number, x: number, theta: 1 | -1): number {
  // Subtract intrinsic.
  if (theta * x > 0) {
    beta = Math.abs(Math.max(beta - normalisedIntrinsic(x, theta), 0));
    theta = theta === 1 ? -1 : 1;
  }
  // Map puts to calls.
  if (theta < 0) x = -x;
  if (beta <= 0) return 0;
  const bMax = Math.exp(0.5 * x);
  if (beta >= bMax) return ABOVE_MAXIMUM_SIGNAL;
  let iterations = 0;
  let directionReversalCount = 0;
  let f = -DBL_MAX;
  let s = -DBL_MAX;
  let ds = s;
  let dsPrevious = 0;
  let sLeft = DBL_MIN;
  let sRight = DBL_MAX;
  const sC = Math.sqrt(Math.abs(2 * x));
  const bC = blackAndVega(x, sC);
  const vC = vegaSlot[0] as number;
  if (beta < bC) {
    const sL = sC - bC / vC;
    const bL = blackAndVega(x, sL);
    const vL = vegaSlot[0] as number;
    if (beta < bL) {
      // Lower map f(β) = 2π/√27·|x|·Φ(−z)³, z = |x|/(√3·s), and its first two derivatives at s_l.
      const ax = Math.abs(x);
      const z = (SQRT_ONE_OVER_THREE * ax) / sL;
      const y = z * z;
      const s2 = sL * sL;
      normalTailAndDensity(z, tailAndDensity);
      const capitalPhi = tailAndDensity[0] as number;
      const smallPhi = tailAndDensity[1] as number;
      const expTwice = Math.exp(2 * y + 0.25 * s2);
      // exp(y + s²/8) as √exp(2y + s²/4): a square root is cheaper than an exponential.
      const expOnce = expTwice < Infinity ? Math.sqrt(expTwice) : Math.exp(y + 0.125 * s2);
      const d2FLowerMap =
        ((PI_OVER_SIX * y) / (s2 * sL)) *
        capitalPhi *
        (8 * SQRT_THREE * sL * ax + ((3 * s2 * (s2 - 8) - 8 * x * x) * capitalPhi) / smallPhi) *
        expTwice;
      const capitalPhi2 = capitalPhi * capitalPhi;
      const dFLowerMap = TWO_PI * y * capitalPhi2 * expOnce;
      const fLowerMap = TWO_PI_OVER_SQRT_TWENTY_SEVEN * ax * (capitalPhi2 * capitalPhi);
      const rLL = convexControlParameterToFitSecondDerivativeAtRightSide(0, bL, 0, fLowerMap, 1, dFLowerMap, d2FLowerMap, true);
      f = rationalCubicInterpolation(beta, 0, bL, 0, fLowerMap, 1, dFLowerMap, rLL);
      if (!(f > 0)) {
        // Round-off for extreme values such as |x| > 500: quadratic through f(0) = 0, f(b_l), f'(0) = 1.
        const t = beta / bL;
        f = (fLowerMap * t + bL * (1 - t)) * t;
      }
      s = Math.abs(x / (SQRT_THREE * inverseNormalCdf(Math.cbrt(f / (TWO_PI_OVER_SQRT_TWENTY_SEVEN * ax)))));
      sRight = sL;
      const lnBeta = Math.log(beta);
      // Objective g(s) = 1/ln(b(s)) − 1/ln(β), which is nearly linear in this segment:
      //   newton = −g/g' = (ln β − ln b)·ln b/ln β·b/b'
      //   halley = g''/g' = b''/b' − b'/b·(1 + 2/ln b)
      //   hh3 = g'''/g' = b'''/b' + 2(b'/b)²·(1 + 3/ln b·(1 + 1/ln b)) − 3(b''/b)·(1 + 2/ln b)
      while (iterations < MAXIMUM_ITERATIONS && Math.abs(ds) > DBL_EPSILON * s) {
        if (ds * dsPrevious < 0) directionReversalCount++;
        if (iterations > 0 && (directionReversalCount === 3 || !(s > sLeft && s < sRight))) {
          // Looping inefficiently or stepping out of the bracket: bisect (only for extreme |x|).
          s = 0.5 * (sLeft + sRight);
          if (sRight - sLeft <= DBL_EPSILON * s) break;
          directionReversalCount = 0;
          ds = 0;
        }
        dsPrevious = ds;
        const b = blackAndVega(x, s);
        const bp = vegaSlot[0] as number;
        if (b > beta && s < sRight) sRight = s;
        else if (b < beta && s > sLeft) sLeft = s;
        if (b <= 0 || bp <= 0) {
          ds = 0.5 * (sLeft + sRight) - s; // underflow: bisect for this iteration
        } else {
          const lnB = Math.log(b);
          const bpob = bp / b;
          const h = x / s;
          const bHalley = (h * h) / s - s / 4;
          const newton = (((lnBeta - lnB) * lnB) / lnBeta) / bpob;
          const halley = bHalley - bpob * (1 + 2 / lnB);
          const bHh3 = bHalley * bHalley - 3 * (h / s) * (h / s) - 0.25;
          const hh3 = bHh3 + 2 * bpob * bpob * (1 + (3 / lnB) * (1 + 1 / lnB)) - 3 * bHalley * bpob * (1 + 2 / lnB);
          ds = newton * householderFactor(newton, halley, hh3);
        }
        ds = Math.max(-0.5 * s, ds);
        s += ds;
        iterations++;
      }
      return s;
    }
    const rLM = convexControlParameterToFitSecondDerivativeAtRightSide(bL, bC, sL, sC, 1 / vL, 1 / vC, 0, false);
    s = rationalCubicInterpolation(beta, bL, bC, sL, sC, 1 / vL, 1 / vC, rLM);
    sLeft = sL;
    sRight = sC;
  } else {
    const sH = vC > DBL_MIN ? sC + (bMax - bC) / vC : sC;
    const bH = blackAndVega(x, sH);
    const vH = vegaSlot[0] as number;
    if (beta <= bH) {
      const rHM = convexControlParameterToFitSecondDerivativeAtLeftSide(bC, bH, sC, sH, 1 / vC, 1 / vH, 0, false);
      s = rationalCubicInterpolation(beta, bC, bH, sC, sH, 1 / vC, 1 / vH, rHM);
      sLeft = sC;
      sRight = sH;
    } else {
      // Upper map f(β) = Φ(−s/2) and its first two derivatives at s_h.
      const fUpperMap = normalCdf(-0.5 * sH);
      let dFUpperMap = -0.5;
      let d2FUpperMap = 0;
      if (x !== 0) {
        const w = (x / sH) * (x / sH);
        dFUpperMap = -0.5 * Math.exp(0.5 * w);
        d2FUpperMap = (SQRT_PI_OVER_TWO * Math.exp(w + 0.125 * sH * sH) * w) / sH;
      }
      if (d2FUpperMap > -SQRT_DBL_MAX && d2FUpperMap < SQRT_DBL_MAX) {
        const rHH = convexControlParameterToFitSecondDerivativeAtLeftSide(bH, bMax, fUpperMap, 0, dFUpperMap, -0.5, d2FUpperMap, true);
        f = rationalCubicInterpolation(beta, bH, bMax, fUpperMap, 0, dFUpperMap, -0.5, rHH);
      }
      if (f <= 0) {
        // Quadratic through f(b_h), f(b_max) = 0 and f'(b_max) = −1/2.
        const h = bMax - bH;
        const t = (beta - bH) / h;
        f = (fUpperMap * (1 - t) + 0.5 * h * t) * (1 - t);
      }
      s = -2 * inverseNormalCdf(f);
      sLeft = sH;
      if (beta > 0.5 * bMax) {
        // Objective g(s) = ln(b_max − β) − ln(b_max − b(s)):
        //   newton = −g/g', halley = b''/b' + b'/(b_max − b), hh3 = b'''/b' + g'·(2g' + 3b''/b')
        while (iterations < MAXIMUM_ITERATIONS && Math.abs(ds) > DBL_EPSILON * s) {
          if (ds * dsPrevious < 0) directionReversalCount++;
          if (iterations > 0 && (directionReversalCount === 3 || !(s > sLeft && s < sRight))) {
            s = 0.5 * (sLeft + sRight);
            if (sRight - sLeft <= DBL_EPSILON * s) break;
            directionReversalCount = 0;
            ds = 0;
          }
          dsPrevious = ds;
          const b = blackAndVega(x, s);
          const bp = vegaSlot[0] as number;
          if (b > beta && s < sRight) sRight = s;
          else if (b < beta && s > sLeft) sLeft = s;
          if (b >= bMax || bp <= DBL_MIN) {
            ds = 0.5 * (sLeft + sRight) - s;
          } else {
            const bMaxMinusB = bMax - b;
            const g = Math.log((bMax - beta) / bMaxMinusB);
            const gp = bp / bMaxMinusB;
            const bHalley = (x / s) * (x / s) / s - s / 4;
            const bHh3 = bHalley * bHalley - 3 * (x / (s * s)) * (x / (s * s)) - 0.25;
            const newton = -g / gp;
            const halley = bHalley + gp;
            const hh3 = bHh3 + gp * (2 * gp + 3 * bHalley);
            ds = newton * householderFactor(newton, halley, hh3);
          }
          ds = Math.max(-0.5 * s, ds);
          s += ds;
          iterations++;
        }
        return s;
      }
    }
  }
  // Middle segments: objective g(s) = b(s) − β, with
  //   newton = −(b − β)/b', halley = b''/b' = x²/s³ − s/4, hh3 = b'''/b' = halley² − 3(x/s²)² − 1/4.
  while (iterations < MAXIMUM_ITERATIONS && Math.abs(ds) > DBL_EPSILON * s) {
    if (ds * dsPrevious < 0) directionReversalCount++;
    if (iterations > 0 && (directionReversalCount === 3 || !(s > sLeft && s < sRight))) {
      s = 0.5 * (sLeft + sRight);
      if (sRight - sLeft <= DBL_EPSILON * s) break;
      directionReversalCount = 0;
      ds = 0;
    }
    dsPrevious = ds;
    const b = blackAndVega(x, s);
    const bp = vegaSlot[0] as number;
    if (b > beta && s < sRight) sRight = s;
    else if (b < beta && s > sLeft) sLeft = s;
    const newton = (beta - b) / bp;
    const halley = (x / s) * (x / s) / s - s / 4;
    const hh3 = halley * halley - 3 * (x / (s * s)) * (x / (s * s)) - 0.25;
    ds = Math.max(-0.5 * s, newton * householderFactor(newton, halley, hh3));
    s += ds;
    iterations++;
  }
  return s;
}
