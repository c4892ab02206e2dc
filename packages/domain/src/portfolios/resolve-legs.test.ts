import { describe, expect, it } from 'vitest';
import type { Paise } from '../money.ts';
import type { OptionChain } from '../option-chain.ts';
import { PortfolioDefinitionSchema, type PortfolioDefinition, type PortfolioLegInput } from './portfolio-definition.ts';
import { expiriesNeeded, resolveLegs } from './resolve-legs.ts';
import { domainErrorOf, EXPIRIES, FIXTURE_FUTURE, fixtureMarket } from './test-chains.ts';

const FUTURE_IN_CHAIN = FIXTURE_FUTURE;
const market = fixtureMarket();
const chainOf = (expiry: string): OptionChain => {
  const chain = market.chainFor(expiry);
  if (!chain) throw new Error(`no fixture chain for ${expiry}`);
  return chain;
};

function definition(legs: PortfolioLegInput[], lotMultiplier = 2): PortfolioDefinition {
  return PortfolioDefinitionSchema.parse({
    settings: { name: 'Test', underlying: 'nifty', expiry: 'CURRENT_WEEK', product: 'NRML', lotMultiplier },
    legs,
  });
}
const atm = (steps: number) => ({ mode: 'ATM_OFFSET' as const, steps });

describe('resolveLegs', () => {
  it('resolves options from the chain of their expiry: strike, LTP, IV, |delta|, quantity', () => {
    const resolved = resolveLegs(
      definition([
        { id: 'L1', side: 'SELL', kind: 'CE', strike: atm(0), lots: 1 },
        { id: 'L2', side: 'BUY', kind: 'PE', strike: atm(-2), lots: 3 },
        { id: 'L3', side: 'BUY', kind: 'CE', strike: atm(0), lots: 1, expiry: 'NEXT_MONTH' },
      ]),
      market,
    );
    expect(resolved).toEqual([
      // 1 lot × multiplier 2 × lot size 75 = 150 units; ATM CE 150 rupees; delta 0.52.
      { legId: 'L1', side: 'SELL', kind: 'CE', instrumentId: 'NFO:NIFTY26D2224000CE', strike: 2_400_000, expiry: '2026-12-22', quantity: 150, lotSize: 75, price: 15_000, iv: 0.12, delta: 0.52 },
      // 3 lots × 2 × 75 = 450; the 23900 PE is 88 rupees; delta −0.38 reported as 0.38.
      { legId: 'L2', side: 'BUY', kind: 'PE', instrumentId: 'NFO:NIFTY26D2223900PE', strike: 2_390_000, expiry: '2026-12-22', quantity: 450, lotSize: 75, price: 8_800, iv: 0.12, delta: 0.38 },
      // The 26 Jan chain's premiums are scaled 2.5×: 150 × 2.5 = 375 rupees.
      { legId: 'L3', side: 'BUY', kind: 'CE', instrumentId: 'NFO:NIFTY27JAN24000CE', strike: 2_400_000, expiry: '2027-01-26', quantity: 150, lotSize: 75, price: 37_500, iv: 0.12, delta: 0.52 },
    ]);
  });

  it('resolves a FUT leg to the monthly future on or after its expiry, priced by the market or the chain', () => {
    const legs = definition([
      { id: 'F1', side: 'BUY', kind: 'FUT', strike: atm(0), lots: 1 },
      { id: 'F2', side: 'SELL', kind: 'FUT', strike: atm(0), lots: 2, expiry: 'NEXT_MONTH' },
    ]);
    const fromChain = resolveLegs(legs, market);
    expect(fromChain[0]).toEqual({ legId: 'F1', side: 'BUY', kind: 'FUT', instrumentId: 'NFO:NIFTY26DECFUT', strike: null, expiry: '2026-12-29', quantity: 150, lotSize: 75, price: FUTURE_IN_CHAIN, iv: null, delta: null });
    expect(fromChain[1]).toMatchObject({ instrumentId: 'NFO:NIFTY27JANFUT', expiry: '2027-01-26', quantity: 300, price: FUTURE_IN_CHAIN });
    const live = resolveLegs(legs, { ...market, futurePrice: (id) => (id === 'NFO:NIFTY26DECFUT' ? (2_412_345 as Paise) : undefined) });
    expect(live.map((leg) => leg.price)).toEqual([2_412_345, FUTURE_IN_CHAIN]);
  });

  it('names the leg in every error', () => {
    const notLoaded = domainErrorOf(() =>
      resolveLegs(definition([{ id: 'L1', side: 'SELL', kind: 'CE', strike: atm(0), lots: 1 }]), { ...market, chainFor: () => undefined }),
    );
    expect(notLoaded.code).toBe('NO_MARKET_PRICE');
    expect(notLoaded.message).toBe('Leg L1: The NIFTY 2026-12-22 option chain has not loaded yet.');
    expect(notLoaded.details).toMatchObject({ legId: 'L1', expiry: '2026-12-22' });

    const tooFar = domainErrorOf(() =>
      resolveLegs(
        definition([
          { id: 'L1', side: 'SELL', kind: 'CE', strike: atm(0), lots: 1 },
          { id: 'L2', side: 'BUY', kind: 'CE', strike: atm(12), lots: 1 },
        ]),
        market,
      ),
    );
    expect(tooFar.code).toBe('PORTFOLIO_STRIKE_NOT_LISTED');
    expect(tooFar.message).toBe('Leg L2: No strike for CE ATM+12 in the NIFTY 2026-12-22 chain: the chain lists 10 strikes above ATM 24000.');

    const noMonth = domainErrorOf(() =>
      resolveLegs(definition([{ id: 'L1', side: 'SELL', kind: 'PE', strike: atm(0), lots: 1, expiry: 'NEXT_MONTH' }]), { ...market, expiries: EXPIRIES.slice(0, 3) }),
    );
    expect(noMonth.code).toBe('EXPIRY_NOT_FOUND');
    expect(noMonth.message).toMatch(/^Leg L1: No next month expiry is listed/);

    const noFuturePrice = domainErrorOf(() =>
      resolveLegs(definition([{ id: 'L3', side: 'BUY', kind: 'FUT', strike: atm(0), lots: 1 }]), {
        ...market,
        chainFor: (expiry) => ({ ...chainOf(expiry), future: null }),
      }),
    );
    expect(noFuturePrice.code).toBe('NO_MARKET_PRICE');
    expect(noFuturePrice.message).toBe('Leg L3: No price yet for the future NFO:NIFTY26DECFUT.');

    const noMonthlyFuture = domainErrorOf(() =>
      resolveLegs(definition([{ id: 'F1', side: 'BUY', kind: 'FUT', strike: atm(0), lots: 1, expiry: 'NEXT_WEEK' }]), {
        ...market,
        expiries: [EXPIRIES[0], EXPIRIES[2]].filter((entry) => entry !== undefined),
      }),
    );
    expect(noMonthlyFuture.message).toBe('Leg F1: No monthly future is listed on or after 2027-01-05.');
  });
});

