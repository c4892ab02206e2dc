import type { WebhookStrategy } from '@strikedesk/db/client';

export type CachedStrategyLookup = {
  byTokenHash(tokenHash: string): Promise<WebhookStrategy | null>;
  /** Any strategy changed (NOTIFY from the store, or the listener reconnected): forget everything. */
  invalidate(): void;
};

/**
 * Strategies by webhook token hash, kept between alerts: a strategy posts all day and changes
 * rarely, and each change is announced (STRATEGY_CHANGE_CHANNEL), which empties the cache. The TTL
 * only bounds how long a lost announcement could matter. Unknown tokens are not remembered, so
 * guessing cannot fill memory.
 */
export function cachedStrategyLookup(load: (tokenHash: string) => Promise<WebhookStrategy | null>, options: { ttlMs?: number; maxEntries?: number } = {}): CachedStrategyLookup {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 10_000;
  let entries = new Map<string, { value: WebhookStrategy; expiresAt: number }>();
  let generation = 0;
  return {
    async byTokenHash(tokenHash) {
      const cached = entries.get(tokenHash);
      if (cached && cached.expiresAt > Date.now()) return cached.value;
      const startedIn = generation;
      const value = await load(tokenHash);
      // A change announced while loading may not be in what was read: do not keep it.
      if (value && startedIn === generation) {
        if (entries.size >= maxEntries) entries = new Map();
        entries.set(tokenHash, { value, expiresAt: Date.now() + ttlMs });
      }
      return value;
    },
    invalidate() {
      generation += 1;
      entries = new Map();
    },
  };
}
