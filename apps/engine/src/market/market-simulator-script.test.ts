import { describe, expect, it } from 'vitest';
import { loadEngineConfig } from '../config/engine-config.ts';
import { createSimulatedMarket } from './create-market.ts';

describe('scripted spot', () => {
  it('the next step takes exactly the scripted spot and reprices the chain from it; later steps diffuse again', () => {
    const start = Date.UTC(2026, 11, 9, 5, 30);
    const { simulator, catalog } = createSimulatedMarket({ config: loadEngineConfig(), seed: 7, startTime: start });
    const nifty = catalog.chains.find((chain) => chain.spec.underlying === 'NIFTY')!;
    simulator.step(start + 1_000);
    const callId = nifty.expiries[0]!.strikes[0]!.call.id;
    const callBefore = simulator.latest(callId)!.bid!;
    simulator.setSpot('NIFTY', 2_700_000);
    simulator.step(start + 60_000); // a minute later: no diffusion for the scripted step
    expect(simulator.latest(nifty.index.id)!.lastPrice).toBe(2_700_000);
    expect(simulator.latest(callId)!.bid!).toBeGreaterThan(callBefore);
    simulator.step(start + 120_000);
    expect(simulator.latest(nifty.index.id)!.lastPrice).not.toBe(2_700_000);
    expect(() => simulator.setSpot('NOPE', 1)).toThrow(RangeError);
  });
});
