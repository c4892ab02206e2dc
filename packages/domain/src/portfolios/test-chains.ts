import { DomainError } from '../errors.ts';
import { asInstrumentId } from '../ids.ts';
import { derivativeTradingSymbol } from '../instrument.ts';
import type { Paise } from '../money.ts';
import type { ChainExpiry, ChainOption, ChainRow, OptionChain } from '../option-chain.ts';
import { expiryInstantMs } from '../options/time-to-expiry.ts';
import type { ResolvedLeg } from './portfolio.ts';
import { PortfolioDefinitionSchema, type PortfolioLegInput } from './portfolio-definition.ts';
import { resolveLegs, type LegMarket } from './resolve-legs.ts';

/**
 * Hand-made NIFTY-like chains for the portfolio tests (not exported from the package): spot and
 * ATM 24000, strikes every 50 rupees, lot size 75, premiums from short tables so every payoff in the
 * tests can be worked out by hand. Rupee figures here; the chains carry paise.
 */
export const SPOT = 2_400_000 as Paise;
export const STEP = 5_000;
export const LOT_SIZE = 75;

/** Out-of-the-money premium (rupees) n strikes from ATM: calls above, puts below. */
export const CALL_OTM = [150, 120, 95, 75, 58, 45, 34, 26, 20, 15, 11] as const;
export const PUT_OTM = [140, 112, 88, 68, 52, 40, 30, 23, 17, 13, 9] as const;

/** Listed series, nearest first (NIFTY expires on Tuesdays; 29 Dec and 26 Jan are the month's last). */
export const EXPIRIES: readonly ChainExpiry[] = [
  { expiry: '2026-12-22', expiryType: 'WEEKLY' },
  { expiry: '2026-12-29', expiryType: 'MONTHLY' },
  { expiry: '2027-01-05', expiryType: 'WEEKLY' },
  { expiry: '2027-01-26', expiryType: 'MONTHLY' },
];

export type FixtureChainOptions = {
  expiry?: ChainExpiry;
  /** Strikes each side of ATM (at most 10). */
  eachSide?: number;
  /** Multiplies every premium (a later expiry is worth more). */
  premiumScale?: number;
  future?: Paise | null;
  iv?: number;
};

/**
 * Premium of the option n strikes from ATM (rupees): the OTM table, and in the money the intrinsic
 * value plus the other right's OTM value at that distance (parity without carry).
 */
export function fixturePremium(kind: 'CE' | 'PE', steps: number, premiumScale = 1): number {
  const distance = Math.abs(steps);
  const outOfTheMoney = kind === 'CE' ? steps >= 0 : steps <= 0;
  const table = (outOfTheMoney ? (kind === 'CE' ? CALL_OTM : PUT_OTM) : kind === 'CE' ? PUT_OTM : CALL_OTM)[distance] ?? 0;
  return (outOfTheMoney ? 0 : 50 * distance) + table * premiumScale;
}

/** Call delta n strikes from ATM: 0.52 − 0.05·n, kept within [0.02, 0.98]; a put's is that − 1. */
export function fixtureCallDelta(steps: number): number {
  return Math.round(Math.min(0.98, Math.max(0.02, 0.52 - 0.05 * steps)) * 100) / 100;
}

export function fixtureChain(options: FixtureChainOptions = {}): OptionChain {
  const { expiry = EXPIRIES[0] as ChainExpiry, eachSide = 10, premiumScale = 1, future = null, iv = 0.12 } = options;
  const rows: ChainRow[] = [];
  for (let steps = -eachSide; steps <= eachSide; steps += 1) {
    const strike = (SPOT + steps * STEP) as Paise;
    const callDelta = fixtureCallDelta(steps);
    rows.push({
      strike,
      call: option(expiry, strike, 'CE', fixturePremium('CE', steps, premiumScale), callDelta, iv),
      put: option(expiry, strike, 'PE', fixturePremium('PE', steps, premiumScale), Math.round((callDelta - 1) * 100) / 100, iv),
    });
  }
  return {
    underlying: 'NIFTY',
    expiry: expiry.expiry,
    expiryType: expiry.expiryType,
    timestamp: 0,
    spot: SPOT,
    future,
    forward: SPOT / 100,
    timeToExpiryYears: 0.01,
    discountFactor: 1,
    strikesEachSide: eachSide,
    lotSize: LOT_SIZE,
    atmStrike: SPOT,
    atmIv: iv,
    pcr: null,
    maxPain: null,
    rows,
  };
}

function option(expiry: ChainExpiry, strike: Paise, kind: 'CE' | 'PE', premiumRupees: number, delta: number, iv: number): ChainOption {
  const symbol = derivativeTradingSymbol({
    underlying: 'NIFTY',
    expiry: expiry.expiry,
    expiryType: expiry.expiryType,
    kind: kind === 'CE' ? 'CALL' : 'PUT',
    strikeRupees: strike / 100,
  });
  return {
    instrumentId: asInstrumentId(`NFO:${symbol}`),
    bid: null,
    ask: null,
    lastPrice: Math.round(premiumRupees * 100) as Paise,
    change: 0,
    volume: 0,
    openInterest: 0,
    openInterestChange: 0,
    iv,
    delta,
    gamma: null,
    theta: null,
    vega: null,
  };
}

/** The DomainError `run` throws (fails the test when it throws nothing or something else). */
export function domainErrorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

/** A monthly chain's future in the fixture market, paise. */
export const FIXTURE_FUTURE = 2_410_000 as Paise;

/**
 * Chains for every listed series; later series are dearer: premiums × 1, 1.5, 2, 2.5 (so the next
 * week's ATM CE is 225 rupees). Monthly chains carry the future at FIXTURE_FUTURE.
 */
export function fixtureMarket(): LegMarket {
  const chains = new Map<string, OptionChain>(
    EXPIRIES.map((expiry, index) => [
      expiry.expiry,
      fixtureChain({ expiry, premiumScale: 1 + index / 2, future: expiry.expiryType === 'MONTHLY' ? FIXTURE_FUTURE : null }),
    ]),
  );
  return { expiries: EXPIRIES, chainFor: (expiry) => chains.get(expiry) };
}

/** Legs resolved against the fixture market, portfolio on the current week, lot multiplier 1. */
export function fixtureLegs(legs: readonly PortfolioLegInput[], lotMultiplier = 1): ResolvedLeg[] {
  const definition = PortfolioDefinitionSchema.parse({
    settings: { name: 'Test', underlying: 'NIFTY', expiry: 'CURRENT_WEEK', product: 'NRML', lotMultiplier },
    legs,
  });
  return resolveLegs(definition, fixtureMarket());
}

/** Epoch ms `days` before the first fixture expiry's 15:30 IST close. */
export const daysBeforeFirstExpiry = (days: number): number => expiryInstantMs('2026-12-22') - days * 86_400_000;
