import type { TickerResolution, TickerResolveQuery } from '@strikedesk/domain';

type Entry = { resolution: TickerResolution; expiresAt: number };

/**
 * Remembers the engine's answer per strategy configuration and ticker for a minute: a strategy
 * sends the same ticker all day, and the reply to TradingView should not wait on an engine round
 * trip per alert. A minute is well inside how often the answer can change (a future expiring).
 * "Engine unavailable" (null) is never remembered.
 */
export function cachedTickerCheck(
  resolve: (query: TickerResolveQuery) => Promise<TickerResolution | null>,
  options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
): (query: TickerResolveQuery) => Promise<TickerResolution | null> {
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  return async (query) => {
    const key = JSON.stringify([query.ticker, query.target, query.tickerAliases]);
    const cached = entries.get(key);
    if (cached && cached.expiresAt > now()) return cached.resolution;
    const resolution = await resolve(query);
    if (resolution === null) return null;
    if (entries.size >= maxEntries) entries.clear();
    entries.set(key, { resolution, expiresAt: now() + ttlMs });
    return resolution;
  };
}
