import type { Tick } from '@strikedesk/domain';
import type { ExpirySeries, UnderlyingChain } from '../instruments/instrument-master.ts';

/** What analytics read from the market: latest ticks, the clock and the simulation's rate. */
export type AnalyticsMarket = {
  latest(instrumentId: string): Tick | undefined;
  previousOpenInterest(instrumentId: string): number | undefined;
  now(): number;
  /** Continuously compounded rate (simulation config) used for discounting premiums. */
  rate: number;
};

/**
 * The price an option model should see: the mid when both sides are quoted (the LTP of an
 * illiquid strike can be hours old), else the LTP; NaN without a tick, which the IV solver
 * reports as INVALID_INPUT rather than a number.
 */
export function modelPrice(tick: Tick | undefined): number {
  if (!tick) return Number.NaN;
  if (tick.bid !== null && tick.ask !== null) return (tick.bid + tick.ask) / 2;
  return tick.lastPrice > 0 ? tick.lastPrice : Number.NaN;
}

/**
 * Lookups into the instrument master by underlying and by (underlying, expiry), and each series'
 * sorted strike array (paise), so no per-tick or per-position path rebuilds it; built once.
 */
export class ChainIndex {
  private readonly byUnderlying: ReadonlyMap<string, UnderlyingChain>;
  private readonly bySeries: ReadonlyMap<string, ExpirySeries>;
  private readonly strikesBySeries: ReadonlyMap<ExpirySeries, readonly number[]>;

  constructor(chains: readonly UnderlyingChain[]) {
    this.byUnderlying = new Map(chains.map((chain) => [chain.spec.underlying, chain]));
    this.bySeries = new Map(chains.flatMap((chain) => chain.expiries.map((series) => [`${chain.spec.underlying}|${series.expiry}`, series] as const)));
    this.strikesBySeries = new Map([...this.bySeries.values()].map((series) => [series, series.strikes.map((row) => row.strike)] as const));
  }

  /** The series' strikes ascending (the master lists them so), computed once. */
  strikes(series: ExpirySeries): readonly number[] {
    return this.strikesBySeries.get(series) ?? series.strikes.map((row) => row.strike);
  }

  chain(underlying: string): UnderlyingChain | undefined {
    return this.byUnderlying.get(underlying);
  }

  series(underlying: string, expiry: string): ExpirySeries | undefined {
    return this.bySeries.get(`${underlying}|${expiry}`);
  }
}
