import type { EngineEventEnvelope } from '@strikedesk/domain';
import { createPool, createSignalStore, createStrategyStore } from '@strikedesk/db/client';
import type { Logger } from 'pino';
import type { EngineEnv } from './env.ts';
import type { Topic } from './events/topic.ts';
import type { SignalProcessingDeps } from './strategies/process-signal.ts';
import { SignalProcessor } from './strategies/signal-processor.ts';
import { StrategyScheduler } from './strategies/strategy-scheduler.ts';

/**
 * The strategies' side of the engine: the TradingView signal processor and the scheduler, on a pool
 * of their own. Signal bookkeeping may be lost in a crash — signals left PROCESSING are requeued at
 * start and their orders are found by client order id — so its commits skip the WAL flush wait.
 */
export function createStrategyServices(deps: {
  env: Pick<EngineEnv, 'DATABASE_URL'>;
  logger: Logger;
  published: Topic<EngineEventEnvelope>;
  trading: Omit<SignalProcessingDeps, 'signals' | 'strategies' | 'now'>;
  now: () => number;
  isMarketOpen: (now: number) => boolean;
}): { signals: SignalProcessor; scheduler: StrategyScheduler; close(): Promise<void> } {
  const { env, logger } = deps;
  const signalPool = createPool(env.DATABASE_URL, {
    max: 4,
    applicationName: 'strikedesk-engine-signals',
    synchronousCommit: false,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost; the pool reconnects on demand'),
  });
  const signals = new SignalProcessor(
    { ...deps.trading, signals: createSignalStore(signalPool), strategies: createStrategyStore(signalPool), now: Date.now },
    { databaseUrl: env.DATABASE_URL, logger: logger.child({ component: 'signals' }), published: deps.published },
  );
  const scheduler = new StrategyScheduler({
    strategies: createStrategyStore(signalPool),
    signals: createSignalStore(signalPool),
    now: deps.now,
    isMarketOpen: deps.isMarketOpen,
    logger: logger.child({ component: 'scheduler' }),
  });
  return {
    signals,
    scheduler,
    async close() {
      await scheduler.close();
      await signals.close();
      await signalPool.end();
    },
  };
}
