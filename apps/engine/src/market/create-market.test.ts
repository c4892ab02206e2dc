import { describe, expect, it } from 'vitest';
import { loadEngineConfig } from '../config/engine-config.ts';
import { listedContract } from '../instruments/listed-contract.ts';
import { TEST_START } from '../testing/test-engine.ts';
import { createMarket, createSimulatedMarket } from './create-market.ts';

describe('createMarket', () => {
  const config = loadEngineConfig();
  const simulated = createSimulatedMarket({ config, seed: 1, startTime: TEST_START }).catalog;
  const nifty = simulated.chains.find((chain) => chain.spec.underlying === 'NIFTY');
  if (!nifty) throw new Error('no NIFTY chain configured');
  // The broker lists NIFTY only, in lots of 75 (the configuration says otherwise).
  const contracts = simulated.all
    .filter((instrument) => instrument.underlying === 'NIFTY')
    .map((instrument, index) => listedContract(instrument.kind === 'INDEX' ? instrument : { ...instrument, lotSize: 75 }, String(1_000 + index), null));

  it('builds the listed underlyings from the broker list and keeps the generated listing for the rest', () => {
    const warnings: object[] = [];
    const { catalog, fromMaster } = createMarket({ config, seed: 1, startTime: TEST_START, contracts, logger: { warn: (details) => warnings.push(details) } });
    expect(fromMaster).toBe(true);
    expect(catalog.chains.map((chain) => chain.spec.underlying)).toEqual(simulated.chains.map((chain) => chain.spec.underlying));
    expect(catalog.chains.find((chain) => chain.spec.underlying === 'NIFTY')?.future.lotSize).toBe(75);
    for (const chain of catalog.chains.filter((candidate) => candidate.spec.underlying !== 'NIFTY')) {
      expect(chain.future).toEqual(simulated.chains.find((candidate) => candidate.spec.underlying === chain.spec.underlying)?.future);
    }
    expect(warnings).toHaveLength(config.underlyings.length - 1);
  });

  it('uses the generated listing when the list has nothing usable', () => {
    const { catalog, fromMaster } = createMarket({ config, seed: 1, startTime: TEST_START, contracts: [] });
    expect(fromMaster).toBe(false);
    expect(catalog.all.map((instrument) => instrument.id)).toEqual(simulated.all.map((instrument) => instrument.id));
  });

  it('centres the broker strikes on a given recent price rather than the configured spot', () => {
    const strikes = nifty.expiries[0]?.strikes.map((row) => row.strike) ?? [];
    const far = strikes[Math.floor(strikes.length * 0.8)];
    if (far === undefined) throw new Error('no strikes');
    const { catalog } = createMarket({ config, seed: 1, startTime: TEST_START, contracts, referencePrices: new Map([['NIFTY', far]]) });
    const listed = catalog.chains.find((chain) => chain.spec.underlying === 'NIFTY')?.expiries[0]?.strikes.map((row) => row.strike) ?? [];
    // The window slides towards the given price: it now ends at the broker's last strike, past the old middle.
    expect(listed.at(-1)).toBe(strikes.at(-1));
    expect(listed[0]).toBeGreaterThan(strikes[0] ?? 0);
    expect(listed).toContain(far);
  });
});
