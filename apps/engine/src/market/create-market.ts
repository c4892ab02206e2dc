import { istDate, type Instrument, type Paise } from '@strikedesk/domain';
import type { EngineConfig } from '../config/engine-config.ts';
import { buildChainsFromMaster } from '../instruments/catalog-from-master.ts';
import { InstrumentCatalog } from '../instruments/instrument-catalog.ts';
import { buildInstrumentMaster, type UnderlyingChain } from '../instruments/instrument-master.ts';
import type { ListedContract } from '../instruments/listed-contract.ts';
import { MarketSimulator } from './market-simulator.ts';

type MarketLogger = { warn(details: object, message: string): void };

/**
 * The instrument master and the simulator that quotes it. The master is the simulator's generated
 * listing, or — when a broker account supplies market data and its instrument list is cached —
 * the broker's own contracts of the configured underlyings (ADR 0021); the simulator then still
 * quotes those for simulated brokers.
 */
export function createMarket(args: {
  config: EngineConfig;
  seed: number;
  startTime: number;
  /** The market-data account's cached master (null: none, or no such account). */
  contracts?: readonly ListedContract[] | null;
  /**
   * Underlying → a recent index price to centre the broker's strikes on (e.g. the last recorded
   * tick); the configured spot where absent — which may be months old on a live market.
   */
  referencePrices?: ReadonlyMap<string, Paise>;
  /**
   * Underlying → the index price the simulated market starts from (where it last stood) instead of
   * the configured spot; the generated listing's strikes are centred on it too.
   */
  startingSpots?: ReadonlyMap<string, Paise>;
  /** Contracts still held, listed besides the chains when they lack them (instruments/held-contracts.ts). */
  held?: readonly Instrument[];
  logger?: MarketLogger;
}): { catalog: InstrumentCatalog; simulator: MarketSimulator; fromMaster: boolean } {
  const { config, seed, startTime } = args;
  const spots = new Map<string, Paise>([
    ...Object.entries(config.simulation.underlyings).map(([underlying, params]): [string, Paise] => [underlying, params.spot]),
    ...(args.startingSpots ?? []),
  ]);
  const asOf = istDate(startTime);
  let chains: UnderlyingChain[] | null = null;
  if (args.contracts) {
    const references = new Map([...spots, ...(args.referencePrices ?? [])]);
    const built = buildChainsFromMaster({ specs: config.underlyings, contracts: args.contracts, asOf, referencePrices: references });
    if (built.chains.length > 0) {
      // An underlying the list lacks (added to the configuration since, or not listed) keeps the
      // generated listing, so it does not vanish from the terminal; it streams nothing until listed.
      const listed = new Set(built.chains.map((chain) => chain.spec.underlying));
      const unlisted = config.underlyings.filter((spec) => !listed.has(spec.underlying));
      for (const missing of built.missing) args.logger?.warn({ missing }, "the broker's instrument list lacks an underlying; its simulated listing is kept");
      chains = [...built.chains, ...buildInstrumentMaster({ specs: unlisted, spots, asOf, holidays: new Set(config.calendar.nseTradingHolidays) })];
    } else args.logger?.warn({ contracts: args.contracts.length }, "the broker's cached instrument list has no usable underlying; using the simulated listing");
  }
  const fromMaster = chains !== null;
  chains ??= buildInstrumentMaster({ specs: config.underlyings, spots, asOf, holidays: new Set(config.calendar.nseTradingHolidays) });
  const catalog = new InstrumentCatalog(chains, args.held);
  const simulator = new MarketSimulator({ chains, simulation: config.simulation, seed, startTime, ...(args.startingSpots ? { startingSpots: args.startingSpots } : {}) });
  return { catalog, simulator, fromMaster };
}

/** The simulator's generated listing and the simulator (tests, benchmarks, the paper venue). */
export function createSimulatedMarket(args: { config: EngineConfig; seed: number; startTime: number }): { catalog: InstrumentCatalog; simulator: MarketSimulator } {
  const { catalog, simulator } = createMarket(args);
  return { catalog, simulator };
}
