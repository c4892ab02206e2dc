import { describe, expect, it } from 'vitest';
import { expiryInstantMs } from '@strikedesk/domain';
import { loadEngineConfig } from '../config/engine-config.ts';
import { createSimulatedMarket } from '../market/create-market.ts';
import { MarketData } from '../market/market-data.ts';
import { TEST_START } from '../testing/test-engine.ts';
import { ChainService } from './chain-service.ts';

/**
 * The listing is built once a day at start (ADR 0025), so from 15:30 IST on an expiry day until the
 * next start it still holds the series that just expired. Traders plan the next session in that
 * window: the chain screen's default and a portfolio's "current week" must be the next live series.
 */
function setup() {
  const config = loadEngineConfig();
  const { catalog, simulator } = createSimulatedMarket({ config, seed: 7, startTime: TEST_START });
  const market = new MarketData(simulator);
  market.publish(simulator.step(TEST_START + 250));
  const clock = { now: TEST_START };
  const service = new ChainService({
    chains: catalog.chains,
    market: { latest: (id) => market.latest(id), previousOpenInterest: (id) => market.previousOpenInterest(id), now: () => clock.now, rate: config.simulation.riskFreeRate },
    ticks: market.ticks,
  });
  return { service, clock, listed: catalog.chains[0]?.expiries.map((series) => series.expiry) ?? [] };
}

describe('ChainService.expiries around an expiry', () => {
  it('lists the expiring series until its 15:30 IST close, and not after', () => {
    const { service, clock, listed } = setup();
    const [first, second] = listed;
    if (!first || !second) throw new Error('NIFTY needs two expiries');
    expect(service.expiries('NIFTY').map((entry) => entry.expiry)).toEqual(listed);

    clock.now = expiryInstantMs(first) - 60_000; // 15:29 IST on expiry day: still trading
    expect(service.expiries('NIFTY')[0]?.expiry).toBe(first);

    clock.now = expiryInstantMs(first) + 30 * 60_000; // 16:00 IST: expired
    const after = service.expiries('NIFTY').map((entry) => entry.expiry);
    expect(after[0]).toBe(second);
    expect(after).toEqual(listed.slice(1));
    // Its chain is still served (positions held into expiry are priced and settled from it).
    expect(service.get({ underlying: 'NIFTY', expiry: first, strikesEachSide: 5 }).timeToExpiryYears).toBe(0);
  });
});
