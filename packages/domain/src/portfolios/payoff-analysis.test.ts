import { describe, expect, it } from 'vitest';
import { asInstrumentId } from '../ids.ts';
import { black76Price } from '../options/black76.ts';
import { normalCdf } from '../options/normal-distribution.ts';
import { expiryInstantMs } from '../options/time-to-expiry.ts';
import { analyzePayoff, type PayoffAnalysis, type PayoffAnalysisContext } from './payoff-analysis.ts';
import { preparePayoff } from './payoff-model.ts';
import type { ResolvedLeg } from './portfolio.ts';
import { applyTemplate } from './templates.ts';
import { daysBeforeFirstExpiry, fixtureLegs, SPOT } from './test-chains.ts';

/*
 * Every template on the fixture chain: spot and ATM 24000, 50-point strikes, lot 75, 1 lot a leg.
 * Premiums (rupees) from test-chains.ts: CE 24000 150, 24200 58, 24300 34, 24400 20, 23800 252
 * (200 intrinsic + 52); PE 24000 140, 23800 52, 23700 30, 23600 17. Next week's chain is 1.5×
 * (ATM CE 225). Expected figures are worked in rupees, then × 100 to paise.
 */
const context: PayoffAnalysisContext = { spot: SPOT, now: daysBeforeFirstExpiry(5), rate: 0, atmIv: 0.12 };
const analyse = (templateId: string): PayoffAnalysis => analyzePayoff(fixtureLegs(applyTemplate(templateId)), context);
const atExpiryOf = (templateId: string) => preparePayoff(fixtureLegs(applyTemplate(templateId)), context).atExpiry;

