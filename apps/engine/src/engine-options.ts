/** What startEngine takes (tests script most of it) and what it hands back. */
import type { Journal } from '@strikedesk/db/client';
import type { Logger } from 'pino';
import type { EngineServices } from './api/services.ts';
import type { Broker } from './brokers/broker.ts';
import type { EngineConfig } from './config/engine-config.ts';
import type { InstrumentCatalog } from './instruments/instrument-catalog.ts';
import type { MarketData } from './market/market-data.ts';
import type { MarketFeed } from './market/market-feed.ts';
import type { Clock, SimulatorRunner } from './market/simulator-runner.ts';
import type { ReconcilerOptions } from './reconciliation/reconciler.ts';

export type StartEngineOptions = {
  logger?: Logger;
  config?: EngineConfig;
  clock?: Clock;
  /** Tests drive the market by hand through `runner.stepNow()` when false. */
  autoStep?: boolean;
  /** The venue; the paper broker on the simulated market unless a test scripts its own. */
  createBroker?: (market: MarketData) => Broker;
  /** Tests put a real wrapper around the real journal to make a write or read fail. */
  wrapJournal?: (journal: Journal) => Journal;
  /**
   * Memory and journal disagree (a bug): by default log and exit non-zero, since a restart replays
   * the journal into a state that can be trusted again. Tests observe it instead.
   */
  onFatal?: (error: unknown) => void;
  /**
   * The instrument listing is from an earlier IST day and DAILY_RESTART_IST has passed (ListingDay):
   * main.ts closes the engine and exits for the supervisor to start it again. Unset: never checked.
   */
  onListingStale?: () => void;
  /** How long close() waits for broker events that are still being journaled. */
  shutdownGraceMs?: number;
  /** Period of the greeks.stream publication (about once a second by contract). */
  greeksIntervalMs?: number;
  /** Reconciliation timing (tests shorten the grace periods). */
  reconciler?: Partial<ReconcilerOptions>;
  /** Background timers (reconciliation, daily-loss monitor, snapshots); tests call them by hand when false. */
  background?: boolean;
  /** Broker account links' timing (tests shorten the session checks and order read-back). */
  brokerLinks?: { healthCheckMs?: number; pollMs?: number };
  /** Pause between attempts to complete a failed portfolio leg (tests shorten it). */
  portfolioRetryPauseMs?: number;
  /**
   * A live market feed (e.g. Kite's ticker) as the market instead of the simulator, which then only
   * supplies the instrument master: quotes, the ticks stream, the paper broker's fills and the tick
   * recorder all follow the feed. Unset: the simulated market.
   */
  marketFeed?: (deps: { catalog: InstrumentCatalog; logger: Logger }) => MarketFeed;
};

export type RunningEngine = {
  url: string;
  port: number;
  services: EngineServices;
  runner: SimulatorRunner;
  /** How the state was recovered at start. */
  recovered: {
    snapshotSeq: number | null;
    replayed: number;
    lastSeq: number;
    millis: number;
    /** Loading the snapshot, folding the journal tail, start-up reconciliation. */
    phases: { snapshotMillis: number; replayMillis: number; reconcileMillis: number };
  };
  close(): Promise<void>;
};
