/**
 * Black-76: European options on a forward/future, the convention for NSE index options
 * (see shared reference options-math.md). Unit-agnostic: pass forward and strike in the same unit
 * (the engine uses paise as a float) and round the result to a tick at the edge — never book it.
 */
export type OptionRight = 'CALL' | 'PUT';

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
 * Standard normal CDF by Hart's double-precision rational approximation (Graeme West, "Better
 * approximations to cumulative normal functions", 2005): ~1e-16 absolute error, ~1e-8 relative in
 * the far tail (|x| > 6) — ample for prices rounded to a 5-paise tick. Issue 5 (Greeks, implied vol)
 * should revisit if it needs full relative precision deep out of the money.
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let tail: number;
  if (z > 37) tail = 0;
  else {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let n = 3.52624965998911e-2 * z + 0.700383064443688;
      n = n * z + 6.37396220353165;
      n = n * z + 33.912866078383;
      n = n * z + 112.079291497871;
      n = n * z + 221.213596169931;
      n = n * z + 220.206867912376;
      let d = 8.83883476483184e-2 * z + 1.75566716318264;
      d = d * z + 16.064177579207;
      d = d * z + 86.7807322029461;
      d = d * z + 296.564248779674;
      d = d * z + 637.333633378831;
      d = d * z + 793.826512519948;
      d = d * z + 440.413735824752;
      tail = (e * n) / d;
    } else {
      let b = z + 0.65;
      b = z + 4 / b;
      b = z + 3 / b;
      b = z + 2 / b;
      b = z + 1 / b;
      tail = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/** Discounted Black-76 price. At or past expiry (or zero vol) it is the discounted intrinsic value. */
export function black76Price(input: Black76Input): number {
  const { right, forward, strike, timeYears, volatility, discountFactor } = input;
  if (!(forward > 0) || !(strike > 0)) throw new RangeError('black76Price: forward and strike must be positive');
  const stdDev = volatility * Math.sqrt(Math.max(timeYears, 0));
  if (!(stdDev > 0)) {
    const intrinsic = right === 'CALL' ? forward - strike : strike - forward;
    return discountFactor * Math.max(intrinsic, 0);
  }
  const d1 = (Math.log(forward / strike) + (stdDev * stdDev) / 2) / stdDev;
  const d2 = d1 - stdDev;
  return right === 'CALL'
    ? discountFactor * (forward * normalCdf(d1) - strike * normalCdf(d2))
    : discountFactor * (strike * normalCdf(-d2) - forward * normalCdf(-d1));
}
