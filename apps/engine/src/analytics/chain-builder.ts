import {
  atmStrikeIndex,
  createChainBuffers,
  forwardWithinListing,
  maxPainStrike,
  putCallRatio,
  recomputeChain,
  strikeWindow,
  type ChainBuffers,
  type ChainOption,
  type ChainRow,
  type Instrument,
  type OpenInterestRow,
  type OptionChain,
  type Paise,
} from '@strikedesk/domain';
import type { ExpirySeries, UnderlyingChain } from '../instruments/instrument-master.ts';
import { resolveForward, type ForwardEstimate } from './forward.ts';
import { modelPrice, type AnalyticsMarket } from './market-context.ts';

const PAISE_PER_RUPEE = 100;
const nullIfNaN = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** What one recompute of a whole series found; valid until the next recompute of that series. */
export type SeriesSnapshot = {
  estimate: ForwardEstimate;
  atmIndex: number;
  atmIv: number | null;
  pcr: number | null;
  maxPain: Paise | null;
};

/**
 * One expiry series' live analytics over EVERY listed strike: typed-array buffers sized to the
 * series and allocated once (reused on every recompute, ticks included), Greeks of all strikes via
 * the domain's recompute, and PCR / max pain over the whole listing (as NSE computes them, whatever
 * window a screen shows). A chain of any `strikesEachSide` is then a window sliced out of the last
 * recompute. Not reentrant: recompute, then build the windows, synchronously.
 */
export class SeriesChain {
  readonly strikes: readonly number[];
  private readonly buffers: ChainBuffers;
  /** Reused rows for the PCR / max-pain statistics, one per listed strike. */
  private readonly interest: OpenInterestRow[];

  constructor(
    readonly chain: UnderlyingChain,
    readonly series: ExpirySeries,
    strikes: readonly number[] = series.strikes.map((row) => row.strike),
  ) {
    this.strikes = strikes;
    this.buffers = createChainBuffers(strikes.length);
    this.buffers.strike.set(strikes);
    this.interest = strikes.map((strike) => ({ strike, callOpenInterest: 0, putOpenInterest: 0 }));
  }

  /** Recomputes the whole series at the current market; null before the index has a price. */
  recompute(market: AnalyticsMarket): SeriesSnapshot | null {
    const estimate = resolveForward(this.chain, this.series, market, this.strikes);
    if (!estimate) return null;
    const { buffers, interest, series } = this;
    for (let index = 0; index < series.strikes.length; index += 1) {
      const row = series.strikes[index] as ExpirySeries['strikes'][number];
      const call = market.latest(row.call.id);
      const put = market.latest(row.put.id);
      buffers.call.price[index] = modelPrice(call);
      buffers.put.price[index] = modelPrice(put);
      const oi = interest[index] as OpenInterestRow;
      oi.callOpenInterest = call?.openInterest ?? 0;
      oi.putOpenInterest = put?.openInterest ?? 0;
    }
    recomputeChain({ forward: estimate.forward, timeYears: estimate.timeYears, rate: market.rate }, buffers);
    const atmIndex = atmStrikeIndex(this.strikes, estimate.forward);
    // Past the listing the nearest strike is an edge strike far from the money: its IV (hundreds of
    // % for a far OTM option) is no ATM IV, so none is published.
    const atmIv = forwardWithinListing(this.strikes, estimate.forward) ? this.atmVolatility(atmIndex, market) : null;
    return { estimate, atmIndex, atmIv, pcr: putCallRatio(interest), maxPain: maxPainStrike(interest) as Paise | null };
  }

  /** The published chain for `strikesEachSide` strikes around the ATM of `snapshot` (this series' last recompute). */
  window(snapshot: SeriesSnapshot, strikesEachSide: number, market: AnalyticsMarket): OptionChain {
    const { estimate, atmIndex } = snapshot;
    const { start, end } = strikeWindow(this.strikes.length, atmIndex, strikesEachSide);
    const rows: ChainRow[] = [];
    for (let index = start; index < end; index += 1) {
      const row = this.series.strikes[index] as ExpirySeries['strikes'][number];
      rows.push({ strike: row.strike, call: this.option(row.call, market, 'call', index), put: this.option(row.put, market, 'put', index) });
    }
    return {
      underlying: this.chain.spec.underlying,
      expiry: this.series.expiry,
      expiryType: this.series.expiryType,
      timestamp: estimate.spotTimestamp,
      spot: estimate.spot,
      future: estimate.future,
      forward: estimate.forward / PAISE_PER_RUPEE,
      timeToExpiryYears: estimate.timeYears,
      discountFactor: estimate.discount,
      strikesEachSide,
      lotSize: this.chain.spec.lotSize,
      atmStrike: (this.strikes[atmIndex] ?? 0) as Paise,
      atmIv: snapshot.atmIv,
      pcr: snapshot.pcr,
      maxPain: snapshot.maxPain,
      rows,
    };
  }

  private solved(side: 'call' | 'put', index: number, array: 'iv' | 'delta' | 'gamma' | 'theta' | 'vega'): number {
    const greeks = this.buffers[side];
    return greeks.status[index] === 0 ? (greeks[array][index] as number) : Number.NaN;
  }

  /** ATM IV: the mean of the call's and put's IV at the ATM strike, or whichever exists (with a tick). */
  private atmVolatility(atmIndex: number, market: AnalyticsMarket): number | null {
    const row = this.series.strikes[atmIndex];
    if (!row) return null;
    let sum = 0;
    let count = 0;
    for (const [side, instrument] of [['call', row.call], ['put', row.put]] as const) {
      const iv = this.solved(side, atmIndex, 'iv');
      if (market.latest(instrument.id) && Number.isFinite(iv)) {
        sum += iv;
        count += 1;
      }
    }
    return count === 0 ? null : sum / count;
  }

  private option(instrument: Instrument, market: AnalyticsMarket, side: 'call' | 'put', index: number): ChainOption | null {
    const tick = market.latest(instrument.id);
    if (!tick) return null;
    const previousOpenInterest = market.previousOpenInterest(instrument.id);
    return {
      instrumentId: instrument.id,
      bid: tick.bid,
      ask: tick.ask,
      lastPrice: tick.lastPrice,
      change: tick.lastPrice - tick.previousClose,
      volume: tick.volume,
      openInterest: tick.openInterest,
      openInterestChange: previousOpenInterest === undefined ? null : tick.openInterest - previousOpenInterest,
      iv: nullIfNaN(this.solved(side, index, 'iv')),
      delta: nullIfNaN(this.solved(side, index, 'delta')),
      // The kernel works in paise: gamma per paise → per ₹1, theta and vega paise → ₹.
      gamma: nullIfNaN(this.solved(side, index, 'gamma') * PAISE_PER_RUPEE),
      theta: nullIfNaN(this.solved(side, index, 'theta') / PAISE_PER_RUPEE),
      vega: nullIfNaN(this.solved(side, index, 'vega') / PAISE_PER_RUPEE),
    };
  }
}
