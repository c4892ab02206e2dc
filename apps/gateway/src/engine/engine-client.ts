import type {
  AlertOutcome,
  Tradebook,
  TradebookQuery,
  SignalCheckQuery,
  AccountGreeks,
  Bar,
  BarsQuery,
  AccountId,
  ChainExpiry,
  ChainQuery,
  EngageKillSwitchCommand,
  GreekLimit,
  GreekLimitRecord,
  OptionChain,
  UserId,
  CancelOrderCommand,
  Instrument,
  InstrumentId,
  InstrumentSearch,
  MarketSession,
  ModifyOrderCommand,
  Order,
  OrderHistory,
  OrderHistoryQuery,
  PositionView,
  RecentHaltsQuery,
  ReleaseHaltCommand,
  RiskLimitsVersion,
  SetRiskLimitsInput,
  SquareOffCommand,
  SubmitOrderCommand,
  Tick,
  TradingHalt,
  TickerResolution,
  StrategyId,
  StrategyPerformance,
  TickerResolveQuery,
  CreatePortfolioCommand,
  Portfolio,
  PortfolioCommand,
  PortfolioDetail,
  PortfolioId,
  PortfolioWithLive,
  UpdatePortfolioCommand,
  BrokerAccountId,
  BrokerRoute,
  CompleteKiteLoginInput,
  KitePostbackInput,
  StartKiteLoginInput,
} from '@strikedesk/domain';
import type { Logger } from '../logger.ts';
import { startChainStreams, type ChainStreams } from './chain-streams.ts';
import { createEngineCall } from './engine-call.ts';
import { createEngineConnection } from './engine-connection.ts';
import { startEventStream, type EventStream } from './event-stream.ts';
import { startGreeksStream, type GreeksStream } from './greeks-stream.ts';
import { startHaltsStream, type HaltsStream } from './halts-stream.ts';
import { startTickStream, type TickStream } from './tick-stream.ts';

/**
 * The gateway's only door to the engine. Routers call these methods and get domain types or a
 * DomainError (engine codes forwarded, ENGINE_UNAVAILABLE on transport trouble) — never a hang.
 */
/** How long a tradebook read may take (a year of fills, read from the journal). */
const TRADEBOOK_CALL_TIMEOUT_MS = 30_000;

