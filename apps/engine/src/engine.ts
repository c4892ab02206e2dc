import type { EngineEventEnvelope, Tick } from '@strikedesk/domain';
import { createGreekLimitStore, createJournal, createPool, createTickRecorder, migrate, type Journal } from '@strikedesk/db/client';
import { pino, type Logger } from 'pino';
import { ChainService } from './analytics/chain-service.ts';
import { GreeksService } from './analytics/greeks-service.ts';
import type { AnalyticsMarket } from './analytics/market-context.ts';
import { createContextFactory } from './api/context.ts';
import { engineRouter } from './api/root.ts';
import type { EngineServices } from './api/services.ts';
import type { Broker } from './brokers/broker.ts';
import { PaperBroker } from './brokers/paper/paper-broker.ts';
import { loadEngineConfig, type EngineConfig } from './config/engine-config.ts';
import type { EngineEnv } from './env.ts';
import { EventStream } from './events/event-stream.ts';
import { Topic } from './events/topic.ts';
import { createSimulatedMarket } from './market/create-market.ts';
import { MarketData } from './market/market-data.ts';
import { isNseSessionOpen } from './market/market-hours.ts';
import { SimulatorRunner, systemClock, type Clock } from './market/simulator-runner.ts';
import { JournalWriter } from './orders/journal-writer.ts';
import { OrderManager } from './orders/order-manager.ts';
import { TradingState } from './orders/trading-state.ts';
import { GreekLimitBook } from './risk/greek-limit-book.ts';
import { checkGreekLimits } from './risk/greek-risk-check.ts';
import { startWsServer } from './server/ws-server.ts';

export type StartEngineOptions = {
  logger?: Logger;
  config?: EngineConfig;
  clock?: Clock;
  /** Tests drive the market by hand through `runner.stepNow()` when false. */
  autoStep?: boolean;
  /** The venue; the paper broker on the simulated market unless a test scripts its own. */
  createBroker?: (market: MarketData) => Broker & { onTicks?(ticks: readonly Tick[]): void };
  /** Tests put a real wrapper around the real journal to make a write or read fail. */
  wrapJournal?: (journal: Journal) => Journal;
  /**
   * Memory and journal disagree (a bug): by default log and exit non-zero, since a restart replays
   * the journal into a state that can be trusted again. Tests observe it instead.
   */
  onFatal?: (error: unknown) => void;
  /** How long close() waits for broker events that are still being journaled. */
  shutdownGraceMs?: number;
  /** Period of the greeks.stream publication (about once a second by contract). */
  greeksIntervalMs?: number;
};

export type RunningEngine = {
  url: string;
  port: number;
  services: EngineServices;
  runner: SimulatorRunner;
  close(): Promise<void>;
};

/**
 * Wires the engine: env → pool → journal → replay → simulator runner → paper broker → OMS →
 * tRPC WebSocket server. Used by main.ts and by tests (many instances per process are fine: no
 * module-level state anywhere).
 */