describe('payoff of each template (hand-computed)', () => {
  it('short straddle: credit 150 + 140 = 290; breakevens 24000 ± 290; loss unlimited', () => {
    const analysis = analyse('SHORT_STRADDLE');
    expect(analysis.netPremium).toBe(2_175_000); // 290 × 75 = 21,750 rupees
    expect(analysis.maxProfit).toBe(2_175_000);
    expect(analysis.maxLoss).toBeNull();
    expect(analysis).toMatchObject({ unlimitedLoss: true, unlimitedProfit: false, exact: true, nearestExpiry: '2026-12-22' });
    expect(analysis.breakevens).toEqual([2_371_000, 2_429_000]);
    expect(analysis.profitRanges).toEqual([{ from: 2_371_000, to: 2_429_000 }]);
    // At 24500 the call pays out 500: (290 − 500) × 75 = −15,750 rupees.
    expect(atExpiryOf('SHORT_STRADDLE')(2_450_000)).toBe(-1_575_000);
    // Both sold at the money, nothing bought: 12 % × 24000 = 2880 a unit, × 75 × 2 legs = 4,32,000 rupees.
    expect(analysis.margin).toEqual({ approximate: true, total: 43_200_000, premiumPaid: 0, shortOptions: 43_200_000, futures: 0, hedgeCapped: false });
  });

  it('long straddle: debit 290, the most it loses; profit unlimited; finite at S = 0', () => {
    const analysis = analyse('LONG_STRADDLE');
    expect(analysis.netPremium).toBe(-2_175_000);
    expect(analysis.maxLoss).toBe(-2_175_000);
    expect(analysis.maxProfit).toBeNull();
    expect(analysis.unlimitedProfit).toBe(true);
    expect(analysis.breakevens).toEqual([2_371_000, 2_429_000]);
    expect(analysis.profitRanges).toEqual([{ from: 0, to: 2_371_000 }, { from: 2_429_000, to: null }]);
    // At 0 the put pays 24000: (24000 − 290) × 75 = 17,78,250 rupees.
    expect(atExpiryOf('LONG_STRADDLE')(0)).toBe(177_825_000);
    expect(analysis.margin.total).toBe(2_175_000); // the premium paid
  });

  it('short strangle: sells 24200 CE (58) and 23800 PE (52): credit 110, breakevens 23690 and 24310', () => {
    const analysis = analyse('SHORT_STRANGLE');
    expect(analysis.maxProfit).toBe(825_000); // 110 × 75
    expect(analysis.unlimitedLoss).toBe(true);
    expect(analysis.breakevens).toEqual([2_369_000, 2_431_000]);
  });

  it('long strangle: debit 110, same breakevens, profit unlimited', () => {
    const analysis = analyse('LONG_STRANGLE');
    expect(analysis.maxLoss).toBe(-825_000);
    expect(analysis.maxProfit).toBeNull();
    expect(analysis.breakevens).toEqual([2_369_000, 2_431_000]);
  });

  it('iron condor: credit 58 − 20 + 52 − 17 = 73; max loss (200 − 73) × 75; margin capped by the hedge', () => {
    const analysis = analyse('IRON_CONDOR');
    expect(analysis.netPremium).toBe(547_500); // 73 × 75 = 5,475 rupees
    expect(analysis.maxProfit).toBe(547_500);
    expect(analysis.maxLoss).toBe(-952_500); // 127 × 75 = 9,525 rupees
    expect(analysis).toMatchObject({ unlimitedLoss: false, unlimitedProfit: false });
    expect(analysis.breakevens).toEqual([2_372_700, 2_427_300]); // 23800 − 73, 24200 + 73
    // Naive: wings paid (20 + 17) × 75 = 2,775 + each short (2880 − 200 OTM) × 75 = 2,01,000 → 4,04,775.
    // Bounded loss: 9,525 + premium received (58 + 52) × 75 = 8,250 → 17,775 rupees.
    expect(analysis.margin).toEqual({ approximate: true, total: 1_777_500, premiumPaid: 277_500, shortOptions: 40_200_000, futures: 0, hedgeCapped: true });
  });

  it('iron fly: credit 150 − 34 + 140 − 30 = 226; wings 300 wide: max loss 74 × 75', () => {
    const analysis = analyse('IRON_FLY');
    expect(analysis.maxProfit).toBe(1_695_000); // 226 × 75
    expect(analysis.maxLoss).toBe(-555_000); // 74 × 75
    expect(analysis.breakevens).toEqual([2_377_400, 2_422_600]);
  });

  it('bull call spread: debit 150 − 58 = 92; max profit (200 − 92) × 75; one breakeven 24092', () => {
    const analysis = analyse('BULL_CALL_SPREAD');
    expect(analysis.netPremium).toBe(-690_000);
    expect(analysis.maxLoss).toBe(-690_000);
    expect(analysis.maxProfit).toBe(810_000);
    expect(analysis.breakevens).toEqual([2_409_200]);
    expect(analysis.profitRanges).toEqual([{ from: 2_409_200, to: null }]);
    // The bought call's premium: 150 × 75 = 11,250 rupees (bounded loss 6,900 + received 4,350 is the same).
    expect(analysis.margin.total).toBe(1_125_000);
  });

  it('bear put spread: debit 140 − 52 = 88; max profit (200 − 88) × 75; breakeven 23912', () => {
    const analysis = analyse('BEAR_PUT_SPREAD');
    expect(analysis.maxLoss).toBe(-660_000);
    expect(analysis.maxProfit).toBe(840_000);
    expect(analysis.breakevens).toEqual([2_391_200]);
    expect(analysis.profitRanges).toEqual([{ from: 0, to: 2_391_200 }]);
  });

  it('call butterfly: debit 252 + 58 − 2 × 150 = 10; best at 24000: (200 − 10) × 75', () => {
    const analysis = analyse('BUTTERFLY');
    expect(analysis.netPremium).toBe(-75_000);
    expect(analysis.maxLoss).toBe(-75_000);
    expect(analysis.maxProfit).toBe(1_425_000);
    expect(analysis.breakevens).toEqual([2_381_000, 2_419_000]);
    expect(atExpiryOf('BUTTERFLY')(2_400_000)).toBe(1_425_000);
  });

  it('calendar: valued at the near expiry, the long leg by Black-76 — a tent peaking at the strike', () => {
    const legs = fixtureLegs(applyTemplate('CALENDAR'));
    expect(legs.map((leg) => [leg.side, leg.expiry, leg.price])).toEqual([
      ['SELL', '2026-12-22', 15_000],
      ['BUY', '2026-12-29', 22_500],
    ]);
    const analysis = analyzePayoff(legs, context);
    expect(analysis.exact).toBe(false);
    expect(analysis.netPremium).toBe(-562_500); // (150 − 225) × 75
    // At 24000 on 22 Dec the short call expires worthless and the long one has 7 days left. ATM
    // Black ≈ 0.3989 × σ√τ × F = 0.3989 × 0.12 × √(7/365) × 24000 ≈ 159.1 rupees, so the P&L is
    // ≈ (150 − 225 + 159.1) × 75 ≈ 6,307 rupees.
    const longValue = black76Price({ right: 'CALL', forward: 2_400_000, strike: 2_400_000, timeYears: 7 / 365, volatility: 0.12, discountFactor: 1 });
    expect(analysis.maxProfit).toBe(Math.round(75 * (15_000 - 22_500 + longValue)));
    expect(analysis.maxProfit).toBeGreaterThan(625_000);
    expect(analysis.maxProfit).toBeLessThan(635_000);
    const atStrike = analysis.curve.underlying.indexOf(2_400_000);
    expect(analysis.curve.atExpiry[atStrike]).toBe(analysis.maxProfit);
    // Far out both legs are worth the same: the debit is lost, −75 × 75 = −5,625 rupees (exactly at 0).
    expect(analysis.maxLoss).toBe(-562_500);
    expect(analysis).toMatchObject({ unlimitedLoss: false, unlimitedProfit: false });
    const expiry = preparePayoff(legs, context).atExpiry;
    expect(expiry(0)).toBe(-562_500);
    expect(expiry(2_000_000)).toBeLessThan(0);
    expect(expiry(2_800_000)).toBeLessThan(0);
    expect(expiry(2_800_000)).toBeGreaterThan(-562_500 - 1);
    // Two breakevens, one each side of the strike, where the P&L is zero to a paisa.
    expect(analysis.breakevens).toHaveLength(2);
    const [below = 0, above = 0] = analysis.breakevens;
    expect(below).toBeLessThan(2_400_000);
    expect(above).toBeGreaterThan(2_400_000);
    for (const breakeven of analysis.breakevens) expect(Math.abs(expiry(breakeven))).toBeLessThan(1);
    // The tent rises to the strike and falls after it.
    const values = analysis.curve.atExpiry;
    for (let index = 1; index <= atStrike; index += 1) expect(values[index]).toBeGreaterThanOrEqual(values[index - 1] as number);
    for (let index = atStrike + 1; index < values.length; index += 1) expect(values[index]).toBeLessThanOrEqual(values[index - 1] as number);
  });
});

