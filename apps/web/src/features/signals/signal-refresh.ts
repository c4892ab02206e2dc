import type { SignalUpdate } from '@strikedesk/domain';
import { queryKeys } from '../../lib/queries/query-keys.ts';

type QueryKey = readonly unknown[];

/** What one signal's outcome changes: every signal list and detail, and its strategy's book. */
export const keysChangedBySignal = (update: Pick<SignalUpdate, 'strategyId'>): QueryKey[] => [queryKeys.signals, queryKeys.strategyPerformance(update.strategyId)];

/**
 * What may have changed while the socket was down, when no push could say so: signal outcomes, and
 * the strategies — their performance (fills of their orders) and their settings (changed from
 * another session). Refreshing the signals alone left a strategy's P&L and open position as they
 * were before the outage.
 */
export const KEYS_STALE_AFTER_RECONNECT: readonly QueryKey[] = [queryKeys.signals, queryKeys.strategies];
