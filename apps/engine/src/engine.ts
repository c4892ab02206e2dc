import { expiryInstantMs, instrumentIdParts, istDate, type AccountId, type EngineEventEnvelope } from '@strikedesk/domain';
import {
  createGreekLimitStore,
  createListedInstrumentStore,
  createJournal,
  createPool,
  createRiskLimitsStore,
  createSnapshotStore,
  createTickRecorder,
  createBrokerCredentialsReader,
  createBrokerRoutingStore,
  createSecretSealer,
  loadMasterKeyRing,
  createNotificationSettingsStore,
  createPortfolioStore,
  createTradingHaltStore,
  migrate,
} from '@strikedesk/db/client';
import { pino } from 'pino';
import { ChainService } from './analytics/chain-service.ts';
import { GreeksService } from './analytics/greeks-service.ts';
import type { AnalyticsMarket } from './analytics/market-context.ts';
import { createContextFactory } from './api/context.ts';
import { engineRouter } from './api/root.ts';
import type { EngineServices } from './api/services.ts';
import type { Broker } from './brokers/broker.ts';
import { PaperBroker } from './brokers/paper/paper-broker.ts';
import { paperFillOptions } from './brokers/paper/paper-fill-options.ts';
import { PaperVenueBroker } from './brokers/paper-venue/paper-venue-broker.ts';
import { BrokerAccountConnections } from './brokers/accounts/broker-account-connections.ts';
import { BrokerRouter } from './brokers/accounts/broker-router.ts';
import { calendarCoverageWarning, loadEngineConfig } from './config/engine-config.ts';
import { intradaySquareOffMinute, type EngineEnv } from './env.ts';
import { EventStream } from './events/event-stream.ts';
import { Topic } from './events/topic.ts';
import { listenToFeed, openEngineMarket } from './engine-market.ts';
import { heldInstrumentIds } from './instruments/held-contracts.ts';
import { ListingDay } from './market/listing-day.ts';
import { nseSessionCloseAfter } from './market/market-hours.ts';
import { MarketSessionRule } from './market/market-session.ts';
import { adoptableOrders } from './brokers/accounts/adoptable-orders.ts';
import { SessionWatcher } from './market/session-watcher.ts';
import { SimulatorRunner, systemClock } from './market/simulator-runner.ts';
import { JournalWriter } from './orders/journal-writer.ts';
import { OrderHistoryReader } from './orders/order-history.ts';
import { TradebookReader } from './orders/tradebook-reader.ts';
import { BarHistory } from './market/bar-history.ts';
import { ExpirySettlement } from './orders/expiry-settlement.ts';
import { OrderManager } from './orders/order-manager.ts';
import { Reconciler } from './reconciliation/reconciler.ts';
import { DailyLossMonitor } from './risk/daily-loss-monitor.ts';
import { IntradayCutoff, type IntradayOrderRequest } from './risk/intraday-cutoff.ts';
import { IntradaySquareOff } from './risk/intraday-square-off.ts';
import { KeepFlat } from './risk/keep-flat.ts';
import { GreekLimitBook } from './risk/greek-limit-book.ts';
import { greekRiskCheck } from './risk/greek-risk-check.ts';
import { HaltBook } from './risk/halt-book.ts';
import { KillSwitch } from './risk/kill-switch.ts';
import { orderRateRoom } from './risk/order-rate-room.ts';
import { RiskLimitsBook } from './risk/risk-limits-book.ts';
import { TradingRiskView } from './risk/trading-risk-view.ts';
import { startWsServer } from './server/ws-server.ts';
import { createChainLegResolver, createHedgeInstrumentFinder } from './portfolios/chain-legs.ts';
import { LegExecutor } from './portfolios/leg-executor.ts';
import { PortfolioManager } from './portfolios/portfolio-manager.ts';
import { TelegramNotifier } from './strategies/telegram-notifier.ts';
import type { PriceAlertWatch } from './alerts/price-alert-watch.ts';
import { startPriceAlerts } from './alerts/start-price-alerts.ts';
import { createStrategyServices } from './engine-strategies.ts';
import { createInstrumentDirectory } from './instruments/instrument-directory.ts';
import { recoverState } from './snapshots/recover-state.ts';
import { SnapshotScheduler } from './snapshots/snapshot-scheduler.ts';

import type { RunningEngine, StartEngineOptions } from './engine-options.ts';

export type { RunningEngine, StartEngineOptions } from './engine-options.ts';

