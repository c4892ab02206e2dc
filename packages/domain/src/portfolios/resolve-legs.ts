import { DomainError } from '../errors.ts';
import { asInstrumentId } from '../ids.ts';
import { derivativeTradingSymbol } from '../instrument.ts';
import type { Paise } from '../money.ts';
import type { ChainExpiry, OptionChain } from '../option-chain.ts';
import { monthlyOnOrAfter, resolveExpiryChoice } from './expiry-choice.ts';
import type { ResolvedLeg } from './portfolio.ts';
import type { PortfolioLeg, PortfolioSettings } from './portfolio-definition.ts';
import { selectStrike } from './strike-selection.ts';

/** What resolving needs of the market: the listed series, their chains and (optionally) futures LTPs. */
export type LegMarket = {
  /** The underlying's listed series, nearest first. */
  expiries: readonly ChainExpiry[];
  chainFor(expiry: string): OptionChain | undefined;
  /** LTP of a future by instrument id; when absent or undefined the monthly chain's `future` is used. */
  futurePrice?(instrumentId: string): Paise | undefined;
};

/** The parts of a definition resolving reads (a saved definition or the builder's form state). */
export type LegsToResolve = {
  settings: Pick<PortfolioSettings, 'underlying' | 'expiry' | 'lotMultiplier'>;
  legs: readonly Pick<PortfolioLeg, 'id' | 'side' | 'kind' | 'strike' | 'expiry' | 'lots'>[];
};
type LegToResolve = LegsToResolve['legs'][number];

/**
 * Turns each leg's configuration into an instrument with a price, from the live chains.
 * - Options: the leg's expiry (its own or the portfolio's), the strike its selector picks, the
 *   option's last price, IV and |delta|.
 * - FUT: the future of the first monthly series on or after the leg's expiry (futures are listed
 *   monthly only); price from `market.futurePrice`, else that monthly chain's `future`. Its `iv` and
 *   `delta` are null (a future's delta is 1 by definition — consumers read null as 1 for FUT legs).
 * Quantity = lots × the portfolio's lot multiplier × the chain's lot size.
 * Throws DomainError (EXPIRY_NOT_FOUND, NO_MARKET_PRICE, PORTFOLIO_STRIKE_NOT_LISTED) whose message
 * starts with the leg's id.
 */
export function resolveLegs(definition: LegsToResolve, market: LegMarket): ResolvedLeg[] {
  return definition.legs.map((leg) => inLegContext(leg.id, () => resolveLeg(leg, definition.settings, market)));
}

/** The series whose chains `resolveLegs` will ask for, in listed order: fetch just these. */
export function expiriesNeeded(definition: LegsToResolve, expiries: readonly ChainExpiry[]): ChainExpiry[] {
  const needed = new Set<string>();
  for (const leg of definition.legs) {
    inLegContext(leg.id, () => needed.add(chainExpiryOf(leg, definition.settings, expiries).expiry));
  }
  return expiries.filter((entry) => needed.has(entry.expiry));
}

/** The series whose chain a leg reads: its own expiry, or for a FUT leg the monthly series of its future. */
function chainExpiryOf(leg: LegToResolve, settings: LegsToResolve['settings'], expiries: readonly ChainExpiry[]): ChainExpiry {
  const series = resolveExpiryChoice(leg.expiry ?? settings.expiry, expiries);
  if (leg.kind !== 'FUT') return series;
  const monthly = monthlyOnOrAfter(series.expiry, expiries);
  if (!monthly) {
    throw new DomainError('EXPIRY_NOT_FOUND', `No monthly future is listed on or after ${series.expiry}.`, { expiry: series.expiry });
  }
  return monthly;
}

function resolveLeg(leg: LegToResolve, settings: LegsToResolve['settings'], market: LegMarket): ResolvedLeg {
  const series = chainExpiryOf(leg, settings, market.expiries);
  const chain = market.chainFor(series.expiry);
  if (!chain) {
    throw new DomainError('NO_MARKET_PRICE', `The ${settings.underlying} ${series.expiry} option chain has not loaded yet.`, {
      expiry: series.expiry,
    });
  }
  const quantity = leg.lots * settings.lotMultiplier * chain.lotSize;
  const common = { legId: leg.id, side: leg.side, kind: leg.kind, expiry: series.expiry, quantity, lotSize: chain.lotSize };
  if (leg.kind === 'FUT') {
    const instrumentId = futureInstrumentId(settings.underlying, series, chain);
    const price = market.futurePrice?.(instrumentId) ?? chain.future;
    if (price === null) {
      throw new DomainError('NO_MARKET_PRICE', `No price yet for the future ${instrumentId}.`, { instrumentId });
    }
    return { ...common, instrumentId, strike: null, price, iv: null, delta: null };
  }
  const { row, option } = selectStrike(leg.strike, leg.kind, chain);
  return {
    ...common,
    instrumentId: option.instrumentId,
    strike: row.strike,
    price: option.lastPrice,
    iv: option.iv,
    delta: option.delta === null ? null : Math.abs(option.delta),
  };
}

/** `NFO:NIFTY26DECFUT`: the exchange is the one the chain's options trade on. */
function futureInstrumentId(underlying: string, monthly: ChainExpiry, chain: OptionChain) {
  const anyOption = chain.rows.find((row) => row.call ?? row.put);
  const optionId = anyOption?.call?.instrumentId ?? anyOption?.put?.instrumentId;
  if (!optionId) {
    throw new DomainError('NO_MARKET_PRICE', `The ${underlying} ${monthly.expiry} chain lists no options to take the exchange from.`);
  }
  const exchange = optionId.slice(0, optionId.indexOf(':'));
  const symbol = derivativeTradingSymbol({ underlying, expiry: monthly.expiry, expiryType: 'MONTHLY', kind: 'FUTURE' });
  return asInstrumentId(`${exchange}:${symbol}`);
}

/** Runs `resolve` for one leg; a DomainError it throws is re-thrown naming the leg. */
function inLegContext<T>(legId: string, resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(error.code, `Leg ${legId}: ${error.message}`, { ...error.details, legId });
  }
}
