import { derivativeDisplayName, type ExpiryType, type Instrument, type Paise, type UnderlyingSpec } from '@strikedesk/domain';
import { indexInstrument, type ExpirySeries, type StrikeRow, type UnderlyingChain } from './instrument-master.ts';
import type { ListedContract } from './listed-contract.ts';

/**
 * Option chains from a broker's instrument master instead of the simulator's generated listing.
 * The specs choose which underlyings we carry and how many expiries and strikes; the master says
 * what is actually listed (symbols, expiries, strikes, lot and tick sizes) and wins over config.
 */
export type MasterCatalogInput = {
  specs: readonly UnderlyingSpec[];
  contracts: readonly ListedContract[];
  /** IST calendar date: expiries before it are over (one on it still trades until 15:30). */
  asOf: string;
  /** Underlying → a recent price to centre strikes on; without one, the middle listed strike. */
  referencePrices?: ReadonlyMap<string, Paise>;
};

export type MasterCatalog = {
  chains: UnderlyingChain[];
  /** InstrumentId → the broker's feed key, for every chain instrument the master listed. */
  feedKeys: Map<string, string>;
  /** "UNDERLYING: reason" for each spec left out because the master lacks its future or options. */
  missing: string[];
};

type DatedContract = ListedContract & { expiry: string };
type OptionPair = { call?: DatedContract; put?: DatedContract };
type PairedStrike = { strike: Paise; call: DatedContract; put: DatedContract };
type SeriesContext = { reference: Paise | undefined; feedKeys: Map<string, string> };

/** What the master lists for one spec'd underlying, expiring on or after asOf. */
type Listing = {
  index?: ListedContract;
  future?: DatedContract;
  futureExpiries: Set<string>;
  /** expiry → strike (paise) → its call and put. */
  options: Map<string, Map<number, OptionPair>>;
};

/** Of two contracts for one slot, keep the smaller id, so the result does not depend on input order. */
function firstById<T extends ListedContract>(kept: T | undefined, candidate: T): T {
  return kept === undefined || candidate.id < kept.id ? candidate : kept;
}

/** A derivative row we can make a valid Instrument of: an expiry, positive lot and tick, options with a strike. */
function usableDerivative(contract: ListedContract): contract is DatedContract {
  if (contract.expiry === null || !Number.isSafeInteger(contract.lotSize) || contract.lotSize < 1 || contract.tickSize < 1) return false;
  return contract.kind === 'FUTURE' || (contract.strike !== null && contract.strike > 0);
}

/** Should a master map two indices to one underlying, the configured index symbol wins. */
function preferredIndex(spec: UnderlyingSpec, kept: ListedContract | undefined, candidate: ListedContract): ListedContract {
  const configured = (contract: ListedContract | undefined): boolean => contract?.tradingSymbol === spec.indexTradingSymbol;
  if (configured(kept) !== configured(candidate)) return configured(candidate) ? candidate : (kept ?? candidate);
  return firstById(kept, candidate);
}

function collect(input: MasterCatalogInput, specs: ReadonlyMap<string, UnderlyingSpec>): Map<string, Listing> {
  const listings = new Map<string, Listing>();
  for (const underlying of specs.keys()) listings.set(underlying, { futureExpiries: new Set(), options: new Map() });
  // One pass over the whole master (~100k rows for Kite); the rest works on the few spec'd underlyings.
  for (const contract of input.contracts) {
    const spec = specs.get(contract.underlying);
    const listing = listings.get(contract.underlying);
    if (!spec || !listing) continue;
    if (contract.kind === 'INDEX') {
      if (contract.exchange === spec.indexExchange) listing.index = preferredIndex(spec, listing.index, contract);
      continue;
    }
    // A name can also be listed on another exchange's F&O segment; the spec names the one we trade.
    if (contract.exchange !== spec.derivativesExchange || !usableDerivative(contract) || contract.expiry < input.asOf) continue;
    if (contract.kind === 'FUTURE') {
      listing.futureExpiries.add(contract.expiry);
      const kept = listing.future;
      listing.future = !kept || contract.expiry < kept.expiry ? contract : contract.expiry === kept.expiry ? firstById(kept, contract) : kept;
      continue;
    }
    let strikes = listing.options.get(contract.expiry);
    if (!strikes) listing.options.set(contract.expiry, (strikes = new Map()));
    const strike = contract.strike ?? 0; // usableDerivative: an option has a positive strike
    const pair = strikes.get(strike) ?? {};
    if (contract.kind === 'CALL') pair.call = firstById(pair.call, contract);
    else pair.put = firstById(pair.put, contract);
    strikes.set(strike, pair);
  }
  return listings;
}

/** Strikes of one expiry listed with both a call and a put, ascending. */
function pairedStrikes(pairs: ReadonlyMap<number, OptionPair>): PairedStrike[] {
  const rows: PairedStrike[] = [];
  for (const [strike, { call, put }] of pairs) if (call && put) rows.push({ strike: strike as Paise, call, put });
  return rows.sort((a, b) => a.strike - b.strike);
}

/**
 * Neither Kite nor XTS flags the series. NSE lists a month's monthly contract last among that
 * month's expiries, and futures expire with the monthly series, so either fact makes it MONTHLY.
 */
function expiryTypes(listing: Listing): Map<string, ExpiryType> {
  const lastOfMonth = new Map<string, string>();
  for (const expiry of listing.options.keys()) {
    const month = expiry.slice(0, 7);
    if ((lastOfMonth.get(month) ?? '') < expiry) lastOfMonth.set(month, expiry);
  }
  const types = new Map<string, ExpiryType>();
  for (const expiry of listing.options.keys()) {
    const monthly = lastOfMonth.get(expiry.slice(0, 7)) === expiry || listing.futureExpiries.has(expiry);
    types.set(expiry, monthly ? 'MONTHLY' : 'WEEKLY');
  }
  return types;
}

