import { erfcx, normalCdf } from './normal-distribution.ts';

/**
 * The normalised Black function of Jäckel's "Let's Be Rational" (2015), ported from the reference
 * implementation (Copyright © 2013-2014 Peter Jäckel; permission to use, copy, modify and distribute
 * freely granted provided this notice is preserved):
 *
 *   b(x, s) = Φ(x/s + s/2)·e^{x/2} − Φ(x/s − s/2)·e^{−x/2},   x = ln(F/K),  s = σ√T,
 *
 * so that an undiscounted Black call is √(F·K)·b(x, s). Evaluated in four regions so that it keeps
 * full relative precision where the textbook formula cancels catastrophically (deep out of the money,
 * tiny σ√T): an asymptotic expansion, a small-s expansion, the plain formula when the first term
 * dominates, and otherwise a difference of two erfcx values under a single exponential.
 */

export const DBL_EPSILON = 2.220446049250313e-16;
export const DBL_MIN = 2.2250738585072014e-308;
export const DBL_MAX = 1.7976931348623157e308;
export const SQRT_DBL_MIN = Math.sqrt(DBL_MIN);
export const SQRT_DBL_MAX = Math.sqrt(DBL_MAX);
const FOURTH_ROOT_DBL_EPSILON = Math.sqrt(Math.sqrt(DBL_EPSILON));
const SIXTEENTH_ROOT_DBL_EPSILON = Math.sqrt(Math.sqrt(FOURTH_ROOT_DBL_EPSILON));
export const ONE_OVER_SQRT_TWO = 0.7071067811865475244008443621048490392848359376887;
export const ONE_OVER_SQRT_TWO_PI = 0.3989422804014326779399460599343818684758586311649;
export const SQRT_TWO_PI = 2.506628274631000502415765284811045253006986740610;

const ASYMPTOTIC_EXPANSION_ACCURACY_THRESHOLD = -10;
const SMALL_T_EXPANSION_THRESHOLD = 2 * SIXTEENTH_ROOT_DBL_EPSILON;

/**
 * Normalised intrinsic value of a call (θ = +1) or put (θ = −1): max(θ·(e^{x/2} − e^{−x/2}), 0),
 * by its Taylor series near x = 0 so it stays relatively accurate for tiny |x|.
 */
export function normalisedIntrinsic(x: number, theta: 1 | -1): number {
  if (theta * x <= 0) return 0;
  const x2 = x * x;
  // The factor 98 is computed from the last coefficient: √√92897280 = 98.1749
  if (x2 < 98 * FOURTH_ROOT_DBL_EPSILON) {
    return Math.abs(theta * x * (1 + x2 * (1 / 24 + x2 * (1 / 1920 + x2 * (1 / 322560 + (1 / 92897280) * x2)))));
  }
  const bMax = Math.exp(0.5 * x);
  return Math.abs(theta * (bMax - 1 / bMax));
}

