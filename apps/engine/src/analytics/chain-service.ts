import { DomainError, type ChainExpiry, type ChainQuery, type OptionChain, type Tick } from '@strikedesk/domain';
import { conflatedLatest } from '../events/conflated-latest.ts';
import type { Congestion } from '../events/socket-pacing.ts';
import type { Topic } from '../events/topic.ts';
import type { ExpirySeries, UnderlyingChain } from '../instruments/instrument-master.ts';
import { buildOptionChain } from './chain-builder.ts';
import { ChainIndex, type AnalyticsMarket } from './market-context.ts';

type Listener = (chain: OptionChain) => void;
/** A chain somebody follows: computed once per underlying tick, whoever many listen. */
type LiveChain = { query: ChainQuery; chain: UnderlyingChain; series: ExpirySeries; listeners: Set<Listener>; latest: OptionChain | null };

const keyOf = (query: ChainQuery): string => `${query.underlying}|${query.expiry}|${query.strikesEachSide}`;

/**
 * Option chains on demand and live. Live chains are recomputed on each tick of their underlying
 * (index or future) only while at least one subscriber follows them (refcounted by listener), and
 * the tick feed is listened to only while any chain is live.
 */
export class ChainService {
  private readonly index: ChainIndex;
  private readonly live = new Map<string, LiveChain>();
  private stopTicks: (() => void) | null = null;

  constructor(
    private readonly deps: { chains: readonly UnderlyingChain[]; market: AnalyticsMarket; ticks: Topic<Tick[]> },
  ) {
    this.index = new ChainIndex(deps.chains);
  }

  /** Chains being recomputed on ticks right now (one per distinct query followed). */
  get liveCount(): number {
    return this.live.size;
  }

  expiries(underlying: string): ChainExpiry[] {
    const chain = this.requireChain(underlying);
    return chain.expiries.map((series) => ({ expiry: series.expiry, expiryType: series.expiryType }));
  }

  get(query: ChainQuery): OptionChain {
    const { chain, series } = this.resolve(query);
    return buildOptionChain(chain, series, query.strikesEachSide, this.deps.market);
  }

  /** The chain now, then after every tick of its underlying; conflated for a slow consumer. */
  async *stream(query: ChainQuery, signal?: AbortSignal, congested?: Congestion): AsyncGenerator<OptionChain, void, undefined> {
    const first = this.get(query); // fails fast (unknown underlying/expiry) before anything is held
    yield first;
    yield* conflatedLatest<OptionChain>((push) => this.follow(query, push), () => 'chain', signal, congested);
  }

  private follow(query: ChainQuery, listener: Listener): () => void {
    const key = keyOf(query);
    let entry = this.live.get(key);
    if (!entry) {
      const { chain, series } = this.resolve(query);
      entry = { query, chain, series, listeners: new Set(), latest: null };
      this.live.set(key, entry);
    }
    entry.listeners.add(listener);
    this.stopTicks ??= this.deps.ticks.listen((batch) => this.onTicks(batch));
    const followed = entry;
    return () => {
      followed.listeners.delete(listener);
      if (followed.listeners.size > 0) return;
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
      watched.set(entry.chain.index.id, entry.chain.spec.underlying);
      watched.set(entry.chain.future.id, entry.chain.spec.underlying);
    }
    for (const tick of batch) {
      const underlying = watched.get(tick.instrumentId);
      if (underlying) moved.add(underlying);
    }
    for (const entry of this.live.values()) {
      if (!moved.has(entry.chain.spec.underlying)) continue;
      try {
        entry.latest = buildOptionChain(entry.chain, entry.series, entry.query.strikesEachSide, this.deps.market);
      } catch {
        continue; // no index price yet: nothing to publish
      }
      for (const listener of entry.listeners) listener(entry.latest);
    }
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
