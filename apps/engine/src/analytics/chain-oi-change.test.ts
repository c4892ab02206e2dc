import { describe, expect, it } from 'vitest';
import { loadEngineConfig } from '../config/engine-config.ts';
import { createSimulatedMarket } from '../market/create-market.ts';
import { FeedQuotes } from '../market/feed-quotes.ts';
import { MarketData } from '../market/market-data.ts';
import { TEST_START } from '../testing/test-engine.ts';
import { ChainService } from './chain-service.ts';

/**
 * A broker's live feed (FeedQuotes) does not say what open interest was at the previous close, so
 * the chain cannot know "OI chg". It must say so (null, shown as a dash), not publish 0 on every
 * strike: a trader reads 0 as "no positions were built or unwound today".
 */
function chainServiceOver(source: 'FEED' | 'SIMULATOR') {
  const config = loadEngineConfig();
  const { catalog, simulator } = createSimulatedMarket({ config, seed: 7, startTime: TEST_START });
  const batch = simulator.step(TEST_START + 250);
  const feed = new FeedQuotes();
  feed.apply(batch.ticks);
  const market = new MarketData(source === 'FEED' ? feed : simulator);
  const service = new ChainService({
    chains: catalog.chains,
    market: { latest: (id) => market.latest(id), previousOpenInterest: (id) => market.previousOpenInterest(id), now: () => TEST_START + 250, rate: config.simulation.riskFreeRate },
    ticks: market.ticks,
  });
  const expiry = catalog.chains[0]?.expiries[0]?.expiry ?? '';
  return service.get({ underlying: 'NIFTY', expiry, strikesEachSide: 5 });
}

describe('OI change in the chain', () => {
  it('is unknown (null) from a feed that carries no previous-close open interest', () => {
    const chain = chainServiceOver('FEED');
    const options = chain.rows.flatMap((row) => [row.call, row.put]).filter((option) => option !== null);
    expect(options.length).toBe(22);
    for (const option of options) {
      expect(option.openInterest).toBeGreaterThan(0);
      expect(option.openInterestChange).toBeNull();
    }
  });

  it('is today’s OI less the previous close’s where the source knows it (the simulator)', () => {
    const chain = chainServiceOver('SIMULATOR');
    for (const row of chain.rows) for (const option of [row.call, row.put]) expect(option?.openInterestChange).toEqual(expect.any(Number));
  });
});