/**
 * Wires the engine: env → pool → migrations → state (snapshot + journal tail) → risk books →
 * broker → OMS → start-up reconciliation → tRPC WebSocket server, then the background work
 * (simulator, reconciliation, daily-loss monitor, snapshots). Used by main.ts and by tests (many
 * instances per process are fine: no module-level state anywhere).
 */
export async function startEngine(env: EngineEnv, options: StartEngineOptions = {}): Promise<RunningEngine> {
  const started = performance.now();
  const logger = options.logger ?? pino({ level: env.LOG_LEVEL, base: { service: 'engine' } });
  const config = options.config ?? loadEngineConfig();
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const background = options.background ?? true;
  const calendarWarning = calendarCoverageWarning(config.calendar, startedAt);
  if (calendarWarning) logger.warn(calendarWarning);

  await migrate(env.DATABASE_URL); // idempotent and advisory-locked, so racing starters are safe
  const pool = createPool(env.DATABASE_URL, {
    applicationName: 'strikedesk-engine',
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost; the pool reconnects on demand'),
  });
  const closers: (() => unknown)[] = [];
  const failStart = async (error: unknown): Promise<never> => {
    for (const close of closers.reverse()) await close();
    await pool.end();
    throw error;
  };

  const postgresJournal = createJournal(pool);
  const journal = options.wrapJournal?.(postgresJournal) ?? postgresJournal;
  const onFatal =
    options.onFatal ??
    ((error: unknown) => {
      logger.fatal({ err: error }, 'engine state no longer matches the journal; exiting so a restart replays it');
      process.exit(1);
    });

  let state: Awaited<ReturnType<typeof recoverState>>['state'];
  let snapshotSeq: number | null;
  let replayed: number;
  let recoveryMillis: { snapshot: number; replay: number };
  try {
    ({ state, snapshotSeq, replayed, millis: recoveryMillis } = await recoverState(journal, createSnapshotStore(pool), logger));
  } catch (error) {
    return failStart(error);
  }

  // After the state: what it holds stays listed, whatever today's listing is (ADR 0010, "Held contracts").
  const { catalog, simulator, market, feed, brokerFeed, simulatedSource, simulatorTicks, venueMarket, remembered } = await openEngineMarket({
    pool,
    config,
    seed: env.SIM_SEED,
    startTime: startedAt,
    clock,
    logger,
    held: heldInstrumentIds(state),
    continueSimulation: env.PAPER_VENUE_URL === undefined,
    ...(options.marketFeed ? { marketFeed: options.marketFeed } : {}),
  }).catch(failStart);
  closers.push(() => remembered);
  if (feed) closers.push(() => feed.source.stop());

  let greekLimits: GreekLimitBook;
  let riskLimits: RiskLimitsBook;
  let halts: HaltBook;
  try {
    const underlyings = new Set(catalog.chains.map((chain) => chain.spec.underlying));
    greekLimits = await GreekLimitBook.load(createGreekLimitStore(pool), { knownUnderlying: (underlying) => underlyings.has(underlying) });
    riskLimits = await RiskLimitsBook.load(createRiskLimitsStore(pool));
    halts = await HaltBook.load(createTradingHaltStore(pool));
  } catch (error) {
    return failStart(error);
  }

  const paper: Broker =
    options.createBroker?.(market) ??
    (env.PAPER_VENUE_URL
      ? new PaperVenueBroker({ url: env.PAPER_VENUE_URL, logger })
      : new PaperBroker(market, () => clock.now(), paperFillOptions(config.simulation.paperFills, (id) => catalog.get(id), market)));
  // Accounts bound to a broker account trade through it; every other account on paper (ADR 0020).
  const router = new BrokerRouter(paper, logger.child({ component: 'broker-router' }));
  const broker: Broker = router;
  closers.push(() => broker.close());
  const masterKeys = await loadMasterKeyRing({ keys: env.STRIKEDESK_MASTER_KEYS, file: env.STRIKEDESK_MASTER_KEY_FILE }).catch(failStart);
  const connections = new BrokerAccountConnections({
    store: createBrokerRoutingStore(pool, { sealer: masterKeys ? createSecretSealer(masterKeys) : null }),
    credentials: masterKeys ? createBrokerCredentialsReader(pool, masterKeys) : null,
    router,
    halts,
    market: venueMarket,
    marketData: brokerFeed,
    databaseUrl: env.DATABASE_URL,
    logger: logger.child({ component: 'broker-accounts' }),
    now: () => clock.now(),
    dailyLogoutMinute: env.BROKER_DAILY_LOGOUT_IST,
    workingOrders: (accountId) => adoptableOrders(state.openOrdersOf(accountId), clock.now()),
    ...(options.brokerLinks ? { link: options.brokerLinks } : {}),
  });
  closers.push(() => connections.close());

  const published = new Topic<EngineEventEnvelope>();
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
  closers.push(() => greeks.close());
  const chains = new ChainService({ chains: catalog.chains, market: analyticsMarket, ticks: market.ticks, logger });
  const riskView = new TradingRiskView(state, { latest: (id) => market.latest(id), instrument: (id) => catalog.get(id), now: () => clock.now() });
  const writer = new JournalWriter(journal, state, published, { logger, onFatal });
  const intradayCutoff = new IntradayCutoff(intradaySquareOffMinute(env), state);
  // What engine-side senders (signals, fired GTTs) wait on so their own bursts are paced, not denied.
  const rateRoom = orderRateRoom({ state, riskLimits, clock });
  const holidays: ReadonlySet<string> = new Set(config.calendar.nseTradingHolidays);
  const sessionRule = new MarketSessionRule({ alwaysOpen: env.MARKET_ALWAYS_OPEN, holidays, cutoff: intradayCutoff });
  const isOpen = (now: number): boolean => sessionRule.isOpen(now);
  const orders = new OrderManager({
    state,
    writer,
    broker,
    context: {
      instrument: (id) => catalog.get(id),
      latest: (id) => market.latest(id),
      isMarketOpen: () => isOpen(clock.now()),
      // Absent when off: the per-order check then costs one property read.
      ...(intradayCutoff.minute === null ? {} : { intradayCutoff: (request: IntradayOrderRequest) => intradayCutoff.denial(request) }),
      haltDenial: (accountId, origin, reducesOnly, ignore) => halts.denial(accountId, origin, reducesOnly, ignore),
      routeDenial: (accountId) => connections.denial(accountId),
      riskLimits: (accountId) => riskLimits.get(accountId),
      riskView,
      greekRisk: greekRiskCheck({ limits: greekLimits, greeks, instrument: (id) => catalog.get(id), workingTotals: (accountId) => state.exposures(accountId) }),
    },
    clock,
    published,
    logger,
    shutdownGraceMs: options.shutdownGraceMs,
    dayOrderEnded: (placedAt, now) => sessionRule.dayOrderEnded(placedAt, now),
  });
  orders.start();
  closers.push(() => orders.close());

  const reconciler = new Reconciler({
    broker,
    orders,
    state,
    halts,
    clock,
    logger,
    options: { intervalMs: env.RECONCILE_INTERVAL_MS, ...options.reconciler },
    expiryCloseOf: (instrumentId) => {
      const expiry = catalog.get(instrumentId)?.expiry;
      return expiry ? expiryInstantMs(expiry) : undefined;
    },
    settlementDueOf: (instrumentId) => {
      const expiry = catalog.get(instrumentId)?.expiry;
      return expiry ? (nseSessionCloseAfter(expiryInstantMs(expiry), holidays) ?? undefined) : undefined;
    },
    onAccountReconciled: (accountId, outcome) => connections.reconciled(accountId, outcome),
  });
  closers.push(() => reconciler.stop());
  const killSwitch = new KillSwitch({ halts, orders, state, logger });
  const dailyLoss = new DailyLossMonitor({ state, limits: riskLimits, halts, orders, dayPnl: (accountId) => riskView.dayPnl(accountId), clock, logger });
  closers.push(() => dailyLoss.stop());
  const recorder = env.RECORD_TICKS
    ? createTickRecorder(pool, { onError: (error) => logger.error({ err: error }, 'tick recording failed') })
    : null;
  closers.push(() => recorder?.close());
  // Listening before the broker accounts connect: a broker feed opens as soon as its account does,
  // and its first snapshot must not go unheard.
  if (feed) listenToFeed(feed, { broker, market, recorder, logger });
  const reconcileStarted = performance.now();
  try {
    await connections.start(); // bound accounts connect (or say why not) before start-up reconciliation
    await broker.ready?.(5_000);
    await reconciler.loadAcknowledged();
    await dailyLoss.load();
    // Before taking commands: settle what happened at the broker while the engine was down.
    await reconciler.run(true);
  } catch (error) {
    return failStart(error);
  }
  const reconcileMillis = performance.now() - reconcileStarted;
  logger.info({ lastSeq: state.lastSeq, snapshotSeq, replayed, openOrders: state.openOrders().length, instruments: catalog.all.length }, 'state recovered');

  const runner = new SimulatorRunner(simulator, {
    intervalMs: env.SIM_TICK_MS,
    clock,
    isOpen,
    onStep: (step) => {
      if (feed) {
        // A live feed is the market: simulated steps must not reach the broker or subscribers,
        // only a simulated broker that supplies that feed.
        if (simulatedSource) simulatorTicks.publish(step.ticks);
        return;
      }
      broker.onTicks?.(step.ticks);
      market.publish(step);
      recorder?.record(step.trades);
    },
    onError: (error) => logger.error({ err: error }, 'simulator step failed'),
  });
  const session = new SessionWatcher({ isOpen: () => isOpen(clock.now()), onClose: () => broker.onSessionEnd?.() });
  const snapshots = new SnapshotScheduler({ databaseUrl: env.DATABASE_URL, everyEvents: env.SNAPSHOT_EVERY_EVENTS, lastSeq: () => state.lastSeq, logger }, snapshotSeq ?? 0);

  const portfolioMarket = {
    latest: (id: string) => market.latest(id),
    instrument: (id: string) => catalog.get(id),
    unitDelta: (instrument: Parameters<GreeksService['unitGreeks']>[0]) => greeks.unitGreeks(instrument)?.greeks.delta ?? null,
    underlyingPrice: (underlying: string) => {
      const chain = catalog.chains.find((candidate) => candidate.spec.underlying === underlying);
      return chain ? (market.latest(chain.index.id)?.lastPrice ?? null) : null;
    },
  };
  const portfolios = new PortfolioManager({
    store: createPortfolioStore(pool),
    executor: new LegExecutor({ orders, state, published, instrument: (id) => catalog.get(id), latest: (id) => market.latest(id) }),
    orders,
    state,
    market: portfolioMarket,
    resolveLegs: createChainLegResolver(chains, market),
    hedgeInstrument: createHedgeInstrumentFinder(chains, catalog),
    now: () => clock.now(),
    isMarketOpen: () => isOpen(clock.now()),
    logger: logger.child({ component: 'portfolios' }),
    onChange: () => undefined,
    completeRetryPauseMs: options.portfolioRetryPauseMs ?? 2_000,
    halts,
    ticks: market.ticks,
    intradayCutoffPassed: () => (intradayCutoff.passed(clock.now()) ? intradayCutoff.label : null),
  });
  // Not routable (the exits would be refused), or positions reconciliation disputes (the exits could open new ones).
  const exitHoldReason = (accountId: AccountId): string | null =>
    connections.denial(accountId)?.message ?? halts.find('ACCOUNT', accountId, 'RECONCILIATION')?.reason ?? null;
  const intradaySquareOff = new IntradaySquareOff({ cutoff: intradayCutoff, state, orders, portfolios, clock, isMarketOpen: isOpen, holdReason: exitHoldReason, logger });
  closers.push(() => intradaySquareOff.stop());
  const keepFlat = new KeepFlat({ halts, orders, state, clock, isMarketOpen: isOpen, holdReason: exitHoldReason, reconciliation: reconciler, logger });
  closers.push(() => keepFlat.stop());
  const expirySettlement = new ExpirySettlement({
    state,
    orders,
    instrument: (id) => catalog.get(id),
    indexOf: (underlying) => catalog.chains.find((chain) => chain.spec.underlying === underlying)?.index,
    latest: (id) => market.latest(id),
    holidays: new Set(config.calendar.nseTradingHolidays),
    clock,
    // The always-open sandbox's venue never ends its session: orders in an expired contract are
    // cancelled at the close, as the exchange does (on NSE hours the exchange's word comes first).
    ...(env.MARKET_ALWAYS_OPEN ? { cancelWorkingAfterMs: 0 } : {}),
    logger,
  });
  closers.push(() => expirySettlement.stop());
  // The listing is built at start and does not roll: a process left running restarts for the new day's.
  const onListingStale = options.onListingStale;
  const listingDay =
    onListingStale && env.DAILY_RESTART_IST !== null ? new ListingDay({ listedOn: istDate(startedAt), restartMinute: env.DAILY_RESTART_IST, now: () => clock.now(), onDue: onListingStale }) : null;
  closers.push(() => listingDay?.stop());

  const instruments = createInstrumentDirectory(catalog, () => clock.now());
  const { signals, scheduler, close: closeStrategies } = createStrategyServices({
    env,
    logger,
    published,
    trading: {
      orders,
      state,
      halts,
      instruments,
      portfolios,
      latest: (id) => market.latest(id),
      orderRateRoom: rateRoom,
    },
    now: () => clock.now(),
    isMarketOpen: isOpen,
  });
  closers.push(closeStrategies);

  const services: EngineServices = {
    portfolios,
    scheduler,
    orders,
    orderHistory: new OrderHistoryReader(journal, state),
    tradebook: new TradebookReader({ journal, state, instrument: (id) => catalog.get(id), listed: createListedInstrumentStore(pool) }),
    catalog,
    instruments,
    signals,
    market,
    bars: new BarHistory({ pool, catalog, now: () => clock.now() }),
    events: new EventStream(published, journal, state),
    chains,
    greeks,
    greekLimits,
    riskLimits,
    halts,
    killSwitch,
    reconciler,
    brokerConnections: connections,
    dailyLoss,
    intradaySquareOff,
    keepFlat,
    expirySettlement,
    session: () => sessionRule.describe(clock.now()),
    snapshots,
    state,
    writer,
    clock,
    startedAt,
    lastSeq: () => state.lastSeq,
  };
  let server: Awaited<ReturnType<typeof startWsServer>>;
  try {
    server = await startWsServer({
      host: env.ENGINE_HOST,
      port: env.ENGINE_PORT,
      router: engineRouter,
      createContext: createContextFactory(services, env.ENGINE_TOKEN),
      onError: ({ path, error }) => logger.error({ path, err: error.cause ?? error }, 'engine procedure failed'),
    });
  } catch (error) {
    return failStart(error);
  }
  if (feed) feed.source.start();
  if ((!feed || simulatedSource) && (options.autoStep ?? true)) runner.start();
  const telegram = env.TELEGRAM_BOT_TOKEN
    ? new TelegramNotifier({
        botToken: env.TELEGRAM_BOT_TOKEN,
        apiUrl: env.TELEGRAM_API_URL,
        databaseUrl: env.DATABASE_URL,
        store: createNotificationSettingsStore(pool),
        instrumentName: (id) => catalog.get(id)?.displayName ?? instrumentIdParts(id).symbol,
        logger: logger.child({ component: 'telegram' }),
      })
    : null;
  telegram?.start();
  closers.push(() => telegram?.close());
  let priceAlerts: PriceAlertWatch | null = null;
  try {
    await signals.start();
    await portfolios.start();
    if (background) {
      priceAlerts = await startPriceAlerts({
        pool,
        databaseUrl: env.DATABASE_URL,
        ticks: market.ticks,
        latest: (id) => market.latest(id),
        now: () => clock.now(),
        orders,
        findOrder: (accountId, clientOrderId) => state.findByClientOrderId(accountId, clientOrderId),
        instrument: (id) => catalog.get(id),
        orderRateRoom: rateRoom,
        takesOrderNow: (order) => isOpen(clock.now()) && (order.product !== 'MIS' || !intradayCutoff.passed(clock.now())),
        // In-process: a fired alert reaches Telegram even while the notifier's listener reconnects.
        onFired: (alert) => telegram?.priceAlertFired(alert),
        logger,
      });
    }
  } catch (error) {
    await server.close();
    return failStart(error);
  }
  if (background) {
    reconciler.startPeriodic();
    scheduler.start();
    dailyLoss.start();
    intradaySquareOff.start();
    killSwitch.startSweeping();
    keepFlat.start();
    // In the always-open sandbox too: it still quotes a contract past its expiry close, but takes no
    // order in it from then on (CONTRACT_EXPIRED), so what is held there is settled as on NSE.
    expirySettlement.start();
    if (listingDay) listingDay.start();
    snapshots.start();
    session.start();
  }
  const recovered = {
    snapshotSeq,
    replayed,
    lastSeq: state.lastSeq,
    millis: performance.now() - started,
    phases: { snapshotMillis: recoveryMillis.snapshot, replayMillis: recoveryMillis.replay, reconcileMillis },
  };
  logger.info({ url: server.url, ...recovered }, `engine listening on ${server.url}`);

  let closing: Promise<void> | null = null;
  return {
    url: server.url,
    port: server.port,
    services,
    runner,
    recovered,
    close() {
      closing ??= (async () => {
        runner.stop();
        await feed?.source.stop();
        session.stop();
        reconciler.stop();
        dailyLoss.stop();
        intradaySquareOff.stop();
        killSwitch.stopSweeping();
        keepFlat.stop();
        expirySettlement.stop();
        greeks.close();
        await closeStrategies();
        await portfolios.close();
        await priceAlerts?.close();
        await telegram?.close();
        await server.close();
        await snapshots.close();
        await orders.close();
        await connections.close();
        broker.close();
        await recorder?.close();
        await remembered;
        await pool.end();
        logger.info('engine stopped');
      })();
      return closing;
    },
  };
}