describe('curve', () => {
  it('spans spot ± 10 % with every strike and spot exactly, ascending', () => {
    const { curve } = analyse('IRON_CONDOR');
    expect(curve.underlying[0]).toBe(2_160_000);
    expect(curve.underlying[curve.underlying.length - 1]).toBe(2_640_000);
    for (const level of [2_360_000, 2_380_000, 2_400_000, 2_420_000, 2_440_000]) expect(curve.underlying).toContain(level);
    for (let index = 1; index < curve.underlying.length; index += 1) {
      expect(curve.underlying[index]).toBeGreaterThan(curve.underlying[index - 1] as number);
    }
    expect(curve.atExpiry).toHaveLength(curve.underlying.length);
    expect(curve.today).toHaveLength(curve.underlying.length);
    expect(curve.atExpiry[curve.underlying.indexOf(2_400_000)]).toBe(547_500);
  });

  it('widens to far strikes and honours points and range', () => {
    const farWing = fixtureLegs([{ id: 'L1', side: 'BUY', kind: 'PE', strike: { mode: 'ATM_OFFSET', steps: -10 }, lots: 1 }]);
    const wide = analyzePayoff(farWing, { ...context, spot: 2_700_000 });
    // 23500 − 2.5 % of 27000 (675) = 22825 is below 27000 − 10 % = 24300.
    expect(wide.curve.underlying[0]).toBe(2_282_500);
    const custom = analyzePayoff(farWing, { ...context, points: 5, range: { low: 2_300_000, high: 2_500_000 } });
    expect(custom.curve.underlying).toEqual([2_300_000, 2_350_000, 2_400_000, 2_450_000, 2_500_000]);
  });
});

describe('T+0', () => {
  it('equals the expiry payoff once the time to expiry is 0', () => {
    for (const id of ['SHORT_STRADDLE', 'IRON_CONDOR', 'BUTTERFLY', 'BEAR_PUT_SPREAD']) {
      const analysis = analyzePayoff(fixtureLegs(applyTemplate(id)), { ...context, now: expiryInstantMs('2026-12-22') });
      expect(analysis.curve.today).toEqual(analysis.curve.atExpiry);
    }
  });

  it('prices each option by Black-76 with its IV at its own time to expiry', () => {
    const legs = fixtureLegs([{ id: 'L1', side: 'BUY', kind: 'CE', strike: { mode: 'ATM_OFFSET', steps: 2 }, lots: 2 }]);
    const at = { ...context, rate: 0.07 };
    const time = 5 / 365;
    const value = black76Price({ right: 'CALL', forward: 2_450_000 * Math.exp(0.07 * time), strike: 2_410_000, timeYears: time, volatility: 0.12, discountFactor: Math.exp(-0.07 * time) });
    expect(preparePayoff(legs, at).today(2_450_000)).toBeCloseTo(150 * (value - 9_500), 6);
    // forwardBySpot overrides e^{rT} (the chain's forward, e.g. from the listed future).
    const valueOnChainForward = black76Price({ right: 'CALL', forward: 2_450_000 * 1.002, strike: 2_410_000, timeYears: time, volatility: 0.12, discountFactor: Math.exp(-0.07 * time) });
    expect(preparePayoff(legs, { ...at, forwardBySpot: { '2026-12-22': 1.002 } }).today(2_450_000)).toBeCloseTo(150 * (valueOnChainForward - 9_500), 6);
    expect(analyzePayoff(legs, at).todayAtSpot).toBe(Math.round(preparePayoff(legs, at).today(SPOT)));
  });
});

