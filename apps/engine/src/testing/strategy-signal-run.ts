import { StrategyConfigSchema, type Strategy } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import type { RunningEngine } from '../engine.ts';
import type { createSignalFixtures } from './signal-fixtures.ts';

/** Helpers for engine tests that drive a strategy through stored alerts (signal-fixtures). */
export type SignalFixtures = Awaited<ReturnType<typeof createSignalFixtures>>;

/** The signal once the engine has decided it (any final status). */
export const finalSignal = (fixtures: SignalFixtures, signalId: string, timeoutMs = 10_000) =>
  waitUntil(
    async () => {
      const signal = await fixtures.signals.detail(fixtures.userId, signalId);
      return signal && !['ACCEPTED', 'PROCESSING'].includes(signal.status) ? signal : undefined;
    },
    { timeoutMs, message: `signal ${signalId} processed` },
  );

/** As finalSignal, with the longer wait the portfolio-strategy tests have always allowed (multi-leg work). */
export const finalPortfolioSignal = (fixtures: SignalFixtures, signalId: string) => finalSignal(fixtures, signalId, 15_000);

/** Strategy config whose buy limit rests: priced at the last price (no buffer), under the ask of the simulated market. */
export const RESTING_LIMIT = { orderType: 'LIMIT', limitBufferPercent: 0 };

/** A new version of the strategy's configuration (alerts are processed with the version they arrived under). */
export const reconfigure = (fixtures: SignalFixtures, strategy: Strategy, config: Record<string, unknown>): Promise<Strategy> =>
  fixtures.strategies.updateConfig({
    strategyId: strategy.id,
    userId: fixtures.userId,
    expectedVersion: strategy.version,
    config: StrategyConfigSchema.parse({ ...strategy.config, ...config }),
    comment: '',
  });

/** The account's net position in an instrument over both products. */
export const accountNet = (engine: RunningEngine, fixtures: SignalFixtures, instrumentId: string): number =>
  engine.services.state.positionsOf(fixtures.accountId).filter((position) => position.instrumentId === instrumentId).reduce((sum, position) => sum + position.netQuantity, 0);

/** The strategy's orders in the account, oldest first. */
export const strategyOrders = (engine: RunningEngine, fixtures: SignalFixtures, strategy: Strategy) =>
  engine.services.state.ordersOf(fixtures.accountId).filter((order) => order.strategyId === strategy.id);
