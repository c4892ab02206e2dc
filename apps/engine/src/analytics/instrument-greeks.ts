import { black76Greeks, FUTURE_GREEKS, impliedVolatility, type Instrument, type OptionGreeks } from '@strikedesk/domain';
import { resolveForward, type ForwardEstimate } from './forward.ts';
import type { ExpirySeries, UnderlyingChain } from '../instruments/instrument-master.ts';
import { ChainIndex, modelPrice, type AnalyticsMarket } from './market-context.ts';

/** Per-unit Greeks of one instrument at the current market, prices in paise (ADR 0007 units). */
export type UnitGreeks = {
  greeks: Readonly<OptionGreeks>;
  /** IV implied from the option's mid; null for futures and when the price carries no IV. */
  iv: number | null;
  /** The underlying price the delta refers to (the forward for Black-76), paise as a float. */
  underlyingPrice: number;
};

/**
 * Greeks of a tradable instrument now: a future is delta 1 on its own price; an option is Black-76
 * at the IV implied from its current mid, on the same forward the chain uses. When the mid carries
 * no IV (no time value, below intrinsic) the option is treated as its intrinsic payoff: delta ±1
 * in the money, 0 out of it, no other Greeks; so is an expired option (its payoff is known). Null
 * for indices, and for an option without a price (no quote, no trade) before expiry.
 */
export function instrumentUnitGreeks(
  instrument: Instrument,
  index: ChainIndex,
  market: AnalyticsMarket,
  /** The forward of a series; a caller pricing many instruments at one instant passes a cached one. */
  forwardOf: (chain: UnderlyingChain, series: ExpirySeries) => ForwardEstimate | null = (chain, series) => resolveForward(chain, series, market, index.strikes(series)),
): UnitGreeks | null {
  if (instrument.kind === 'INDEX') return null;
  if (instrument.kind === 'FUTURE') {
    const price = modelPrice(market.latest(instrument.id));
    return Number.isFinite(price) ? { greeks: FUTURE_GREEKS, iv: null, underlyingPrice: price } : null;
  }
  const chain = index.chain(instrument.underlying);
  const series = instrument.expiry === null ? undefined : index.series(instrument.underlying, instrument.expiry);
  if (!chain || !series || instrument.strike === null) return null;
  const estimate = forwardOf(chain, series);
  if (!estimate) return null;
  const right = instrument.kind;
  const { forward, timeYears, discount } = estimate;
  const strike = instrument.strike;
  const price = modelPrice(market.latest(instrument.id));
  // No price at all (no tick, or neither a two-sided quote nor a trade): the Greeks are unknown
  // before expiry — not the intrinsic payoff's, whose delta of 0 or ±1 a delta hedge would trade on.
  if (!Number.isFinite(price) && timeYears > 0) return null;
  const solved = impliedVolatility({ right, price, forward, strike, timeYears, discountFactor: discount });
  if (!solved.ok) {
    const inTheMoney = right === 'CALL' ? forward > strike : forward < strike;
    const delta = inTheMoney ? (right === 'CALL' ? 1 : -1) : 0;
    return { greeks: { price: 0, delta, gamma: 0, theta: 0, vega: 0, rho: 0 }, iv: null, underlyingPrice: forward };
  }
  const greeks = black76Greeks({ right, forward, strike, timeYears, volatility: solved.volatility, discountFactor: discount });
  return { greeks, iv: solved.volatility, underlyingPrice: forward };
}
