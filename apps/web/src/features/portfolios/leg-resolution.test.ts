import { describe, expect, it } from 'vitest';
import { asInstrumentId, expiryInstantMs, MILLISECONDS_PER_YEAR, paise, type ChainExpiry, type ChainRow, type OptionChain } from '@strikedesk/domain';
import { templateLegs } from './leg-list.ts';
import { allResolved, optionDelta, pinEnteredLegs, resolveEachLeg, resolvedLegName, seriesNeeded } from './leg-resolution.ts';
import { chartRange, payoffContextOf } from './payoff-context.ts';
import { newPortfolioForm, resolvableLegsOf } from './portfolio-form.ts';

const EXPIRIES: ChainExpiry[] = [
  { expiry: '2026-12-22', expiryType: 'WEEKLY' },
  { expiry: '2026-12-29', expiryType: 'MONTHLY' },
];

/** A NIFTY-like chain: ATM 24000, 50-point strikes, ten each side, premiums falling off from ATM. */
function chain(expiry: ChainExpiry, overrides: Partial<OptionChain> = {}): OptionChain {
  const rows: ChainRow[] = [];
  for (let steps = -10; steps <= 10; steps += 1) {
    const strike = paise(2_400_000 + steps * 5_000);
    const option = (right: 'CE' | 'PE', price: number, delta: number) => ({
      instrumentId: asInstrumentId(`NFO:NIFTY${expiry.expiry.replaceAll('-', '')}${strike / 100}${right}`),
      bid: null,
      ask: null,
      lastPrice: paise(price),
      change: 0,
      volume: 0,
      openInterest: 0,
      openInterestChange: 0,
      iv: 0.12,
      delta,
      gamma: null,
      theta: null,
      vega: null,
    });
    const callDelta = Math.min(0.98, Math.max(0.02, 0.5 - 0.05 * steps));
    rows.push({
      strike,
      call: option('CE', Math.max(500, 15_000 - 1_400 * steps), callDelta),
      put: option('PE', Math.max(500, 15_000 + 1_400 * steps), callDelta - 1),
    });
  }
  return {
    underlying: 'NIFTY',
    expiry: expiry.expiry,
    expiryType: expiry.expiryType,
    timestamp: Date.parse('2026-12-18T05:00:00Z'),
    spot: paise(2_400_000),
    future: expiry.expiryType === 'MONTHLY' ? paise(2_410_000) : null,
    forward: 24_010,
    timeToExpiryYears: 0.02,
    discountFactor: Math.exp(-0.065 * 0.02),
    strikesEachSide: 10,
    lotSize: 75,
    atmStrike: paise(2_400_000),
    atmIv: 0.12,
    pcr: null,
    maxPain: null,
    rows,
    ...overrides,
  };
}

const chains = new Map(EXPIRIES.map((entry) => [entry.expiry, chain(entry)]));
const market = { expiries: EXPIRIES, chainFor: (expiry: string) => chains.get(expiry) };

const condorForm = () => ({ ...newPortfolioForm(), legs: templateLegs('IRON_CONDOR') });