export type EngineClient = {
  isConnected(): boolean;
  onConnectedChange(listener: (connected: boolean) => void): () => void;
  submitOrder(command: SubmitOrderCommand): Promise<Order>;
  modifyOrder(command: ModifyOrderCommand): Promise<Order>;
  cancelOrder(command: CancelOrderCommand): Promise<Order>;
  listOrders(accountId: AccountId): Promise<Order[]>;
  /** One order of the account and every journaled event of it, oldest first. */
  orderHistory(query: OrderHistoryQuery): Promise<OrderHistory>;
  /** The account's fills executed on a range of IST days, oldest first. */
  tradebook(query: TradebookQuery): Promise<Tradebook>;
  listPositions(accountId: AccountId): Promise<PositionView[]>;
  /** Positions attributed to strategies and portfolios (virtual books). */
  positionBooks(accountId: AccountId): Promise<PositionView[]>;
  /** Cancels the open orders on the positions in scope and closes them with MARKET orders. */
  squareOff(command: SquareOffCommand): Promise<SquareOffResult>;
  searchInstruments(search: InstrumentSearch): Promise<Instrument[]>;
  getInstruments(instrumentIds: InstrumentId[]): Promise<Instrument[]>;
  /** From the strategy's own book, or (portfolio strategies) from its linked portfolio's orders. */
  strategyPerformance(accountIds: AccountId[], strategyId: StrategyId, portfolioId?: PortfolioId): Promise<StrategyPerformance>;
  /** What an alert would do now under the strategy's version ("Check a message"): nothing is sent. */
  checkSignal(query: SignalCheckQuery): Promise<AlertOutcome>;
  /** Which instrument a TradingView ticker names for a strategy; answers within `timeoutMs`. */
  resolveTicker(query: TickerResolveQuery, timeoutMs?: number): Promise<TickerResolution>;
  quotes(instrumentIds: InstrumentId[]): Promise<Tick[]>;
  bars(query: BarsQuery): Promise<Bar[]>;
  /** Open or closed, and the intraday (MIS) cut-off, as the engine's order checks see them. */
  marketSession(): Promise<MarketSession>;
  chainExpiries(underlying: string): Promise<ChainExpiry[]>;
  chain(query: ChainQuery): Promise<OptionChain>;
  accountGreeks(accountId: AccountId): Promise<AccountGreeks>;
  listGreekLimits(accountId?: AccountId): Promise<GreekLimitRecord[]>;
  setGreekLimit(limit: GreekLimit, userId: UserId): Promise<GreekLimitRecord>;
  /** The account's current risk limits (version 0 = the engine's defaults). */
  riskLimits(accountId: AccountId): Promise<RiskLimitsVersion>;
  /** The current version of every account with admin-set limits. */
  listRiskLimits(): Promise<RiskLimitsVersion[]>;
  /** Every version of an account's limits, newest first, ending with version 0. */
  riskLimitsHistory(accountId: AccountId): Promise<RiskLimitsVersion[]>;
  /** RISK_LIMITS_VERSION_CONFLICT when `baseVersion` is no longer current. */
  setRiskLimits(change: SetRiskLimitsInput, userId: UserId): Promise<RiskLimitsVersion>;
  /** Active halts: every one, or those applying to an account (its own and global ones). */
  activeHalts(accountId?: AccountId): Promise<TradingHalt[]>;
  recentHalts(query: RecentHaltsQuery): Promise<TradingHalt[]>;
  engageKillSwitch(command: EngageKillSwitchCommand): Promise<TradingHalt>;
  /** HALT_NOT_FOUND when no such active halt exists. */
  releaseHalt(command: ReleaseHaltCommand): Promise<TradingHalt>;
  portfolios: EnginePortfolios;
  brokerAccounts: EngineBrokerAccounts;
  events: EventStream;
  ticks: TickStream;
  chains: ChainStreams;
  greeks: GreeksStream;
  halts: HaltsStream;
  /** Test hook: drops the WebSocket as a network failure would; everything reconnects by itself. */
  dropConnection(): void;
  close(): Promise<void>;
};

/** Multi-leg portfolios, owned by the engine (it is their only writer). */
export type EnginePortfolios = {
  list(userId: UserId): Promise<PortfolioWithLive[]>;
  get(command: PortfolioCommand): Promise<PortfolioDetail>;
  create(command: CreatePortfolioCommand): Promise<Portfolio>;
  /** PORTFOLIO_BUSY while running, PORTFOLIO_VERSION_CONFLICT when edited meanwhile. */
  update(command: UpdatePortfolioCommand): Promise<Portfolio>;
  remove(command: PortfolioCommand): Promise<{ removed: true }>;
  start(command: PortfolioCommand): Promise<Portfolio>;
  exit(command: PortfolioCommand): Promise<Portfolio>;
  stop(command: PortfolioCommand): Promise<Portfolio>;
};

/** Broker account connections: only the engine holds the secrets a login or a postback check needs. */
export type EngineBrokerAccounts = {
  /** The URL to send the browser to (Kite's login page, or a simulated account's fake). */
  startKiteLogin(input: StartKiteLoginInput): Promise<{ url: string }>;
  /** BROKER_LOGIN_FAILED when Kite refuses the request token. */
  completeKiteLogin(input: CompleteKiteLoginInput): Promise<BrokerRoute | null>;
  /** BROKER_POSTBACK_FORGED when the checksum is not Kite's. */
  kitePostback(input: KitePostbackInput): Promise<{ accepted: true }>;
  /** XTS: logs in again with the stored keys (Kite accounts: VALIDATION_FAILED, they need the browser login). */
  reconnect(id: BrokerAccountId): Promise<{ reconnecting: true }>;
  disconnect(id: BrokerAccountId): Promise<{ disconnected: true }>;
  routes(): Promise<BrokerRoute[]>;
};

