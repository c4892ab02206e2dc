import {
  atmStrikeIndex,
  createChainBuffers,
  DomainError,
  maxPainStrike,
  putCallRatio,
  recomputeChain,
  strikeWindow,
  type ChainBuffers,
  type ChainOption,
  type ChainRow,
  type Instrument,
  type OptionChain,
  type Paise,
} from '@strikedesk/domain';
import type { ExpirySeries, UnderlyingChain } from '../instruments/instrument-master.ts';
import { resolveForward } from './forward.ts';
import { modelPrice, type AnalyticsMarket } from './market-context.ts';

const PAISE_PER_RUPEE = 100;
const nullIfNaN = (value: number): number | null => (Number.isFinite(value) ? value : null);

function chainOption(instrument: Instrument, market: AnalyticsMarket, buffers: ChainBuffers, side: 'call' | 'put', index: number): ChainOption | null {
  const tick = market.latest(instrument.id);
  if (!tick) return null;
  const greeks = buffers[side];
  const solved = greeks.status[index] === 0;
  const at = (array: Float64Array): number => (solved ? (array[index] as number) : Number.NaN);
  const previousOpenInterest = market.previousOpenInterest(instrument.id) ?? tick.openInterest;
  return {
    instrumentId: instrument.id,
    bid: tick.bid,
    ask: tick.ask,
    lastPrice: tick.lastPrice,
    change: tick.lastPrice - tick.previousClose,
    volume: tick.volume,
    openInterest: tick.openInterest,
    openInterestChange: tick.openInterest - previousOpenInterest,
    iv: nullIfNaN(at(greeks.iv)),
    delta: nullIfNaN(at(greeks.delta)),
    // The kernel works in paise: gamma per paise → per ₹1, theta and vega paise → ₹.
    gamma: nullIfNaN(at(greeks.gamma) * PAISE_PER_RUPEE),
    theta: nullIfNaN(at(greeks.theta) / PAISE_PER_RUPEE),
    vega: nullIfNaN(at(greeks.vega) / PAISE_PER_RUPEE),
  };
}

/** ATM IV: the mean of the call's and put's IV at the ATM strike, or whichever exists. */
function atmVolatility(row: ChainRow | undefined): number | null {
  const ivs = [row?.call?.iv, row?.put?.iv].filter((iv): iv is number => typeof iv === 'number');
  return ivs.length === 0 ? null : ivs.reduce((sum, iv) => sum + iv, 0) / ivs.length;
}

/**
 * One option chain as published: the strikes `strikesEachSide` around the ATM (nearest the
 * forward), each option's IV and Greeks from its mid via the domain's typed-array recompute, and
 * PCR / max pain over the rows shown.
 */
export function buildOptionChain(chain: UnderlyingChain, series: ExpirySeries, strikesEachSide: number, market: AnalyticsMarket): OptionChain {
  const estimate = resolveForward(chain, series, market);
  if (!estimate) throw new DomainError('NO_MARKET_PRICE', `No price yet for ${chain.spec.underlying}.`);
  const allStrikes = series.strikes.map((row) => row.strike);
  const atmIndex = atmStrikeIndex(allStrikes, estimate.forward);
  const { start, end } = strikeWindow(allStrikes.length, atmIndex, strikesEachSide);
  const shown = series.strikes.slice(start, end);
  const buffers = createChainBuffers(shown.length);
  shown.forEach((row, index) => {
    buffers.strike[index] = row.strike;
    buffers.call.price[index] = modelPrice(market.latest(row.call.id));
    buffers.put.price[index] = modelPrice(market.latest(row.put.id));
  });
  recomputeChain({ forward: estimate.forward, timeYears: estimate.timeYears, rate: market.rate }, buffers);
  const rows: ChainRow[] = shown.map((row, index) => ({
    strike: row.strike,
    call: chainOption(row.call, market, buffers, 'call', index),
    put: chainOption(row.put, market, buffers, 'put', index),
  }));
  const interest = rows.map((row) => ({ strike: row.strike, callOpenInterest: row.call?.openInterest ?? 0, putOpenInterest: row.put?.openInterest ?? 0 }));
  const atmStrike = (allStrikes[atmIndex] ?? 0) as Paise;
  return {
    underlying: chain.spec.underlying,
    expiry: series.expiry,
    expiryType: series.expiryType,
    timestamp: estimate.spotTimestamp,
    spot: estimate.spot,
    future: estimate.future,
    forward: estimate.forward / PAISE_PER_RUPEE,
    timeToExpiryYears: estimate.timeYears,
    lotSize: chain.spec.lotSize,
    atmStrike,
    atmIv: atmVolatility(rows.find((row) => row.strike === atmStrike)),
    pcr: putCallRatio(interest),
    maxPain: maxPainStrike(interest) as Paise | null,
    rows,
  };
}
