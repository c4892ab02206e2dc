import { black76GreeksInto, emptyGreeks } from './black76.ts';
import { impliedVolatilityCode } from './implied-volatility.ts';

/**
 * Recompute implied volatility and Greeks for a whole option chain (one underlying, one expiry) on
 * every underlying tick, into preallocated typed arrays: no allocation per tick, ~1 µs per option.
 *
 * Layout: index i is the i-th strike; calls and puts have their own arrays. Status is 0 when the
 * option has an implied volatility, otherwise the negative IV_* code from implied-volatility.ts
 * (BELOW_INTRINSIC, ABOVE_MAXIMUM, NO_TIME_VALUE, INVALID_INPUT — a missing quote is NaN and lands in
 * INVALID_INPUT). When status ≠ 0 every output of that option is NaN, so a reader that forgets the
 * status shows a blank, never a plausible but wrong number.
 */
export type ChainSide = {
  /** Input: discounted option price (mid), same unit as forward and strikes; NaN when unquoted. */
  price: Float64Array;
  status: Int8Array;
  iv: Float64Array;
  /** Model price at the solved IV (equals `price` to rounding). */
  modelPrice: Float64Array;
  delta: Float64Array;
  gamma: Float64Array;
  theta: Float64Array;
  vega: Float64Array;
  rho: Float64Array;
};

export type ChainBuffers = {
  size: number;
  strike: Float64Array;
  call: ChainSide;
  put: ChainSide;
};

const createSide = (size: number): ChainSide => ({
  price: new Float64Array(size).fill(NaN),
  status: new Int8Array(size),
  iv: new Float64Array(size),
  modelPrice: new Float64Array(size),
  delta: new Float64Array(size),
  gamma: new Float64Array(size),
  theta: new Float64Array(size),
  vega: new Float64Array(size),
  rho: new Float64Array(size),
});

export function createChainBuffers(size: number): ChainBuffers {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError('chain size must be a non-negative integer');
  return { size, strike: new Float64Array(size), call: createSide(size), put: createSide(size) };
}

export type ChainMarket = {
  /** The forward for this expiry (the future's price, or spot·e^{(r−q)T}). */
  forward: number;
  /** Years to expiry (ACT/365), from timeToExpiryYears. */
  timeYears: number;
  /** Continuously compounded rate for discounting the premium. */
  rate: number;
};

// Scratch for the Greeks kernel: single-threaded JS, and never escapes this module.
const scratch = emptyGreeks();

function recomputeSide(side: ChainSide, isCall: boolean, strikes: Float64Array, size: number, market: ChainMarket, discount: number): void {
  const { forward, timeYears } = market;
  for (let i = 0; i < size; i++) {
    const strike = strikes[i] as number;
    const vol = impliedVolatilityCode(isCall, side.price[i] as number, forward, strike, timeYears, discount);
    if (vol > 0) {
      black76GreeksInto(isCall, forward, strike, timeYears, vol, discount, market.rate, scratch);
      side.status[i] = 0;
      side.iv[i] = vol;
      side.modelPrice[i] = scratch.price;
      side.delta[i] = scratch.delta;
      side.gamma[i] = scratch.gamma;
      side.theta[i] = scratch.theta;
      side.vega[i] = scratch.vega;
      side.rho[i] = scratch.rho;
    } else {
      side.status[i] = vol;
      side.iv[i] = NaN;
      side.modelPrice[i] = NaN;
      side.delta[i] = NaN;
      side.gamma[i] = NaN;
      side.theta[i] = NaN;
      side.vega[i] = NaN;
      side.rho[i] = NaN;
    }
  }
}

/** Fills every output array of `chain` from its strikes and prices and the market state. */
export function recomputeChain(market: ChainMarket, chain: ChainBuffers): void {
  const discount = Math.exp(-market.rate * Math.max(market.timeYears, 0));
  const size = chain.size;
  // A strike ≤ 0 would make the Greeks kernel throw; the IV solver already rejects it (INVALID_INPUT).
  recomputeSide(chain.call, true, chain.strike, size, market, discount);
  recomputeSide(chain.put, false, chain.strike, size, market, discount);
}
