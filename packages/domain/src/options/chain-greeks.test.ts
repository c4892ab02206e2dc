import { describe, expect, it } from 'vitest';
import { black76Greeks, black76Price } from './black76.ts';
import { createChainBuffers, recomputeChain } from './chain-greeks.ts';
import { IV_BELOW_INTRINSIC, IV_INVALID_INPUT, IV_NO_TIME_VALUE } from './implied-volatility.ts';

const market = { forward: 2_400_000, timeYears: 7 / 365, rate: 0.065 };
const discountFactor = Math.exp(-market.rate * market.timeYears);
const smile = (strike: number) => 0.12 + 0.5 * Math.log(strike / market.forward) ** 2;

function chainOf(size: number) {
  const chain = createChainBuffers(size);
  for (let i = 0; i < size; i++) {
    const strike = market.forward + (i - size / 2) * 5_000; // ₹50 strikes
    chain.strike[i] = strike;
    const input = { forward: market.forward, strike, timeYears: market.timeYears, volatility: smile(strike), discountFactor };
    chain.call.price[i] = black76Price({ ...input, right: 'CALL' });
    chain.put.price[i] = black76Price({ ...input, right: 'PUT' });
  }
  return chain;
}

describe('recomputeChain', () => {
  it('recovers the smile and the Greeks from the out-of-the-money side of a 2 × 200 chain', () => {
    const chain = chainOf(200);
    recomputeChain(market, chain);
    for (let i = 0; i < 200; i++) {
      const strike = chain.strike[i] as number;
      const [otm, itm, right] = strike >= market.forward ? ([chain.call, chain.put, 'CALL'] as const) : ([chain.put, chain.call, 'PUT'] as const);
      expect(otm.status[i]).toBe(0);
      expect(Math.abs((otm.iv[i] as number) / smile(strike) - 1)).toBeLessThan(1e-10);
      const expected = black76Greeks({ right, forward: market.forward, strike, timeYears: market.timeYears, volatility: smile(strike), discountFactor });
      expect(otm.delta[i]).toBeCloseTo(expected.delta, 9);
      expect(Math.abs((otm.vega[i] as number) - expected.vega)).toBeLessThanOrEqual(1e-8 * Math.abs(expected.vega) + 1e-12);
      // Deep in the money the time value can be below one ulp of the price: no IV, and saying so.
      expect([0, IV_NO_TIME_VALUE]).toContain(itm.status[i]);
      if (itm.status[i] === 0) expect(itm.iv[i]).toBeGreaterThan(0);
    }
  });

  it('marks options without an IV with a status code and NaN outputs', () => {
    const chain = chainOf(4);
    chain.call.price[0] = NaN; // unquoted
    chain.put.price[1] = 0; // no bid: no time value
    chain.call.price[0 + 1] = 0.5 * Math.max(market.forward - (chain.strike[1] as number), 0); // below intrinsic
    recomputeChain(market, chain);
    expect(chain.call.status[0]).toBe(IV_INVALID_INPUT);
    expect(Number.isNaN(chain.call.delta[0])).toBe(true);
    expect(chain.put.status[1]).toBe(IV_NO_TIME_VALUE);
    expect(chain.call.status[1]).toBe(IV_BELOW_INTRINSIC);
    expect(chain.put.status[3]).toBe(0);
  });
});
