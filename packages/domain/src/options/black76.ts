import type { OptionRight } from './option-right.ts';
import { normalTailAndDensity, normalTailGivenExp } from './normal-distribution.ts';
import { logMoneyness, normalisedBlackCall, normalisedBlackOutOfTheMoney } from './normalised-black.ts';

/**
 * Black-76: European options on a forward/future, the convention for NSE index options
 * (docs/adr/0007-options-conventions.md). Unit-agnostic: pass forward and strike in the same unit
 * (the engine uses paise as a float); price, theta, vega and rho come out in that unit. These are
 * model values — round to a tick at the edge and never book them as money.
 */
export type Black76Input = {
  right: OptionRight;
  forward: number;
  strike: number;
  /** Time to expiry in years (ACT/365). */
  timeYears: number;
  /** Annualised volatility, e.g. 0.13. */
  volatility: number;
  /** exp(−r·T). */
  discountFactor: number;
};

/**
 * Price and sensitivities of one option (per unit of underlying).
 * - delta: ∂V/∂F (Black-76) or ∂V/∂S (Black-Scholes-Merton), dimensionless.
 * - gamma: ∂²V/∂F², per unit of price.
 * - theta: value change for one calendar day passing, everything else fixed: −∂V/∂T / 365.
 * - vega: value change for a 1 vol point (0.01) rise in volatility: ∂V/∂σ / 100.
 * - rho: value change for a 1 percentage point (0.01) rise in the rate: ∂V/∂r / 100. For Black-76 the
 *   forward is held fixed, so rho = −T·V/100.
 */
export type OptionGreeks = {
  price: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
};

export const DAYS_PER_YEAR = 365;

export const emptyGreeks = (): OptionGreeks => ({ price: 0, delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 });

/**
 * Undiscounted Black price with full relative precision even deep out of the money: the intrinsic
 * value plus √(F·K)·b(−|x|, s), the normalised Black function of the out-of-the-money side.
 */
export function undiscountedBlack(isCall: boolean, forward: number, strike: number, stdDev: number): number {
  const intrinsic = Math.max(isCall ? forward - strike : strike - forward, 0);
  if (!(stdDev > 0)) return intrinsic;
  const x = logMoneyness(forward, strike);
  return intrinsic + Math.sqrt(forward) * Math.sqrt(strike) * normalisedBlackCall(-Math.abs(x), stdDev);
}

/** Discounted Black-76 price. At or past expiry (or zero vol) it is the discounted intrinsic value. */
export function black76Price(input: Black76Input): number {
  const { right, forward, strike, timeYears, volatility, discountFactor } = input;
  if (!(forward > 0) || !(strike > 0)) throw new RangeError('black76Price: forward and strike must be positive');
  const stdDev = volatility * Math.sqrt(Math.max(timeYears, 0));
  return discountFactor * undiscountedBlack(right === 'CALL', forward, strike, stdDev);
}

/**
 * Price and all Greeks in one pass sharing d1, Φ, φ and the discount; writes into `out` (pass a
 * reused object in hot loops: this allocates nothing then). The rate for theta is the continuously
 * compounded zero rate implied by the discount factor, r = −ln(D)/T.
 */
export function black76Greeks(input: Black76Input, out: OptionGreeks = emptyGreeks()): OptionGreeks {
  const { timeYears, discountFactor } = input;
  const rate = timeYears > 0 ? -Math.log(discountFactor) / timeYears : 0;
  return black76GreeksInto(
    input.right === 'CALL',
    input.forward,
    input.strike,
    timeYears,
    input.volatility,
    discountFactor,
    rate,
    out,
  );
}

const ONE_OVER_SQRT_TWO_PI = 0.3989422804014326779399460599343818684758586311649;
/** Where exp(−d1²/2) from the shared factor would lose precision to underflow: use the direct path. */
const SHARED_EXP_FLOOR = 1e-280;
// Two results of normalTailAndDensity (single-threaded scratch, never escapes this module).
const pair = new Float64Array(2);

/**
 * Positional, allocation-free form of black76Greeks for the chain and the engine's hot paths;
 * `rate` must be consistent with the discount factor (D = e^{−rT}).
 *
 * Why it is fast and accurate: the price is the intrinsic value plus the out-of-the-money option's
 * value (Jäckel's normalised Black, no cancellation), and the Φ/φ values that price needs are reused
 * for delta and gamma — about three exponentials per option instead of ten.
 */