describe('expiriesNeeded', () => {
  it('lists each chain the legs read once, in listed order', () => {
    const calendarWithFuture = definition([
      { id: 'L1', side: 'BUY', kind: 'CE', strike: atm(0), lots: 1, expiry: 'NEXT_WEEK' },
      { id: 'L2', side: 'SELL', kind: 'CE', strike: atm(0), lots: 1 },
      { id: 'L3', side: 'SELL', kind: 'PE', strike: atm(0), lots: 1 },
      { id: 'F1', side: 'BUY', kind: 'FUT', strike: atm(0), lots: 1, expiry: 'NEXT_MONTH' },
    ]);
    expect(expiriesNeeded(calendarWithFuture, EXPIRIES).map((entry) => entry.expiry)).toEqual(['2026-12-22', '2026-12-29', '2027-01-26']);
    // A FUT leg of the current week needs the month's chain, not the week's.
    const futureOnly = definition([{ id: 'F1', side: 'BUY', kind: 'FUT', strike: atm(0), lots: 1 }]);
    expect(expiriesNeeded(futureOnly, EXPIRIES)).toEqual([{ expiry: '2026-12-29', expiryType: 'MONTHLY' }]);
  });

  it('throws like resolveLegs when an expiry is not listed', () => {
    const error = domainErrorOf(() => expiriesNeeded(definition([{ id: 'X', side: 'BUY', kind: 'CE', strike: atm(0), lots: 1, expiry: 'NEXT_WEEK' }]), EXPIRIES.slice(0, 1)));
    expect(error.message).toMatch(/^Leg X: No next week expiry is listed/);
  });
});
