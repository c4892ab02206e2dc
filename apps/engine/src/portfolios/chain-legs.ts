import { DomainError, resolveLegs, type Instrument, type PortfolioDefinition, type ResolvedLeg } from '@strikedesk/domain';
import type { ChainService } from '../analytics/chain-service.ts';
import type { InstrumentCatalog } from '../instruments/instrument-catalog.ts';
import type { MarketData } from '../market/market-data.ts';

/** The widest chain window the chain service serves: strike selectors look within it. */
const STRIKES_EACH_SIDE = 30;

/**
 * Resolves a portfolio's legs against the engine's live chains (the same domain code the browser
 * runs for the builder's preview, so both pick the same strikes). Two legs on one instrument are
 * refused: each leg's fills must be told apart in the portfolio's book.
 */
export function createChainLegResolver(chains: ChainService, market: MarketData): (definition: PortfolioDefinition) => ResolvedLeg[] {
  return (definition) => {
    const underlying = definition.settings.underlying;
    const legs = resolveLegs(definition, {
      expiries: chains.expiries(underlying),
      chainFor: (expiry) => chains.get({ underlying, expiry, strikesEachSide: STRIKES_EACH_SIDE }),
      futurePrice: (instrumentId) => market.latest(instrumentId)?.lastPrice,
    });
    const seen = new Map<string, string>();
    for (const leg of legs) {
      const other = seen.get(leg.instrumentId);
      if (other) throw new DomainError('VALIDATION_FAILED', `Legs ${other} and ${leg.legId} both resolve to ${leg.instrumentId}: combine them into one leg with more lots.`);
      seen.set(leg.instrumentId, leg.legId);
    }
    return legs;
  };
}

/** A delta hedge's instrument: the underlying's listed future, or the nearest expiry's ATM option. */
export function createHedgeInstrumentFinder(chains: ChainService, catalog: InstrumentCatalog): (underlying: string, right: 'CE' | 'PE' | null) => Instrument | null {
  return (underlying, right) => {
    const chain = catalog.chains.find((candidate) => candidate.spec.underlying === underlying);
    if (!chain) return null;
    if (right === null) return chain.future;
    const nearest = chains.expiries(underlying)[0];
    if (!nearest) return null;
    const options = chains.get({ underlying, expiry: nearest.expiry, strikesEachSide: 5 });
    const atm = options.rows.find((row) => row.strike === options.atmStrike);
    const id = right === 'CE' ? atm?.call?.instrumentId : atm?.put?.instrumentId;
    return id ? (catalog.get(id) ?? null) : null;
  };
}
