import { describe, expect, it } from 'vitest';
import { black76Greeks } from './black76.ts';
import { FUTURE_GREEKS, positionGreeks, sumPositionGreeks } from './position-greeks.ts';

// NIFTY future at ₹24,000 (2,400,000 paise), lot size 75, prices in paise as the domain uses them.
const forwardPaise = 2_400_000;
const greeks = black76Greeks({
  right: 'CALL',
  forward: forwardPaise,
  strike: 2_410_000,
  timeYears: 7 / 365,
  volatility: 0.13,
  discountFactor: Math.exp(-0.065 * (7 / 365)),
});

describe('positionGreeks', () => {
  it('scales per-unit Greeks to a position in lots and rupees', () => {
    const short2Lots = positionGreeks({ greeks, quantity: -150, lotSize: 75, underlyingPricePaise: forwardPaise });
    expect(short2Lots.deltaUnits).toBeCloseTo(-150 * greeks.delta, 12);
    expect(short2Lots.deltaLots).toBeCloseTo(-2 * greeks.delta, 12);
    expect(short2Lots.deltaRupees).toBeCloseTo(-150 * greeks.delta * 24_000, 6);
    // θ per unit is in paise/day: ₹/day for 150 units short = −150·θ/100 (short options earn theta).
    expect(short2Lots.thetaRupeesPerDay).toBeCloseTo((-150 * greeks.theta) / 100, 9);
    expect(short2Lots.thetaRupeesPerDay).toBeGreaterThan(0);
    expect(short2Lots.vegaRupeesPerVolPoint).toBeCloseTo((-150 * greeks.vega) / 100, 9);
    // Γ per paise → per rupee: a ₹1 rise changes delta units by Γ·100·quantity.
    expect(short2Lots.gammaUnits).toBeCloseTo(-150 * greeks.gamma * 100, 12);
    expect(short2Lots.gammaRupeesPerPercent).toBeCloseTo(short2Lots.gammaUnits * 24_000 * 240, 6);
  });

  it('an ATM call has roughly half a lot of delta per lot and a plausible theta', () => {
    const oneLot = positionGreeks({ greeks, quantity: 75, lotSize: 75, underlyingPricePaise: forwardPaise });
    expect(oneLot.deltaLots).toBeGreaterThan(0.3);
    expect(oneLot.deltaLots).toBeLessThan(0.6);
    expect(oneLot.thetaRupeesPerDay).toBeLessThan(-500); // a weekly ATM NIFTY lot decays hundreds of ₹/day
  });

  it('sums across positions; a future hedges delta', () => {
    const long = positionGreeks({ greeks, quantity: 75, lotSize: 75, underlyingPricePaise: forwardPaise });
    const hedge = positionGreeks({ greeks: FUTURE_GREEKS, quantity: -Math.round(75 * greeks.delta), lotSize: 75, underlyingPricePaise: forwardPaise });
    const total = sumPositionGreeks([long, hedge]);
    expect(Math.abs(total.deltaUnits)).toBeLessThan(1);
    expect(total.vegaRupeesPerVolPoint).toBe(long.vegaRupeesPerVolPoint);
  });

  it('rejects fractional quantities and bad lot sizes', () => {
    expect(() => positionGreeks({ greeks, quantity: 1.5, lotSize: 75, underlyingPricePaise: forwardPaise })).toThrow(RangeError);
    expect(() => positionGreeks({ greeks, quantity: 75, lotSize: 0, underlyingPricePaise: forwardPaise })).toThrow(RangeError);
  });
});
