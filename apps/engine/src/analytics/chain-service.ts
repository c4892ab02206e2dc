import { DomainError, expiryInstantMs, type ChainExpiry, type ChainQuery, type OptionChain, type Tick } from '@strikedesk/domain';
import { conflatedLatest } from '../events/conflated-latest.ts';
import type { Congestion } from '../events/socket-pacing.ts';
import type { Topic } from '../events/topic.ts';
import type { ExpirySeries, UnderlyingChain } from '../instruments/instrument-master.ts';
import { SeriesChain } from './chain-builder.ts';
import { ChainIndex, type AnalyticsMarket } from './market-context.ts';

type Listener = (chain: OptionChain) => void;
/** Subscribers of one window (strikes each side) of a live series, and what they were last sent. */
type LiveWindow = { listeners: Set<Listener>; latest: OptionChain | null };
/** A series somebody follows: recomputed once per underlying tick over all its strikes, however many windows and listeners. */
type LiveSeries = { series: SeriesChain; windows: Map<number, LiveWindow>; failing: boolean };

export type ChainServiceLogger = { error(object: object, message: string): void };

const seriesKeyOf = (query: ChainQuery): string => `${query.underlying}|${query.expiry}`;

/**
 * Option chains on demand and live. A followed (underlying, expiry) is recomputed ONCE per tick of
 * its underlying (index or future) over every listed strike, in buffers allocated once per series;
 * each subscriber's window (strikes each side of ATM) is sliced out of that recompute. Live series
 * exist only while at least one subscriber follows them (refcounted by listener), and the tick feed
 * is listened to only while any series is live.
 */
export class ChainService {
  private readonly index: ChainIndex;
  private readonly live = new Map<string, LiveSeries>();
  /** Per-series compute state (buffers), created on first use and kept: the catalog bounds it. */
  private readonly seriesChains = new Map<ExpirySeries, SeriesChain>();
  private stopTicks: (() => void) | null = null;

  constructor(
    private readonly deps: { chains: readonly UnderlyingChain[]; market: AnalyticsMarket; ticks: Topic<Tick[]>; logger?: ChainServiceLogger },
  ) {
    this.index = new ChainIndex(deps.chains);
  }

  /** Distinct queries (series × strikes each side) followed right now. */
  get liveCount(): number {
    let count = 0;
    for (const entry of this.live.values()) count += entry.windows.size;
    return count;
  }

  /** Series recomputed on ticks right now (one per followed underlying and expiry). */
  get liveSeriesCount(): number {
    return this.live.size;
  }

  /**
   * The underlying's series still trading, nearest first. The listing is built at start, so from an
   * expiry's 15:30 IST close until the next start it still holds that series: it is left out here
   * (the chain screen's default and a portfolio's "current week" are the next live series), while
   * `get` still serves its chain for positions held into expiry.
   */
  expiries(underlying: string): ChainExpiry[] {
    const chain = this.requireChain(underlying);
    const now = this.deps.market.now();
    return chain.expiries
      .filter((series) => expiryInstantMs(series.expiry) > now)
      .map((series) => ({ expiry: series.expiry, expiryType: series.expiryType }));
  }

  get(query: ChainQuery): OptionChain {
    const series = this.seriesChain(query);
    const snapshot = series.recompute(this.deps.market);
    if (!snapshot) throw new DomainError('NO_MARKET_PRICE', `No price yet for ${query.underlying}.`);
    return series.window(snapshot, query.strikesEachSide, this.deps.market);
  }

  /** The chain now, then after every tick of its underlying; conflated for a slow consumer. */
  async *stream(query: ChainQuery, signal?: AbortSignal, congested?: Congestion): AsyncGenerator<OptionChain, void, undefined> {
    const first = this.get(query); // fails fast (unknown underlying/expiry) before anything is held
    yield first;
    yield* conflatedLatest<OptionChain>((push) => this.follow(query, push), () => 'chain', signal, congested);
  }

  private follow(query: ChainQuery, listener: Listener): () => void {
    const key = seriesKeyOf(query);
    let entry = this.live.get(key);
    if (!entry) {
      entry = { series: this.seriesChain(query), windows: new Map(), failing: false };
      this.live.set(key, entry);
    }
    let window = entry.windows.get(query.strikesEachSide);
    if (!window) entry.windows.set(query.strikesEachSide, (window = { listeners: new Set(), latest: null }));
    window.listeners.add(listener);
    this.stopTicks ??= this.deps.ticks.listen((batch) => this.onTicks(batch));
    const followed = entry;
    const followedWindow = window;
    return () => {
      followedWindow.listeners.delete(listener);
      if (followedWindow.listeners.size > 0) return;
      followed.windows.delete(query.strikesEachSide);
      if (followed.windows.size > 0) return;
      this.live.delete(key);
      if (this.live.size === 0) {
        this.stopTicks?.();
        this.stopTicks = null;
      }
    };
  }

  private onTicks(batch: readonly Tick[]): void {
    const moved = new Set<string>();
    const watched = new Map<string, string>();
    for (const entry of this.live.values()) {
      watched.set(entry.series.chain.index.id, entry.series.chain.spec.underlying);
      watched.set(entry.series.chain.future.id, entry.series.chain.spec.underlying);
    }
    for (const tick of batch) {
      const underlying = watched.get(tick.instrumentId);
      if (underlying) moved.add(underlying);
    }
    for (const [key, entry] of this.live) {
      if (!moved.has(entry.series.chain.spec.underlying)) continue;
      try {
        const snapshot = entry.series.recompute(this.deps.market);
        if (!snapshot) continue; // the expected case: no index price yet, nothing to publish
        const updates: [LiveWindow, OptionChain][] = [];
        for (const [strikesEachSide, window] of entry.windows) updates.push([window, (window.latest = entry.series.window(snapshot, strikesEachSide, this.deps.market))]);
        entry.failing = false;
        for (const [window, chain] of updates) for (const listener of window.listeners) listener(chain);
      } catch (error) {
        // Anything else is a bug or bad data: say so (once per failing streak, not per tick) and
        // keep the other series publishing.
        if (!entry.failing) this.deps.logger?.error({ err: error, series: key }, 'live option chain recompute failed');
        entry.failing = true;
      }
    }
  }

  private seriesChain(query: ChainQuery): SeriesChain {
    const { chain, series } = this.resolve(query);
    let computed = this.seriesChains.get(series);
    if (!computed) this.seriesChains.set(series, (computed = new SeriesChain(chain, series, this.index.strikes(series))));
    return computed;
  }

  private requireChain(underlying: string): UnderlyingChain {
    const chain = this.index.chain(underlying);
    if (!chain) throw new DomainError('INSTRUMENT_NOT_FOUND', `Unknown underlying ${underlying}.`);
    return chain;
  }

  private resolve(query: ChainQuery): { chain: UnderlyingChain; series: ExpirySeries } {
    const chain = this.requireChain(query.underlying);
    const series = this.index.series(query.underlying, query.expiry);
    if (!series) throw new DomainError('EXPIRY_NOT_FOUND', `${query.underlying} has no expiry listed on ${query.expiry}.`);
    return { chain, series };
  }
}