/** Region 1: 17th-order asymptotic expansion for h = x/s ≤ −10 and t = s/2 small relative to |h|. */
function asymptoticExpansion(h: number, t: number, e0: number): number {
  const e = (t / h) * (t / h);
  const r = (h + t) * (h - t);
  const q = (h / r) * (h / r);
  // prettier-ignore
  const sum = (2.0+q*(-6.0E0-2.0*e+3.0*q*(1.0E1+e*(2.0E1+2.0*e)+5.0*q*(-1.4E1+e*(-7.0E1+e*(-4.2E1-2.0*e))+7.0*q*(1.8E1+e*(1.68E2+e*(2.52E2+e*(7.2E1+2.0*e)))+9.0*q*(-2.2E1+e*(-3.3E2+e*(-9.24E2+e*(-6.6E2+e*(-1.1E2-2.0*e))))+1.1E1*q*(2.6E1+e*(5.72E2+e*(2.574E3+e*(3.432E3+e*(1.43E3+e*(1.56E2+2.0*e)))))+1.3E1*q*(-3.0E1+e*(-9.1E2+e*(-6.006E3+e*(-1.287E4+e*(-1.001E4+e*(-2.73E3+e*(-2.1E2-2.0*e))))))+1.5E1*q*(3.4E1+e*(1.36E3+e*(1.2376E4+e*(3.8896E4+e*(4.862E4+e*(2.4752E4+e*(4.76E3+e*(2.72E2+2.0*e)))))))+1.7E1*q*(-3.8E1+e*(-1.938E3+e*(-2.3256E4+e*(-1.00776E5+e*(-1.84756E5+e*(-1.51164E5+e*(-5.4264E4+e*(-7.752E3+e*(-3.42E2-2.0*e))))))))+1.9E1*q*(4.2E1+e*(2.66E3+e*(4.0698E4+e*(2.3256E5+e*(5.8786E5+e*(7.05432E5+e*(4.0698E5+e*(1.08528E5+e*(1.197E4+e*(4.2E2+2.0*e)))))))))+2.1E1*q*(-4.6E1+e*(-3.542E3+e*(-6.7298E4+e*(-4.90314E5+e*(-1.63438E6+e*(-2.704156E6+e*(-2.288132E6+e*(-9.80628E5+e*(-2.01894E5+e*(-1.771E4+e*(-5.06E2-2.0*e))))))))))+2.3E1*q*(5.0E1+e*(4.6E3+e*(1.0626E5+e*(9.614E5+e*(4.08595E6+e*(8.9148E6+e*(1.04006E7+e*(6.53752E6+e*(2.16315E6+e*(3.542E5+e*(2.53E4+e*(6.0E2+2.0*e)))))))))))+2.5E1*q*(-5.4E1+e*(-5.85E3+e*(-1.6146E5+e*(-1.77606E6+e*(-9.37365E6+e*(-2.607579E7+e*(-4.01166E7+e*(-3.476772E7+e*(-1.687257E7+e*(-4.44015E6+e*(-5.9202E5+e*(-3.51E4+e*(-7.02E2-2.0*e))))))))))))+2.7E1*q*(5.8E1+e*(7.308E3+e*(2.3751E5+e*(3.12156E6+e*(2.003001E7+e*(6.919458E7+e*(1.3572783E8+e*(1.5511752E8+e*(1.0379187E8+e*(4.006002E7+e*(8.58429E6+e*(9.5004E5+e*(4.7502E4+e*(8.12E2+2.0*e)))))))))))))+2.9E1*q*(-6.2E1+e*(-8.99E3+e*(-3.39822E5+e*(-5.25915E6+e*(-4.032015E7+e*(-1.6934463E8+e*(-4.1250615E8+e*(-6.0108039E8+e*(-5.3036505E8+e*(-2.8224105E8+e*(-8.870433E7+e*(-1.577745E7+e*(-1.472562E6+e*(-6.293E4+e*(-9.3E2-2.0*e))))))))))))))+3.1E1*q*(6.6E1+e*(1.0912E4+e*(4.74672E5+e*(8.544096E6+e*(7.71342E7+e*(3.8707344E8+e*(1.14633288E9+e*(2.07431664E9+e*(2.33360622E9+e*(1.6376184E9+e*(7.0963464E8+e*(1.8512208E8+e*(2.7768312E7+e*(2.215136E6+e*(8.184E4+e*(1.056E3+2.0*e)))))))))))))))+3.3E1*(-7.0E1+e*(-1.309E4+e*(-6.49264E5+e*(-1.344904E7+e*(-1.4121492E8+e*(-8.344518E8+e*(-2.9526756E9+e*(-6.49588632E9+e*(-9.0751353E9+e*(-8.1198579E9+e*(-4.6399188E9+e*(-1.6689036E9+e*(-3.67158792E8+e*(-4.707164E7+e*(-3.24632E6+e*(-1.0472E5+e*(-1.19E3-2.0*e)))))))))))))))))*q)))))))))))))))));
  const b = ONE_OVER_SQRT_TWO_PI * e0 * (t / r) * sum;
  return Math.abs(Math.max(b, 0));
}

/** Region 2: expansion of Y(h+t) − Y(h−t), Y = Φ/φ, to twelfth order in t, for t < 2·ε^(1/16) ≈ 0.21. */
function smallTExpansion(h: number, t: number, e0: number): number {
  // a := 1 + h·Y(h), Y(h) = √(π/2)·erfcx(−h/√2); a > 0 and a → 0 as h → −∞.
  const a = 1 + h * (0.5 * SQRT_TWO_PI) * erfcx(-ONE_OVER_SQRT_TWO * h);
  const w = t * t;
  const h2 = h * h;
  // Divisions by the factorials written as multiplications by their reciprocals (this is the hot
  // region for index options: σ√T < 0.42).
  // prettier-ignore
  const expansion = 2*t*(a+w*((-1+3*a+a*h2)*(1/6)+w*((-7+15*a+h2*(-1+10*a+a*h2))*(1/120)+w*((-57+105*a+h2*(-18+105*a+h2*(-1+21*a+a*h2)))*(1/5040)+w*((-561+945*a+h2*(-285+1260*a+h2*(-33+378*a+h2*(-1+36*a+a*h2))))*(1/362880)+w*((-6555+10395*a+h2*(-4680+17325*a+h2*(-840+6930*a+h2*(-52+990*a+h2*(-1+55*a+a*h2)))))*(1/39916800)+((-89055+135135*a+h2*(-82845+270270*a+h2*(-20370+135135*a+h2*(-1926+25740*a+h2*(-75+2145*a+h2*(-1+78*a+a*h2))))))*w)*(1/6227020800.0)))))));
  const b = ONE_OVER_SQRT_TWO_PI * e0 * expansion;
  return Math.abs(Math.max(b, 0));
}