/** Position of the strike nearest the price; a tie goes to the higher strike, as Math.round does for the simulator's ATM. */
function nearestStrikeIndex(rows: readonly PairedStrike[], price: Paise): number {
  let low = 0;
  let high = rows.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((rows[mid]?.strike ?? 0) < price) low = mid + 1;
    else high = mid;
  }
  // low is the first strike ≥ price (or the last strike); the one below it may be nearer.
  const below = rows[low - 1]?.strike;
  const atOrAbove = rows[low]?.strike ?? 0;
  return below !== undefined && price - below < atOrAbove - price ? low - 1 : low;
}

function derivativeInstrument(contract: DatedContract, spec: UnderlyingSpec, kind: 'FUTURE' | 'CALL' | 'PUT', expiryType: ExpiryType): Instrument {
  const strike = kind === 'FUTURE' ? null : contract.strike;
  // Display only: whole paise / 100 prints as the exact rupee decimal (24000, 22.5); no price arithmetic.
  const strikeRupees = strike === null ? undefined : strike / 100;
  return {
    id: contract.id,
    exchange: contract.exchange,
    tradingSymbol: contract.tradingSymbol,
    underlying: spec.underlying,
    displayName: derivativeDisplayName({ underlying: spec.underlying, expiry: contract.expiry, kind, strikeRupees }),
    kind,
    expiry: contract.expiry,
    expiryType,
    strike,
    lotSize: contract.lotSize,
    tickSize: contract.tickSize,
    freezeQuantity: contract.freezeQuantity ?? spec.freezeQuantity,
    tradable: true,
  };
}

function indexOf(spec: UnderlyingSpec, listed: ListedContract | undefined): Instrument {
  const configured = indexInstrument(spec);
  if (!listed) return configured;
  // Kite writes lot 0 and tick 0 for indices: keep the configured lot 1 and tick instead.
  const tickSize = listed.tickSize > 0 ? listed.tickSize : configured.tickSize;
  return { ...configured, id: listed.id, exchange: listed.exchange, tradingSymbol: listed.tradingSymbol, displayName: listed.tradingSymbol, tickSize };
}

/** One expiry's strike rows; records the feed key of every option it keeps. */
function expirySeries(spec: UnderlyingSpec, expiry: string, expiryType: ExpiryType, paired: readonly PairedStrike[], context: SeriesContext): ExpirySeries {
  const { reference, feedKeys } = context;
  // NSE lists strikes symmetrically around the ATM of the day a series was introduced (adding more
  // as the market moves), so without a reference price the middle listed strike stands for the ATM.
  const centre = reference === undefined ? paired.length >> 1 : nearestStrikeIndex(paired, reference);
  // At the ends of the listing the window is cut, not shifted, so it stays centred on the ATM.
  const window = paired.slice(Math.max(0, centre - spec.strikesEachSide), centre + spec.strikesEachSide + 1);
  const strikes: StrikeRow[] = [];
  for (const { strike, call, put } of window) {
    strikes.push({ strike, call: derivativeInstrument(call, spec, 'CALL', expiryType), put: derivativeInstrument(put, spec, 'PUT', expiryType) });
    feedKeys.set(call.id, call.feedKey);
    feedKeys.set(put.id, put.feedKey);
  }
  return { expiry, expiryType, strikes };
}

export function buildChainsFromMaster(input: MasterCatalogInput): MasterCatalog {
  const specs = new Map<string, UnderlyingSpec>();
  for (const spec of input.specs) if (!specs.has(spec.underlying)) specs.set(spec.underlying, spec);
  const listings = collect(input, specs);
  const chains: UnderlyingChain[] = [];
  const feedKeys = new Map<string, string>();
  const missing: string[] = [];

  for (const spec of specs.values()) {
    const listing = listings.get(spec.underlying);
    if (!listing) continue; // collect creates one per spec
    const expiries = [...listing.options.entries()]
      .map(([expiry, pairs]) => ({ expiry, paired: pairedStrikes(pairs) }))
      .filter(({ paired }) => paired.length > 0)
      .sort((a, b) => (a.expiry < b.expiry ? -1 : 1));
    const future = listing.future;
    if (!future || expiries.length === 0) {
      const lacks = [...(future ? [] : ['no future']), ...(expiries.length > 0 ? [] : ['no option with both a call and a put'])];
      missing.push(`${spec.underlying}: ${lacks.join(' and ')} listed on ${spec.derivativesExchange} expiring on or after ${input.asOf}`);
      continue;
    }
    const types = expiryTypes(listing);
    const context: SeriesContext = { reference: input.referencePrices?.get(spec.underlying), feedKeys };
    const count = Math.max(1, spec.weeklyExpiriesListed + spec.monthlyExpiriesListed);
    const series = expiries.slice(0, count).map(({ expiry, paired }) => expirySeries(spec, expiry, types.get(expiry) ?? 'WEEKLY', paired, context));
    chains.push({
      // Consumers read the lot size off the chain's spec (chain-builder.ts): the master's is the one in force.
      spec: { ...spec, lotSize: future.lotSize },
      index: indexOf(spec, listing.index),
      future: derivativeInstrument(future, spec, 'FUTURE', 'MONTHLY'),
      expiries: series,
    });
    if (listing.index) feedKeys.set(listing.index.id, listing.index.feedKey);
    feedKeys.set(future.id, future.feedKey);
  }
  return { chains, feedKeys, missing };
}
