import { istDate, type Paise } from '@strikedesk/domain';
import type { EngineConfig } from '../config/engine-config.ts';
import { InstrumentCatalog } from '../instruments/instrument-catalog.ts';
import { buildInstrumentMaster } from '../instruments/instrument-master.ts';
import { MarketSimulator } from './market-simulator.ts';

/** Builds the instrument master for the start date and the simulator that quotes it. */
export function createSimulatedMarket(args: { config: EngineConfig; seed: number; startTime: number }): {
  catalog: InstrumentCatalog;
  simulator: MarketSimulator;
} {
  const { config, seed, startTime } = args;
  const spots = new Map<string, Paise>(
    Object.entries(config.simulation.underlyings).map(([underlying, params]) => [underlying, params.spot]),
  );
  const chains = buildInstrumentMaster({
    specs: config.underlyings,
    spots,
    asOf: istDate(startTime),
    holidays: new Set(config.simulation.holidays),
  });
  const catalog = new InstrumentCatalog(chains);
  const simulator = new MarketSimulator({ chains, simulation: config.simulation, seed, startTime });
  return { catalog, simulator };
}