/** Region 3: the plain formula, when the first term dominates (h + t > 0.85). */
function usingNormalCdf(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  const bMax = Math.exp(0.5 * x);
  const b = normalCdf(h + t) * bMax - normalCdf(h - t) / bMax;
  return Math.abs(Math.max(b, 0));
}

/** Region 4: b = ½·exp(−½(h²+t²))·[erfcx(−(h+t)/√2) − erfcx(−(h−t)/√2)], one exponential only. */
function usingErfcx(h: number, t: number, e0: number): number {
  const b = 0.5 * e0 * (erfcx(-ONE_OVER_SQRT_TWO * (h + t)) - erfcx(-ONE_OVER_SQRT_TWO * (h - t)));
  return Math.abs(Math.max(b, 0));
}

/**
 * x = ln(F/K), accurate to a few ulps of x itself even near the money, where ln(F/K) would lose the
 * relative precision of x to the rounding of F/K (and a far out-of-the-money price depends on x²/s²).
 */
export function logMoneyness(forward: number, strike: number): number {
  const difference = forward - strike; // exact when F and K are within a factor of 2 (Sterbenz)
  return Math.abs(difference) < 0.5 * strike ? Math.log1p(difference / strike) : Math.log(forward / strike);
}

/** b(x, s) for a call; puts follow from b_put(x, s) = b_call(−x, s). */
export function normalisedBlackCall(x: number, s: number): number {
  if (x > 0) return normalisedIntrinsic(x, 1) + normalisedBlackCall(-x, s);
  if (s <= 0) return normalisedIntrinsic(x, 1);
  return normalisedBlackOutOfTheMoney(x, s, NaN);
}

/**
 * exp(−½(h² + t²)), h = x/s, t = s/2: the factor shared by the normalised vega (this over √(2π)) and
 * three of the four regions of b(x, s). Hot loops compute it once for both.
 */
export function normalisedExpFactor(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return Math.exp(-0.5 * (h * h + t * t));
}

/**
 * b(x, s) for x ≤ 0 and s > 0. `expFactor` is normalisedExpFactor(x, s) when the caller has it, or
 * NaN to have it computed only if the region needs it.
 */
export function normalisedBlackOutOfTheMoney(x: number, s: number, expFactor: number): number {
  // h < η and t < τ + |h| − |η|, evaluated without dividing by s.
  if (
    x < s * ASYMPTOTIC_EXPANSION_ACCURACY_THRESHOLD &&
    0.5 * s * s + x < s * (SMALL_T_EXPANSION_THRESHOLD + ASYMPTOTIC_EXPANSION_ACCURACY_THRESHOLD)
  ) {
    return asymptoticExpansion(x / s, 0.5 * s, expFactor === expFactor ? expFactor : normalisedExpFactor(x, s));
  }
  if (0.5 * s < SMALL_T_EXPANSION_THRESHOLD) {
    return smallTExpansion(x / s, 0.5 * s, expFactor === expFactor ? expFactor : normalisedExpFactor(x, s));
  }
  if (x + 0.5 * s * s > s * 0.85) return usingNormalCdf(x, s);
  return usingErfcx(x / s, 0.5 * s, expFactor === expFactor ? expFactor : normalisedExpFactor(x, s));
}

/** ∂b/∂s = φ(x/s + s/2)·e^{x/2} = exp(−½((x/s)² + (s/2)²))/√(2π). */
export function normalisedVega(x: number, s: number): number {
  const ax = Math.abs(x);
  if (ax <= 0) return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.125 * s * s);
  if (s <= 0 || s <= ax * SQRT_DBL_MIN) return 0;
  const h = x / s;
  const t = 0.5 * s;
  return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * (h * h + t * t));
}