export async function startEngine(env: EngineEnv, options: StartEngineOptions = {}): Promise<RunningEngine> {
  const logger = options.logger ?? pino({ level: env.LOG_LEVEL, base: { service: 'engine' } });
  const config = options.config ?? loadEngineConfig();
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();

  await migrate(env.DATABASE_URL); // idempotent and advisory-locked, so racing starters are safe
  const pool = createPool(env.DATABASE_URL, {
    applicationName: 'strikedesk-engine',
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost; the pool reconnects on demand'),
  });
  const postgresJournal = createJournal(pool);
  const journal = options.wrapJournal?.(postgresJournal) ?? postgresJournal;
  const onFatal =
    options.onFatal ??
    ((error: unknown) => {
      logger.fatal({ err: error }, 'engine state no longer matches the journal; exiting so a restart replays it');
      process.exit(1);
    });

  const { catalog, simulator } = createSimulatedMarket({ config, seed: env.SIM_SEED, startTime: startedAt });
  const market = new MarketData(simulator);
  const holidays = new Set(config.simulation.holidays);
  const isOpen = (now: number): boolean => env.MARKET_ALWAYS_OPEN || isNseSessionOpen(now, holidays);
  const broker = options.createBroker?.(market) ?? new PaperBroker(market);

  const state = new TradingState();
  const published = new Topic<EngineEventEnvelope>();
  let greekLimits: GreekLimitBook;
  try {
    const underlyings = new Set(catalog.chains.map((chain) => chain.spec.underlying));
    greekLimits = await GreekLimitBook.load(createGreekLimitStore(pool), { knownUnderlying: (underlying) => underlyings.has(underlying) });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const analyticsMarket: AnalyticsMarket = {
    latest: (id) => market.latest(id),
    previousOpenInterest: (id) => market.previousOpenInterest(id),
    now: () => clock.now(),
    rate: config.simulation.riskFreeRate,
  };
  const greeks = new GreeksService({
    chains: catalog.chains,
    instrument: (id) => catalog.get(id),
    positions: state,
    market: analyticsMarket,
    intervalMs: options.greeksIntervalMs,
  });
  const chains = new ChainService({ chains: catalog.chains, market: analyticsMarket, ticks: market.ticks, logger });
  const orders = new OrderManager({
    state,
    writer: new JournalWriter(journal, state, published, { logger, onFatal }),
    journal,
    broker,
    market: {
      instrument: (id) => catalog.get(id),
      latest: (id) => market.latest(id),
      isMarketOpen: () => isOpen(clock.now()),
      greekRisk: (request) =>
        checkGreekLimits(request, {
          limits: greekLimits,
          netExposure: (accountId, underlying) => greeks.netExposure(accountId, underlying),
          unitGreeks: (instrument) => greeks.unitGreeks(instrument),
          instrument: (id) => catalog.get(id),
          workingOrders: (accountId) => state.workingOrdersOf(accountId),
        }),
    },
    clock,
    published,
    logger,
    shutdownGraceMs: options.shutdownGraceMs,
  });
  let recovered: { events: number; openOrders: number };
  try {
    recovered = await orders.recover();
  } catch (error) {
    await pool.end();
    throw error;
  }
  logger.info({ ...recovered, instruments: catalog.all.length }, 'journal replayed');

  const recorder = env.RECORD_TICKS
    ? createTickRecorder(pool, { onError: (error) => logger.error({ err: error }, 'tick recording failed') })
    : null;
  const runner = new SimulatorRunner(simulator, {
    intervalMs: env.SIM_TICK_MS,
    clock,
    isOpen,
    onStep: (step) => {
      broker.onTicks?.(step.ticks);
      market.publish(step);
      recorder?.record(step.trades);
    },
    onError: (error) => logger.error({ err: error }, 'simulator step failed'),
  });

  const services: EngineServices = {
    orders,
    catalog,
    market,
    events: new EventStream(published, journal, state),
    chains,
    greeks,
    greekLimits,
    startedAt,
    lastSeq: () => state.lastSeq,
  };
  const server = await startWsServer({
    host: env.ENGINE_HOST,
    port: env.ENGINE_PORT,
    router: engineRouter,
    createContext: createContextFactory(services, env.ENGINE_TOKEN),
    onError: ({ path, error }) => logger.error({ path, err: error.cause ?? error }, 'engine procedure failed'),
  });
  if (options.autoStep ?? true) runner.start();
  logger.info({ url: server.url }, `engine listening on ${server.url}`);

  let closing: Promise<void> | null = null;
  return {
    url: server.url,
    port: server.port,
    services,
    runner,
    close() {
      closing ??= (async () => {
        runner.stop();
        greeks.close();
        await server.close();
        await orders.close();
        broker.close();
        await recorder?.close();
        await pool.end();
        logger.info('engine stopped');
      })();
      return closing;
    },
  };
}
