import type { BrokerConnectionsService } from '../brokers/accounts/broker-connections-service.ts';
import type { ChainService } from '../analytics/chain-service.ts';
import type { GreeksService } from '../analytics/greeks-service.ts';
import type { EventStream } from '../events/event-stream.ts';
import type { InstrumentDirectory, MarketSession } from '@strikedesk/domain';
import type { InstrumentCatalog } from '../instruments/instrument-catalog.ts';
import type { MarketData } from '../market/market-data.ts';
import type { BarHistory } from '../market/bar-history.ts';
import type { Clock } from '../market/simulator-runner.ts';
import type { JournalWriter } from '../orders/journal-writer.ts';
import type { ExpirySettlement } from '../orders/expiry-settlement.ts';
import type { OrderHistoryReader } from '../orders/order-history.ts';
import type { OrderManager } from '../orders/order-manager.ts';
import type { TradebookReader } from '../orders/tradebook-reader.ts';
import type { TradingState } from '../orders/trading-state.ts';
import type { Reconciler } from '../reconciliation/reconciler.ts';
import type { DailyLossMonitor } from '../risk/daily-loss-monitor.ts';
import type { IntradaySquareOff } from '../risk/intraday-square-off.ts';
import type { KeepFlat } from '../risk/keep-flat.ts';
import type { GreekLimitBook } from '../risk/greek-limit-book.ts';
import type { HaltBook } from '../risk/halt-book.ts';
import type { KillSwitch } from '../risk/kill-switch.ts';
import type { RiskLimitsBook } from '../risk/risk-limits-book.ts';
import type { SnapshotScheduler } from '../snapshots/snapshot-scheduler.ts';
import type { PortfolioManager } from '../portfolios/portfolio-manager.ts';
import type { SignalProcessor } from '../strategies/signal-processor.ts';
import type { StrategyScheduler } from '../strategies/strategy-scheduler.ts';

/** Everything the routers may use; state lives here, never in router modules. */
export type EngineServices = {
  orders: OrderManager;
  /** An order's journaled events, for the orderbook's history view. */
  orderHistory: OrderHistoryReader;
  /** The account's fills over a range of days (the tradebook and its export). */
  tradebook: TradebookReader;
  catalog: InstrumentCatalog;
  /** The catalog as TradingView symbol mapping sees it. */
  instruments: InstrumentDirectory;
  /** Works the TradingView signal queue. */
  signals: SignalProcessor;
  /** Multi-leg portfolios: builder saves, basket execution and their monitors. */
  portfolios: PortfolioManager;
  /** Files scheduled portfolio strategies' entries into the signal queue. */
  scheduler: StrategyScheduler;
  market: MarketData;
  /** Chart candles from the recorded ticks. */
  bars: BarHistory;
  events: EventStream;
  chains: ChainService;
  greeks: GreeksService;
  greekLimits: GreekLimitBook;
  riskLimits: RiskLimitsBook;
  halts: HaltBook;
  killSwitch: KillSwitch;
  reconciler: Reconciler;
  /** Broker accounts: Kite login, postbacks, which trading accounts trade through which broker account. */
  brokerConnections: BrokerConnectionsService;
  dailyLoss: DailyLossMonitor;
  /** The intraday (MIS) square-off at the cut-off (INTRADAY_SQUARE_OFF_IST). */
  intradaySquareOff: IntradaySquareOff;
  /** Closes what is left open under a flattening halt (the kill switch with flatten, a daily-loss stop). */
  keepFlat: KeepFlat;
  /** Settles positions held to expiry at the settlement price (orders of origin EXPIRY). */
  expirySettlement: ExpirySettlement;
  /** The trading session now: open or closed, and the intraday (MIS) cut-off. */
  session(): MarketSession;
  snapshots: SnapshotScheduler;
  /** Read-only outside the OMS: tests and the benchmark inspect it. */
  state: TradingState;
  writer: JournalWriter;
  clock: Clock;
  startedAt: number;
  lastSeq(): number;
};
