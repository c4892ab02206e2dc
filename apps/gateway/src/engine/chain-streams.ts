import type { ChainQuery, OptionChain } from '@strikedesk/domain';
import type { Logger } from '../logger.ts';
import type { EngineConnection, EngineTrpcClient } from './engine-connection.ts';
import { keepSubscribed } from './resilient-subscription.ts';

export type ChainListener = (chain: OptionChain) => void;

export type ChainStreams = {
  /**
   * Follows one chain: the first follower of a query opens ONE engine `chain.stream` subscription
   * (kept alive across engine reconnects), later followers share it; the returned release drops the
   * engine subscription when the last follower leaves.
   */
  follow(query: ChainQuery, listener: ChainListener): () => void;
  /** The latest chain received for a query, for a new follower's first paint. */
  latest(query: ChainQuery): OptionChain | undefined;
  /** Engine subscriptions open now (one per distinct query followed) — observable by tests. */
  engineSubscriptionCount(): number;
  stop(): void;
};

type Entry = { listeners: Set<ChainListener>; latest: OptionChain | undefined; controller: AbortController };

export const chainKey = (query: ChainQuery): string => `${query.underlying}|${query.expiry}|${query.strikesEachSide}`;

export function startChainStreams(deps: { client: EngineTrpcClient; connection: EngineConnection; logger: Logger; retryDelayMs?: number }): ChainStreams {
  const entries = new Map<string, Entry>();
  const open = (query: ChainQuery, entry: Entry): void => {
    void keepSubscribed({
      name: `chain.stream ${chainKey(query)}`,
      connection: deps.connection,
      logger: deps.logger,
      signal: entry.controller.signal,
      retryDelayMs: deps.retryDelayMs ?? 500,
      subscribe: (end) =>
        deps.client.chain.stream.subscribe(query, {
          onData: (chain) => {
            entry.latest = chain;
            for (const listener of entry.listeners) {
              try {
                listener(chain);
              } catch (error) {
                deps.logger.error({ err: error }, 'chain listener failed');
              }
            }
          },
          onError: end.onError,
          onComplete: end.onComplete,
        }),
    });
  };
  return {
    follow(query, listener) {
      const key = chainKey(query);
      let entry = entries.get(key);
      if (!entry) {
        entry = { listeners: new Set(), latest: undefined, controller: new AbortController() };
        entries.set(key, entry);
        open(query, entry);
      }
      entry.listeners.add(listener);
      const followed = entry;
      return () => {
        followed.listeners.delete(listener);
        if (followed.listeners.size > 0 || entries.get(key) !== followed) return;
        entries.delete(key);
        followed.controller.abort();
      };
    },
    latest: (query) => entries.get(chainKey(query))?.latest,
    engineSubscriptionCount: () => entries.size,
    stop() {
      for (const entry of entries.values()) entry.controller.abort();
      entries.clear();
    },
  };
}
