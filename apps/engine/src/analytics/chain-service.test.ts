import { describe, expect, it } from 'vitest';
import type { OptionChain } from '@strikedesk/domain';
import { loadEngineConfig } from '../config/engine-config.ts';
import { createSimulatedMarket } from '../market/create-market.ts';
import { MarketData } from '../market/market-data.ts';
import { TEST_START } from '../testing/test-engine.ts';
import { ChainService } from './chain-service.ts';
import type { AnalyticsMarket } from './market-context.ts';

/** The real simulated market and catalog; `broken` makes reads of one instrument fail as a bug would. */
function setup() {
  const config = loadEngineConfig();
  const { catalog, simulator } = createSimulatedMarket({ config, seed: 7, startTime: TEST_START });
  const market = new MarketData(simulator);
  let now = TEST_START;
  let broken: string | null = null;
  const analytics: AnalyticsMarket = {
    latest: (id) => {
      if (id === broken) throw new TypeError('corrupt quote');
      return market.latest(id);
    },
    previousOpenInterest: (id) => market.previousOpenInterest(id),
    now: () => now,
    rate: config.simulation.riskFreeRate,
  };
  const logged: { object: object; message: string }[] = [];
  const service = new ChainService({ chains: catalog.chains, market: analytics, ticks: market.ticks, logger: { error: (object, message) => logged.push({ object, message }) } });
  const step = (): void => {
    now += 250;
    market.publish(simulator.step(now));
  };
  return { catalog, service, step, logged, breakInstrument: (id: string | null) => (broken = id) };
}

describe('ChainService live recompute failures', () => {
  it('logs an unexpected error once per failing streak and keeps the other series publishing', async () => {
    const { catalog, service, step, logged, breakInstrument } = setup();
    step();
    const nifty = catalog.chains[0];
    const [first, second] = nifty?.expiries ?? [];
    if (!nifty || !first || !second) throw new Error('NIFTY needs two expiries');
    const seen = { first: [] as OptionChain[], second: [] as OptionChain[] };
    const controller = new AbortController();
    const drain = async (expiry: string, into: OptionChain[]) => {
      for await (const chain of service.stream({ underlying: 'NIFTY', expiry, strikesEachSide: 5 }, controller.signal)) into.push(chain);
    };
    const done = Promise.all([drain(first.expiry, seen.first), drain(second.expiry, seen.second)]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const brokenOption = first.strikes[0]?.call.id;
    if (!brokenOption) throw new Error('no option');
    breakInstrument(brokenOption);
    const before = { first: seen.first.length, second: seen.second.length };
    for (let index = 0; index < 3; index += 1) {
      step();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(seen.first.length).toBe(before.first); // the broken series publishes nothing
    expect(seen.second.length).toBeGreaterThan(before.second); // the healthy one carries on
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toBe('live option chain recompute failed');
    expect(logged[0]?.object).toMatchObject({ series: `NIFTY|${first.expiry}` });
    expect((logged[0]?.object as { err: unknown }).err).toBeInstanceOf(TypeError);
    breakInstrument(null);
    step();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen.first.length).toBeGreaterThan(before.first);
    controller.abort();
    await done;
  });

});