describe('probability of profit', () => {
  it('of a short straddle is the lognormal mass between its breakevens', () => {
    const analysis = analyse('SHORT_STRADDLE');
    const stdDev = 0.12 * Math.sqrt(5 / 365);
    const above = (level: number) => normalCdf((Math.log(2_400_000 / level) - 0.5 * stdDev * stdDev) / stdDev);
    expect(analysis.probabilityOfProfit).toBeCloseTo(above(2_371_000) - above(2_429_000), 14);
    // 290 of 24000 is ≈ 1.33 % against a 5-day σ of ≈ 1.4 %: a bit over two thirds.
    expect(analysis.probabilityOfProfit).toBeGreaterThan(0.6);
    expect(analysis.probabilityOfProfit).toBeLessThan(0.7);
  });

  it('of a future bought at the forward is Φ(−σ√T/2): Φ(−0.1) = 0.460172162722971 for σ 20 %, one year', () => {
    const future: ResolvedLeg = {
      legId: 'F1',
      side: 'BUY',
      kind: 'FUT',
      instrumentId: asInstrumentId('NFO:NIFTY27DECFUT'),
      strike: null,
      expiry: '2027-12-28',
      quantity: 75,
      lotSize: 75,
      price: SPOT,
      iv: null,
      delta: null,
    };
    const oneYearBefore = expiryInstantMs('2027-12-28') - 365 * 86_400_000;
    const analysis = analyzePayoff([future], { spot: SPOT, now: oneYearBefore, rate: 0, atmIv: 0.2 });
    expect(analysis.breakevens).toEqual([SPOT]);
    expect(analysis.probabilityOfProfit).toBeCloseTo(0.460172162722971, 13);
    // Margin: 12 % of 24000 × 75 = 2,16,000 rupees.
    expect(analysis.margin).toMatchObject({ total: 21_600_000, futures: 21_600_000, hedgeCapped: false });
  });

  it('is null without a volatility, and 0 or 1 at expiry', () => {
    expect(analyzePayoff(fixtureLegs(applyTemplate('SHORT_STRADDLE')), { ...context, atmIv: null }).probabilityOfProfit).toBeNull();
    const atClose = { ...context, now: expiryInstantMs('2026-12-22'), atmIv: null };
    expect(analyzePayoff(fixtureLegs(applyTemplate('SHORT_STRADDLE')), atClose).probabilityOfProfit).toBe(1);
    expect(analyzePayoff(fixtureLegs(applyTemplate('LONG_STRADDLE')), atClose).probabilityOfProfit).toBe(0);
  });
});

describe('edge cases', () => {
  it('an empty portfolio is flat', () => {
    const analysis = analyzePayoff([], context);
    expect(analysis).toMatchObject({ nearestExpiry: null, maxProfit: 0, maxLoss: 0, breakevens: [], netPremium: 0, probabilityOfProfit: null });
    expect(analysis.margin.total).toBe(0);
    expect(new Set(analysis.curve.atExpiry)).toEqual(new Set([0]));
  });

  it('a covered future (long future, long put) has bounded loss and unlimited profit', () => {
    const legs = fixtureLegs([
      { id: 'F1', side: 'BUY', kind: 'FUT', strike: { mode: 'ATM_OFFSET', steps: 0 }, lots: 1, expiry: 'NEXT_WEEK' },
      { id: 'P1', side: 'BUY', kind: 'PE', strike: { mode: 'ATM_OFFSET', steps: 0 }, lots: 1, expiry: 'NEXT_WEEK' },
    ]);
    // Future at 24100, put 24000 at 140 × 1.5 = 210: below 24000 the loss is (100 + 210) × 75 = 23,250 rupees.
    const analysis = analyzePayoff(legs, context);
    expect(analysis.maxLoss).toBe(-2_325_000);
    expect(analysis.unlimitedProfit).toBe(true);
    expect(analysis.breakevens).toEqual([2_431_000]);
    expect(analysis.netPremium).toBe(-1_575_000);
    // Naive 12 % × 24000 × 75 = 2,16,000 + 15,750 paid; bounded loss 23,250 + nothing received.
    expect(analysis.margin).toMatchObject({ total: 2_325_000, hedgeCapped: true });
  });
});
