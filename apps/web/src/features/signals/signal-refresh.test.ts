import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { StrategyIdSchema } from '@strikedesk/domain';
import { queryKeys } from '../../lib/queries/query-keys.ts';
import { keysChangedBySignal, KEYS_STALE_AFTER_RECONNECT } from './signal-refresh.ts';

const STRATEGY = StrategyIdSchema.parse('00000000-0000-4000-8000-000000000001');

/** A client holding what the Strategies and Signals screens show, all fresh. */
function screensCache(): QueryClient {
  const client = new QueryClient();
  client.setQueryData(queryKeys.strategyList, []);
  client.setQueryData(queryKeys.strategy(STRATEGY), {});
  client.setQueryData(queryKeys.strategyPerformance(STRATEGY), {});
  client.setQueryData(queryKeys.latestSignals, new Map());
  client.setQueryData(queryKeys.signal('7'), {});
  client.setQueryData(queryKeys.positions, []);
  return client;
}

const invalidated = async (client: QueryClient, keys: readonly (readonly unknown[])[]) => {
  for (const queryKey of keys) await client.invalidateQueries({ queryKey });
  return client
    .getQueryCache()
    .getAll()
    .filter((query) => query.state.isInvalidated)
    .map((query) => JSON.stringify(query.queryKey))
    .sort();
};

describe('signal refresh', () => {
  it('after a reconnect refreshes the strategies (list, detail, performance) as well as the signals', async () => {
    expect(await invalidated(screensCache(), KEYS_STALE_AFTER_RECONNECT)).toEqual(
      [queryKeys.strategyList, queryKeys.strategy(STRATEGY), queryKeys.strategyPerformance(STRATEGY), queryKeys.latestSignals, queryKeys.signal('7')]
        .map((key) => JSON.stringify(key))
        .sort(),
    );
  });

  it("after one signal refreshes the signals and that strategy's performance", async () => {
    expect(await invalidated(screensCache(), keysChangedBySignal({ strategyId: STRATEGY }))).toEqual(
      [queryKeys.strategyPerformance(STRATEGY), queryKeys.latestSignals, queryKeys.signal('7')].map((key) => JSON.stringify(key)).sort(),
    );
  });
});
