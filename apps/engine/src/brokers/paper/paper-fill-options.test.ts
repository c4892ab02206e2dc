import { describe, expect, it } from 'vitest';
import { loadEngineConfig } from '../../config/engine-config.ts';
import { createSimulatedMarket } from '../../market/create-market.ts';
import { paperFillOptions } from './paper-fill-options.ts';

describe('paper fill options from the engine configuration', () => {
  it('gives futures a circuit of ± the configured % of the previous close on the tick grid, and options none', () => {
    const config = loadEngineConfig();
    const start = Date.UTC(2026, 11, 9, 5, 30);
    const { simulator, catalog } = createSimulatedMarket({ config, seed: 3, startTime: start });
    simulator.step(start + 1_000);
    const options = paperFillOptions({ slippageTicks: 1, futuresCircuitPercent: 10 }, (id) => catalog.get(id), simulator);
    const nifty = catalog.chains.find((chain) => chain.spec.underlying === 'NIFTY')!;
    const previousClose = simulator.latest(nifty.future.id)!.previousClose;
    const circuit = options.circuit?.(nifty.future.id);
    expect(circuit).not.toBeNull();
    expect(circuit!.lower % nifty.future.tickSize).toBe(0);
    expect(circuit!.upper % nifty.future.tickSize).toBe(0);
    expect(circuit!.upper).toBeLessThanOrEqual(previousClose * 1.1);
    expect(circuit!.upper).toBeGreaterThan(previousClose * 1.1 - nifty.future.tickSize);
    expect(circuit!.lower).toBeGreaterThanOrEqual(previousClose * 0.9);
    expect(options.circuit?.(nifty.expiries[0]!.strikes[0]!.call.id)).toBeNull();
    expect(options.tickSize?.(nifty.future.id)).toBe(nifty.future.tickSize);
  });
});
