import type { Tick } from '@strikedesk/domain';

/**
 * An external source of market data (a broker's ticker) that can replace the simulator as the
 * engine's market. Implementations live beside their broker (e.g. brokers/kite/ticker/
 * kite-market-feed.ts) and speak only our `Tick`s here.
 */

/**
 * - connected: every connection the feed needs is open.
 * - disconnected: not started, stopped, or reconnecting by itself after a drop.
 * - session-expired: the broker refused our session (e.g. Kite's HTTP 403): the feed does NOT retry
 *   until it gets a new token — someone must log in to the broker again.
 */
export type MarketFeedState = 'connected' | 'disconnected' | 'session-expired';

export type MarketFeedStatus = {
  state: MarketFeedState;
  /** Epoch ms the last batch with at least one tick arrived; null before the first. */
  lastTickAt: number | null;
  /** Why, for the log and an operator (e.g. the broker's refusal). */
  detail: string | null;
};

export interface MarketFeed {
  /** Short name for logs ("kite"). */
  readonly name: string;
  /** Connects and streams; ticks go to `onTicks` listeners from then on. */
  start(): void;
  /** Disconnects for good (a stopped feed is not restarted: make a new one). */
  stop(): Promise<void>;
  /**
   * A batch of ticks (one per message received from the source). The array and its ticks are
   * handed over: listeners may keep them but must not change them (several listeners share them).
   */
  onTicks(listener: (ticks: Tick[]) => void): () => void;
  status(): MarketFeedStatus;
  /** Called on every change of `state` (not on every tick). */
  onStatus(listener: (status: MarketFeedStatus) => void): () => void;
}

/** The listener lists every feed keeps the same way; a feed calls them from its own handlers. */
export abstract class MarketFeedListeners {
  protected readonly tickListeners = new Set<(ticks: Tick[]) => void>();
  protected readonly statusListeners = new Set<(status: MarketFeedStatus) => void>();

  onTicks(listener: (ticks: Tick[]) => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  onStatus(listener: (status: MarketFeedStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }
}