export function black76GreeksInto(
  isCall: boolean,
  forward: number,
  strike: number,
  timeYears: number,
  volatility: number,
  discountFactor: number,
  rate: number,
  out: OptionGreeks,
): OptionGreeks {
  if (!(forward > 0) || !(strike > 0)) throw new RangeError('black76Greeks: forward and strike must be positive');
  const time = timeYears > 0 ? timeYears : 0;
  const sqrtTime = Math.sqrt(time);
  const stdDev = volatility * sqrtTime;
  const intrinsic = Math.max(isCall ? forward - strike : strike - forward, 0);
  if (!(stdDev > 0 && stdDev < Infinity)) {
    // Expired or zero volatility: discounted intrinsic value; delta is a step, the rest vanish.
    const moneyness = isCall ? forward - strike : strike - forward;
    const price = discountFactor * intrinsic;
    const step = moneyness > 0 ? 1 : moneyness === 0 ? 0.5 : 0;
    out.price = price;
    out.delta = discountFactor * (isCall ? step : -step);
    out.gamma = 0;
    out.theta = (rate * price) / DAYS_PER_YEAR;
    out.vega = 0;
    out.rho = (-time * price) / 100;
    return out;
  }
  const x = logMoneyness(forward, strike);
  const h = -Math.abs(x) / stdDev;
  const t = 0.5 * stdDev;
  // d1o, d2o: d1 and d2 of the out-of-the-money option in the normalised (call) frame.
  const d1o = h + t;
  let outOfTheMoney: number;
  let cdfD1: number; // N(d1)
  let cdfMinusD1: number; // N(−d1)
  let density: number; // φ(d1)
  if (d1o > 0.85) {
    // Jäckel's region 3, the plain formula: A·Φ(d1o) − B·Φ(d2o), (A, B) = (F, K) for an OTM call and
    // (K, F) for an OTM put, whose d1 is −d2o.
    const d2o = d1o - stdDev;
    normalTailAndDensity(d1o, pair);
    const tail1 = pair[0] as number;
    const density1 = pair[1] as number;
    normalTailAndDensity(Math.abs(d2o), pair);
    const tail2 = pair[0] as number;
    const cdfD1o = 1 - tail1;
    const cdfD2o = d2o < 0 ? tail2 : 1 - tail2;
    if (x <= 0) {
      outOfTheMoney = forward * cdfD1o - strike * cdfD2o;
      cdfD1 = cdfD1o;
      cdfMinusD1 = tail1;
      density = density1;
    } else {
      outOfTheMoney = strike * cdfD1o - forward * cdfD2o;
      cdfD1 = d2o < 0 ? 1 - tail2 : tail2;
      cdfMinusD1 = cdfD2o;
      density = pair[1] as number;
    }
  } else {
    const sqrtForward = Math.sqrt(forward);
    const sqrtStrike = Math.sqrt(strike);
    // e = exp(−½(h² + t²)) serves the normalised Black value and, since d1² = h² + t² + x,
    // exp(−d1²/2) = e·e^{−x/2} = e·√K/√F for Φ(d1) and φ(d1).
    const e = Math.exp(-0.5 * (h * h + t * t));
    outOfTheMoney = sqrtForward * sqrtStrike * normalisedBlackOutOfTheMoney(-Math.abs(x), stdDev, e);
    const d1 = x / stdDev + t;
    const absD1 = Math.abs(d1);
    const expHalfD1Squared = (e * sqrtStrike) / sqrtForward;
    let tail: number;
    if (expHalfD1Squared > SHARED_EXP_FLOOR) {
      tail = normalTailGivenExp(absD1, expHalfD1Squared);
      density = ONE_OVER_SQRT_TWO_PI * expHalfD1Squared;
    } else {
      normalTailAndDensity(absD1, pair);
      tail = pair[0] as number;
      density = pair[1] as number;
    }
    cdfD1 = d1 < 0 ? tail : 1 - tail;
    cdfMinusD1 = d1 < 0 ? 1 - tail : tail;
  }
  const price = discountFactor * (intrinsic + outOfTheMoney);
  const discountedForwardDensity = discountFactor * forward * density;
  out.price = price;
  out.delta = isCall ? discountFactor * cdfD1 : -discountFactor * cdfMinusD1;
  out.gamma = discountedForwardDensity / (forward * forward * stdDev);
  out.theta = (rate * price - (discountedForwardDensity * volatility) / (2 * sqrtTime)) / DAYS_PER_YEAR;
  out.vega = (discountedForwardDensity * sqrtTime) / 100;
  out.rho = (-time * price) / 100;
  return out;
}