export type SquareOffResult = { canceled: Order[]; exits: Order[] };

/**
 * Exits (square-off, the kill switch) first wait for the cancels of the open orders in scope to
 * settle — the engine allows them up to 3 s, an order filling meanwhile changes what must be closed —
 * and then for the MARKET exits' answers: they get longer than an ordinary call before the gateway
 * gives up on an answer (the request has been sent; the engine carries on regardless).
 */
const EXIT_CALL_TIMEOUT_MS = 20_000;

/**
 * Completing a login and logging out wait on the broker (a token exchange, a session delete, the
 * first reconciliation): more than an ordinary call, less than a trader would wait for a page.
 */
const BROKER_LOGIN_CALL_TIMEOUT_MS = 15_000;

export function createEngineClient(options: {
  url: string;
  token: string;
  logger: Logger;
  callTimeoutMs?: number;
  retryDelayMs?: number;
}): EngineClient {
  const logger = options.logger.child({ component: 'engine-client' });
  const connection = createEngineConnection({ url: options.url, token: options.token, logger });
  const { client } = connection;
  const call = createEngineCall(connection, { timeoutMs: options.callTimeoutMs ?? 8_000, logger });
  const streamOptions = { client, connection, logger, ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}) };
  const events = startEventStream({ ...streamOptions, call });
  const ticks = startTickStream(streamOptions);
  const chains = startChainStreams(streamOptions);
  const greeks = startGreeksStream(streamOptions);
  const halts = startHaltsStream({ ...streamOptions, call });
  const exitCall = { timeoutMs: Math.max(options.callTimeoutMs ?? 8_000, EXIT_CALL_TIMEOUT_MS) };
  const brokerLoginCall = { timeoutMs: Math.max(options.callTimeoutMs ?? 8_000, BROKER_LOGIN_CALL_TIMEOUT_MS) };

  return {
    isConnected: connection.isConnected,
    onConnectedChange: connection.onConnectedChange,
    submitOrder: (command) => call('orders.submit', (signal) => client.orders.submit.mutate(command, { signal })),
    modifyOrder: (command) => call('orders.modify', (signal) => client.orders.modify.mutate(command, { signal })),
    cancelOrder: (command) => call('orders.cancel', (signal) => client.orders.cancel.mutate(command, { signal })),
    listOrders: (accountId) => call('orders.list', (signal) => client.orders.list.query({ accountId }, { signal })),
    orderHistory: (query) => call('orders.history', (signal) => client.orders.history.query(query, { signal })),
    // A year's book is read from the journal and may be tens of MB: more time than a quick query's.
    tradebook: (query) => call('orders.trades', (signal) => client.orders.trades.query(query, { signal }), { timeoutMs: TRADEBOOK_CALL_TIMEOUT_MS }),
    listPositions: (accountId) => call('positions.list', (signal) => client.positions.list.query({ accountId }, { signal })),
    positionBooks: (accountId) => call('positions.books', (signal) => client.positions.books.query({ accountId }, { signal })),
    portfolios: {
      list: (userId) => call('portfolios.list', (signal) => client.portfolios.list.query({ userId }, { signal })),
      get: (command) => call('portfolios.get', (signal) => client.portfolios.get.query(command, { signal })),
      create: (command) => call('portfolios.create', (signal) => client.portfolios.create.mutate(command, { signal })),
      update: (command) => call('portfolios.update', (signal) => client.portfolios.update.mutate(command, { signal })),
      remove: (command) => call('portfolios.remove', (signal) => client.portfolios.remove.mutate(command, { signal })),
      start: (command) => call('portfolios.start', (signal) => client.portfolios.start.mutate(command, { signal })),
      exit: (command) => call('portfolios.exit', (signal) => client.portfolios.exit.mutate(command, { signal })),
      stop: (command) => call('portfolios.stop', (signal) => client.portfolios.stop.mutate(command, { signal })),
    },
    brokerAccounts: {
      startKiteLogin: (input) => call('brokerAccounts.startKiteLogin', (signal) => client.brokerAccounts.startKiteLogin.mutate(input, { signal })),
      completeKiteLogin: (input) =>
        call('brokerAccounts.completeKiteLogin', (signal) => client.brokerAccounts.completeKiteLogin.mutate(input, { signal }), brokerLoginCall),
      kitePostback: (input) => call('brokerAccounts.kitePostback', (signal) => client.brokerAccounts.kitePostback.mutate(input, { signal })),
      reconnect: (id) => call('brokerAccounts.reconnect', (signal) => client.brokerAccounts.reconnect.mutate({ id }, { signal }), brokerLoginCall),
      disconnect: (id) => call('brokerAccounts.disconnect', (signal) => client.brokerAccounts.disconnect.mutate({ id }, { signal }), brokerLoginCall),
      routes: () => call('brokerAccounts.routes', (signal) => client.brokerAccounts.routes.query(undefined, { signal })),
    },
    squareOff: (command) => call('orders.squareOff', (signal) => client.orders.squareOff.mutate(command, { signal }), exitCall),
    searchInstruments: (search) => call('instruments.search', (signal) => client.instruments.search.query(search, { signal })),
    strategyPerformance: (accountIds, strategyId, portfolioId) =>
      call('strategies.performance', (signal) => client.strategies.performance.query({ accountIds, strategyId, ...(portfolioId ? { portfolioId } : {}) }, { signal })),
    checkSignal: (query) => call('strategies.checkSignal', (signal) => client.strategies.checkSignal.query(query, { signal })),
    resolveTicker: (query, timeoutMs) =>
      call('instruments.resolveTicker', (signal) => client.instruments.resolveTicker.query(query, { signal }), timeoutMs ? { timeoutMs } : undefined),
    getInstruments: (instrumentIds) =>
      call('instruments.get', (signal) => client.instruments.get.query({ instrumentIds }, { signal })),
    quotes: (instrumentIds) => call('market.quotes', (signal) => client.market.quotes.query({ instrumentIds }, { signal })),
    bars: (query) => call('market.bars', (signal) => client.market.bars.query(query, { signal })),
    marketSession: () => call('market.session', (signal) => client.market.session.query(undefined, { signal })),
    chainExpiries: (underlying) => call('chain.expiries', (signal) => client.chain.expiries.query({ underlying }, { signal })),
    chain: (query) => call('chain.get', (signal) => client.chain.get.query(query, { signal })),
    accountGreeks: (accountId) => call('greeks.get', (signal) => client.greeks.get.query({ accountId }, { signal })),
    listGreekLimits: (accountId) =>
      call('risk.greekLimits.list', (signal) => client.risk.greekLimits.list.query(accountId ? { accountId } : {}, { signal })),
    setGreekLimit: (limit, userId) => call('risk.greekLimits.set', (signal) => client.risk.greekLimits.set.mutate({ ...limit, userId }, { signal })),
    riskLimits: (accountId) => call('risk.limits.get', (signal) => client.risk.limits.get.query({ accountId }, { signal })),
    listRiskLimits: () => call('risk.limits.list', (signal) => client.risk.limits.list.query(undefined, { signal })),
    riskLimitsHistory: (accountId) => call('risk.limits.history', (signal) => client.risk.limits.history.query({ accountId }, { signal })),
    setRiskLimits: (change, userId) => call('risk.limits.set', (signal) => client.risk.limits.set.mutate({ userId, change }, { signal })),
    activeHalts: (accountId) => call('halts.active', (signal) => client.halts.active.query(accountId ? { accountId } : {}, { signal })),
    recentHalts: (query) => call('halts.recent', (signal) => client.halts.recent.query(query, { signal })),
    engageKillSwitch: (command) => call('halts.engage', (signal) => client.halts.engage.mutate(command, { signal }), exitCall),
    releaseHalt: (command) => call('halts.release', (signal) => client.halts.release.mutate(command, { signal })),
    events,
    ticks,
    chains,
    greeks,
    halts,
    dropConnection: connection.dropSocket,
    async close() {
      events.stop();
      ticks.stop();
      chains.stop();
      greeks.stop();
      halts.stop();
      await connection.close();
    },
  };
}
