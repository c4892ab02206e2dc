import { istDate, isSimulatedBroker, type Instrument, type Tick } from '@strikedesk/domain';
import { createListedInstrumentStore, createMarketDataStore, type Pool } from '@strikedesk/db/client';
import type { Logger } from 'pino';
import { BrokerMarketFeed } from './brokers/accounts/broker-market-feed.ts';
import type { EngineConfig } from './config/engine-config.ts';
import { Topic } from './events/topic.ts';
import { loadHeldContracts, rememberListing } from './instruments/held-contracts.ts';
import type { InstrumentCatalog } from './instruments/instrument-catalog.ts';
import { createMarket } from './market/create-market.ts';
import { FeedQuotes } from './market/feed-quotes.ts';
import { MarketData } from './market/market-data.ts';
import { loadMarketDataSource, recordedIndexPrices } from './market/market-data-source.ts';
import type { MarketFeed } from './market/market-feed.ts';
import type { MarketSimulator } from './market/market-simulator.ts';
import type { Clock } from './market/simulator-runner.ts';

/** What a simulated broker lists and prices from. */
export type VenueMarket = { instruments: readonly Instrument[]; latest(id: string): Tick | undefined; ticks: Topic<Tick[]> };

export type EngineMarket = {
  catalog: InstrumentCatalog;
  simulator: MarketSimulator;
  market: MarketData;
  /** A live feed as the market (a broker account's, or one given by the caller); null = the simulator. */
  feed: { source: MarketFeed; quotes: FeedQuotes } | null;
  /** The market-data broker account's feed, told of its link's changes; null without one. */
  brokerFeed: BrokerMarketFeed | null;
  /** The source is a simulated broker: the simulator keeps stepping, for that broker only. */
  simulatedSource: boolean;
  /** The simulator's steps while a feed is the market (what a simulated source streams). */
  simulatorTicks: Topic<Tick[]>;
  venueMarket: VenueMarket;
  /** Today's listing being remembered (rememberListing: never rejects); awaited before the pool closes. */
  remembered: Promise<void>;
};

/**
 * The engine's market at start (ADR 0021): the simulator, or the broker account an admin chose —
 * its cached instrument list as the catalog, its stream as the quotes — or a feed given by the
 * caller (tests, the ticker benchmark). Contracts the trading state still holds are listed too when
 * today's listing lacks them (expired, or outside today's strikes), from their remembered
 * definitions; today's listing is remembered for a later start (instruments/held-contracts.ts).
 */
export async function openEngineMarket(args: {
  pool: Pool;
  config: EngineConfig;
  seed: number;
  startTime: number;
  clock: Clock;
  logger: Logger;
  /** Instruments of the recovered state's open positions and unfinished orders (heldInstrumentIds). */
  held: ReadonlySet<string>;
  /**
   * The simulated market carries on from the index prices last recorded, not the configured spot:
   * a restart (the daily one too) moved every carried position back to that spot, a jump in its
   * P&L that no market made. Off beside a standalone paper venue (PAPER_VENUE_URL): it lists its
   * contracts from the configured spot, and the two listings must agree.
   */
  continueSimulation?: boolean;
  marketFeed?: (deps: { catalog: InstrumentCatalog; logger: Logger }) => MarketFeed;
}): Promise<EngineMarket> {
  const { pool, config, clock, logger } = args;
  const store = createMarketDataStore(pool);
  const source = args.marketFeed ? null : await loadMarketDataSource(store, logger);
  // The broker's strikes are centred on each index's last recorded price (the configured spot may be months old).
  const continues = source === null && !args.marketFeed && args.continueSimulation === true;
  const recorded = source?.contracts || continues ? await recordedIndexPrices(pool, config.underlyings) : undefined;
  const referencePrices = source?.contracts ? recorded : undefined;
  const startingSpots = continues ? recorded : undefined;
  const asOf = istDate(args.startTime);
  const listedInstruments = createListedInstrumentStore(pool);
  const held = await loadHeldContracts(listedInstruments, args.held, asOf, logger);
  const { catalog, simulator, fromMaster } = createMarket({ config, seed: args.seed, startTime: args.startTime, contracts: source?.contracts ?? null, referencePrices, startingSpots, held, logger });
  // Beside the start, not before it: only a later start reads it, and a restart's seconds count.
  const remembered = rememberListing(listedInstruments, catalog, args.held, asOf, logger);
  const brokerFeed = source
    ? new BrokerMarketFeed({
        account: source.account,
        instruments: catalog.all,
        instrumentsFromMaster: fromMaster,
        cacheMaster: !isSimulatedBroker(source.account.broker),
        exchanges: [...new Set(config.underlyings.flatMap((spec) => [spec.derivativesExchange, spec.indexExchange]))],
        underlyings: new Set(config.underlyings.map((spec) => spec.underlying)),
        store,
        logger: logger.child({ component: 'market-data' }),
        now: () => clock.now(),
      })
    : null;
  const feedSource = args.marketFeed?.({ catalog, logger }) ?? brokerFeed;
  const feed = feedSource ? { source: feedSource, quotes: new FeedQuotes() } : null;
  const market = new MarketData(feed?.quotes ?? simulator);
  // A simulated broker that is itself the market's source is priced by the simulator (its prices
  // cannot come from the market it feeds); every other simulated broker follows the market.
  const simulatedSource = source !== null && isSimulatedBroker(source.account.broker);
  const simulatorTicks = new Topic<Tick[]>();
  const venueMarket: VenueMarket = simulatedSource
    ? { instruments: catalog.all, latest: (id) => simulator.latest(id), ticks: simulatorTicks }
    : { instruments: catalog.all, latest: (id) => market.latest(id), ticks: market.ticks };
  return { catalog, simulator, market, feed, brokerFeed, simulatedSource, simulatorTicks, venueMarket, remembered };
}

/** Where a live feed's ticks go: its quotes first, then the broker, the market's subscribers and the recorder. */
export function listenToFeed(
  feed: NonNullable<EngineMarket['feed']>,
  to: { broker: { onTicks?(ticks: Tick[]): void }; market: MarketData; recorder: { record(trades: Tick[]): void } | null; logger: Logger },
): void {
  const { broker, market, recorder, logger } = to;
  feed.source.onTicks((ticks) => {
    // Inside the feed's socket handler: a throw would escape into the WebSocket library.
    try {
      const trades = feed.quotes.apply(ticks); // first, so the broker and subscribers read these as the latest quotes
      broker.onTicks?.(ticks);
      market.publish({ ticks });
      recorder?.record(trades);
    } catch (error) {
      logger.error({ err: error }, 'market feed batch failed');
    }
  });
  feed.source.onStatus(({ state, detail }) => {
    const fields = { feed: feed.source.name, state, detail };
    if (state === 'session-expired') logger.error(fields, 'market feed session expired: log in to the broker again (not retried until then)');
    else if (state === 'disconnected') logger.warn(fields, 'market feed disconnected');
    else logger.info(fields, 'market feed connected');
  });
}