describe('resolving the builder’s legs', () => {
  it('resolves the iron condor to four strikes of the current week', () => {
    const form = condorForm();
    const input = resolvableLegsOf(form);
    expect(seriesNeeded(input, EXPIRIES)).toEqual(['2026-12-22']);
    const resolutions = resolveEachLeg(input, form.legs.map((leg) => leg.id), market);
    const legs = allResolved(resolutions);
    expect(legs?.map((leg) => resolvedLegName('NIFTY', leg))).toEqual([
      'NIFTY 22 DEC 24200 CE',
      'NIFTY 22 DEC 24400 CE',
      'NIFTY 22 DEC 23800 PE',
      'NIFTY 22 DEC 23600 PE',
    ]);
    expect(legs?.map((leg) => leg.quantity)).toEqual([75, 75, 75, 75]);
    expect(legs?.map(optionDelta)).toEqual([0.3, expect.closeTo(0.1, 9), expect.closeTo(-0.3, 9), expect.closeTo(-0.1, 9)]);
  });

  it('says why a leg cannot resolve while the others still do, and then draws no payoff', () => {
    const form = condorForm();
    const [first, ...rest] = form.legs;
    if (!first) throw new Error('leg');
    const wide = { ...form, legs: [{ ...first, strikeValue: '40' }, ...rest] };
    const resolutions = resolveEachLeg(resolvableLegsOf(wide), wide.legs.map((leg) => leg.id), market);
    expect(resolutions[0]).toMatchObject({ legId: 'L1', resolved: null, error: expect.stringMatching(/^Leg L1: No strike for CE ATM\+40/) });
    expect(resolutions.slice(1).every((resolution) => resolution.resolved !== null)).toBe(true);
    expect(allResolved(resolutions)).toBeNull();

    const typing = { ...form, legs: [{ ...first, lots: '' }, ...rest] };
    expect(resolveEachLeg(resolvableLegsOf(typing), ['L1', 'L2', 'L3', 'L4'], market)[0]?.error).toMatch(/Fix this leg/);
  });

  it('names a leg whose series is not listed, and still loads the chains the others need', () => {
    const form = condorForm();
    const [first, ...rest] = form.legs;
    if (!first) throw new Error('leg');
    const far = { ...form, legs: [{ ...first, expiry: 'NEXT_MONTH' as const }, ...rest] };
    const input = resolvableLegsOf(far);
    expect(seriesNeeded(input, EXPIRIES)).toEqual(['2026-12-22']);
    expect(resolveEachLeg(input, ['L1', 'L2', 'L3', 'L4'], market)[0]?.error).toMatch(/^Leg L1: No next month expiry is listed/);
  });

  it('prices a future from the monthly chain and reads the payoff market from the chains', () => {
    const form = { ...newPortfolioForm(), legs: templateLegs('SHORT_STRADDLE').map((leg) => ({ ...leg, kind: 'FUT' as const })).slice(0, 1) };
    const input = resolvableLegsOf(form);
    expect(seriesNeeded(input, EXPIRIES)).toEqual(['2026-12-29']);
    const [future] = resolveEachLeg(input, ['L1'], market);
    expect(future?.resolved).toMatchObject({ instrumentId: 'NFO:NIFTY26DECFUT', price: 2_410_000, strike: null });
    expect(future?.resolved && resolvedLegName('NIFTY', future.resolved)).toBe('NIFTY 29 DEC FUT');

    const context = payoffContextOf([...chains.values()]);
    // "Now" is when the nearest chain was priced (its time to expiry before the 15:30 IST close), not its last index tick.
    expect(context).toMatchObject({ spot: 2_400_000, atmIv: 0.12 });
    expect(context?.now).toBeCloseTo(expiryInstantMs('2026-12-22') - 0.02 * MILLISECONDS_PER_YEAR, 0);
    expect(context?.rate).toBeCloseTo(0.065, 12);
    expect(context?.forwardBySpot?.['2026-12-29']).toBeCloseTo(24_010 / 24_000, 12);
    expect(payoffContextOf([])).toBeNull();
    // The chart frames the strikes and spot: ±3 % of spot at least, or 60 % of the strikes' spread beyond them.
    expect(chartRange([{ strike: paise(2_400_000) }], 2_400_000)).toEqual({ low: 2_328_000, high: 2_472_000 });
    expect(chartRange([{ strike: paise(2_000_000) }, { strike: paise(2_800_000) }, { strike: null }], 2_400_000)).toEqual({ low: 1_520_000, high: 3_280_000 });
  });

  it('shows a held leg as entered: its own instrument at its fill, the market price beside it; closed legs leave the payoff', () => {
    const form = condorForm();
    const ids = form.legs.map((leg) => leg.id);
    const resolutions = resolveEachLeg(resolvableLegsOf(form), ids, market);
    const weekly = chains.get('2026-12-22');
    // Entered when ATM was a strike lower: L1 holds the 24150 CE, not today's 24200.
    const held = weekly?.rows.find((row) => row.strike === 2_415_000)?.call;
    if (!held) throw new Error('strike');
    const entered = [
      { legId: 'L1', instrumentId: held.instrumentId, side: 'SELL' as const, quantity: 150, entryPrice: paise(9_000), stopPrice: null, closed: false, stopOrderId: null },
      { legId: 'L2', instrumentId: asInstrumentId('NFO:ELSEWHERE'), side: 'BUY' as const, quantity: 75, entryPrice: paise(100), stopPrice: null, closed: false, stopOrderId: null },
      { legId: 'L3', instrumentId: resolutions[2]?.resolved?.instrumentId ?? asInstrumentId('x'), side: 'SELL' as const, quantity: 75, entryPrice: paise(5_000), stopPrice: null, closed: true, stopOrderId: null },
    ];
    const pinned = pinEnteredLegs(resolutions, entered, [...chains.values()]);
    expect(pinned[0]).toMatchObject({ entered: true, closed: false, lastPrice: held.lastPrice, resolved: { instrumentId: held.instrumentId, strike: 2_415_000, price: 9_000, quantity: 150 } });
    // Not in the loaded chains: what it would trade now.
    expect(pinned[1]).toBe(resolutions[1]);
    expect(pinned[2]).toMatchObject({ entered: true, closed: true, resolved: { price: 5_000 } });
    expect(pinned[3]).toBe(resolutions[3]);
    expect(allResolved(pinned)?.map((leg) => leg.legId)).toEqual(['L1', 'L2', 'L4']);
  });
});
