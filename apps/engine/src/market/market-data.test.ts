import { asInstrumentId, paise, type InstrumentId, type Tick } from '@strikedesk/domain';
import { describe, expect, it } from 'vitest';
import { loadEngineConfig } from '../config/engine-config.ts';
import { createSimulatedMarket } from './create-market.ts';
import { FeedQuotes } from './feed-quotes.ts';
import { MarketData } from './market-data.ts';

const FUTURE = asInstrumentId('NFO:NIFTY26DECFUT');
const CALL = asInstrumentId('NFO:NIFTY26DEC26000CE');

function tick(instrumentId: InstrumentId, lastPrice: number, extra: Partial<Tick> = {}): Tick {
  const price = paise(lastPrice);
  return {
    instrumentId, timestamp: 1_796_441_400_000, lastPrice: price, previousClose: price, open: price, high: price, low: price,
    bid: paise(lastPrice - 5), ask: paise(lastPrice + 5), bids: [], asks: [], volume: 1_000, openInterest: 50_000, ...extra,
  };
}

/** What engine.ts does with each feed batch: quotes first, then subscribers. */
function receive(quotes: FeedQuotes, market: MarketData, ticks: Tick[]): Tick[] {
  const trades = quotes.apply(ticks);
  market.publish({ ticks });
  return trades;
}

describe('MarketData over a feed', () => {
  it('latest, quotes and the ticks topic follow the feed; nothing is quoted before the feed says so', () => {
    const quotes = new FeedQuotes();
    const market = new MarketData(quotes);
    const published: Tick[][] = [];
    market.ticks.listen((batch) => published.push(batch));
    expect(market.latest(FUTURE)).toBeUndefined();
    expect(market.quotes([FUTURE, CALL])).toEqual([]);

    const first = [tick(FUTURE, 2_612_340), tick(CALL, 24_555)];
    receive(quotes, market, first);
    expect(market.latest(FUTURE)).toBe(first[0]);
    expect(market.quotes([CALL, FUTURE, asInstrumentId('NFO:NOSUCH26DECFUT')])).toEqual([first[1], first[0]]);

    const second = [tick(FUTURE, 2_612_400)];
    receive(quotes, market, second);
    expect(market.latest(FUTURE)?.lastPrice).toBe(2_612_400);
    expect(market.latest(CALL)?.lastPrice).toBe(24_555); // untouched by a batch without it
    expect(published).toEqual([first, second]);
    // A feed does not know the previous session's closing open interest.
    expect(market.previousOpenInterest(FUTURE)).toBeUndefined();
  });

  it('reports as trades what traded (price or volume moved, or a first tick), not depth-only updates', () => {
    const quotes = new FeedQuotes();
    const opening = tick(FUTURE, 2_612_340);
    expect(quotes.apply([opening])).toEqual([opening]);
    const depthOnly = tick(FUTURE, 2_612_340, { bid: paise(2_612_300) });
    const volumeOnly = tick(CALL, 24_555);
    expect(quotes.apply([depthOnly, volumeOnly])).toEqual([volumeOnly]);
    const traded = tick(FUTURE, 2_612_340, { bid: paise(2_612_300), volume: 1_075 });
    const moved = tick(CALL, 24_560);
    expect(quotes.apply([traded, moved])).toEqual([traded, moved]);
    expect(quotes.latest(FUTURE)).toBe(traded);
  });
});

describe('MarketData over the simulator (unchanged)', () => {
  it('quotes the simulator and publishes its steps', () => {
    const startTime = Date.UTC(2026, 11, 9, 5, 30);
    const { catalog, simulator } = createSimulatedMarket({ config: loadEngineConfig(), seed: 42, startTime });
    const market = new MarketData(simulator);
    const future = catalog.chains[0]?.future;
    if (!future) throw new Error('no future');
    expect(market.latest(future.id)).toBe(simulator.latest(future.id));
    expect(market.previousOpenInterest(future.id)).toBe(simulator.previousOpenInterest(future.id));
    const published: Tick[][] = [];
    market.ticks.listen((batch) => published.push(batch));
    const step = simulator.step(startTime + 250);
    market.publish(step);
    expect(published).toEqual([step.ticks]);
    expect(market.quotes([future.id])).toEqual([simulator.latest(future.id)]);
  });
});
