import { DAYS_PER_YEAR, emptyGreeks, undiscountedBlack, type OptionGreeks } from './black76.ts';
import { impliedVolatility, type ImpliedVolatilityResult } from './implied-volatility.ts';
import type { OptionRight } from './option-right.ts';
import { normalCdf, normalPdf } from './normal-distribution.ts';
import { logMoneyness } from './normalised-black.ts';

/**
 * Black-Scholes-Merton: a European option on a spot underlying paying a continuous dividend yield q.
 * It is Black-76 on the forward F = S·e^{(r−q)T}; only the Greeks differ, because they are taken with
 * respect to the spot with r and q held fixed (so theta and rho also move the forward).
 */
export type BlackScholesMertonInput = {
  right: OptionRight;
  spot: number;
  strike: number;
  /** Time to expiry in years (ACT/365). */
  timeYears: number;
  volatility: number;
  /** Continuously compounded risk-free rate, e.g. 0.065. */
  rate: number;
  /** Continuously compounded dividend yield, e.g. 0.012. */
  dividendYield: number;
};

const forwardOf = (spot: number, rate: number, dividendYield: number, time: number): number =>
  spot * Math.exp((rate - dividendYield) * time);

export function bsmPrice(input: BlackScholesMertonInput): number {
  const { right, spot, strike, timeYears, volatility, rate, dividendYield } = input;
  if (!(spot > 0) || !(strike > 0)) throw new RangeError('bsmPrice: spot and strike must be positive');
  const time = Math.max(timeYears, 0);
  const forward = forwardOf(spot, rate, dividendYield, time);
  return Math.exp(-rate * time) * undiscountedBlack(right === 'CALL', forward, strike, volatility * Math.sqrt(time));
}

/**
 * Price and Greeks (same units as OptionGreeks; delta and gamma with respect to the spot):
 *   call θ·365 = −S e^{−qT} φ(d1) σ/(2√T) − r K e^{−rT} N(d2) + q S e^{−qT} N(d1)
 *   call ρ·100 = K T e^{−rT} N(d2),  put ρ·100 = −K T e^{−rT} N(−d2)
 */
export function bsmGreeks(input: BlackScholesMertonInput, out: OptionGreeks = emptyGreeks()): OptionGreeks {
  const { right, spot, strike, timeYears, volatility, rate, dividendYield } = input;
  if (!(spot > 0) || !(strike > 0)) throw new RangeError('bsmGreeks: spot and strike must be positive');
  const isCall = right === 'CALL';
  const time = timeYears > 0 ? timeYears : 0;
  const discount = Math.exp(-rate * time);
  const dividendDiscount = Math.exp(-dividendYield * time);
  const forward = forwardOf(spot, rate, dividendYield, time);
  const sqrtTime = Math.sqrt(time);
  const stdDev = volatility * sqrtTime;
  const price = discount * undiscountedBlack(isCall, forward, strike, stdDev);
  out.price = price;
  if (!(stdDev > 0 && stdDev < Infinity)) {
    const moneyness = isCall ? forward - strike : strike - forward;
    const step = moneyness > 0 ? 1 : moneyness === 0 ? 0.5 : 0;
    const sign = isCall ? 1 : -1;
    out.delta = sign * step * dividendDiscount;
    out.gamma = 0;
    out.theta = (sign * step * (dividendYield * spot * dividendDiscount - rate * strike * discount)) / DAYS_PER_YEAR;
    out.vega = 0;
    out.rho = (sign * step * strike * time * discount) / 100;
    return out;
  }
  const d1 = logMoneyness(forward, strike) / stdDev + 0.5 * stdDev;
  const d2 = d1 - stdDev;
  const spotDensity = spot * dividendDiscount * normalPdf(d1);
  const decay = -(spotDensity * volatility) / (2 * sqrtTime);
  if (isCall) {
    const nd1 = normalCdf(d1);
    const nd2 = normalCdf(d2);
    out.delta = dividendDiscount * nd1;
    out.theta = (decay - rate * strike * discount * nd2 + dividendYield * spot * dividendDiscount * nd1) / DAYS_PER_YEAR;
    out.rho = (strike * time * discount * nd2) / 100;
  } else {
    const nMinusD1 = normalCdf(-d1);
    const nMinusD2 = normalCdf(-d2);
    out.delta = -dividendDiscount * nMinusD1;
    out.theta =
      (decay + rate * strike * discount * nMinusD2 - dividendYield * spot * dividendDiscount * nMinusD1) / DAYS_PER_YEAR;
    out.rho = (-strike * time * discount * nMinusD2) / 100;
  }
  out.gamma = spotDensity / (spot * spot * stdDev);
  out.vega = (spotDensity * sqrtTime) / 100;
  return out;
}

/** Implied volatility of a spot option with dividend yield, through the Black-76 solver on the forward. */
export function bsmImpliedVolatility(
  input: Omit<BlackScholesMertonInput, 'volatility'> & { price: number },
): ImpliedVolatilityResult {
  const { right, spot, strike, timeYears, rate, dividendYield, price } = input;
  if (!(spot > 0 && spot < Infinity) || !(timeYears > 0) || !Number.isFinite(rate) || !Number.isFinite(dividendYield)) {
    return { ok: false, reason: 'INVALID_INPUT' };
  }
  return impliedVolatility({
    right,
    price,
    forward: forwardOf(spot, rate, dividendYield, timeYears),
    strike,
    timeYears,
    discountFactor: Math.exp(-rate * timeYears),
  });
}
