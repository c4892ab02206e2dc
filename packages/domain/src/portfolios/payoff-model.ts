import { undiscountedBlack } from '../options/black76.ts';
import { expiryInstantMs, MILLISECONDS_PER_YEAR, timeToExpiryYears } from '../options/time-to-expiry.ts';
import type { ResolvedLeg } from './portfolio.ts';

/** The market a payoff is drawn against. Prices and the underlying are paise. */
export type PayoffContext = {
  /** The underlying now, paise. */
  spot: number;
  /** Epoch ms: "today" for T+0 and the start of the probability horizon. */
  now: number;
  /** Continuously compounded rate (decimal): forward F = S·e^{rT}, discount e^{−rT}. */
  rate: number;
  /**
   * Forward ÷ spot now per expiry date, e.g. `chain.forward * 100 / chain.spot` (the chain's forward
   * is rupees, its spot paise). Pass it so T+0 at today's spot prices each option exactly as the
   * chain did (its forward may come from the listed future); missing expiries use e^{rT}.
   */
  forwardBySpot?: Readonly<Record<string, number>>;
  /** Volatility for a leg with no IV of its own (e.g. the ATM IV); without either, intrinsic value. */
  fallbackIv?: number | null;
};

/** Kind codes of the hot loop. */
const CALL = 0;
const PUT = 1;
const FUTURE = 2;

/**
 * Values a portfolio at any underlying level S, precomputed once per legs + context so that a
 * curve of hundreds of points allocates nothing per point.
 *
 * At expiry means at the nearest leg expiry (15:30 IST). A leg expiring then pays its intrinsic
 * value: sign × qty × (max(±(S − K), 0) − premium), futures sign × qty × (S − price) — exact integer
 * paise for integer S. A leg expiring later (the long leg of a calendar, or a monthly future in a
 * weekly portfolio) is still alive then: it is valued by Black-76 with its own IV over its remaining
 * time τ, on the forward S·e^{rτ} (futures: S·e^{rτ}), so the curve is a model there and is rounded.
 *
 * Today (T+0) values every option by Black-76 with its leg IV at its own time to expiry from `now`,
 * on the forward S × (forwardBySpot ?? e^{rT}), discounted by e^{−rT}; futures at that forward.
 * At or after a leg's expiry it is worth its intrinsic value, so T+0 then equals the expiry payoff.
 */
export type PayoffModel = {
  legs: readonly ResolvedLeg[];
  /** The expiry the "at expiry" payoff is drawn at; null without legs. */
  nearestExpiry: string | null;
  /** Every leg expires at the nearest expiry: expiry P&L is exact integer paise at integer S. */
  exact: boolean;
  /** Every option expires at the nearest expiry: the expiry payoff is linear between strikes. */
  piecewiseLinear: boolean;
  /** Distinct strikes of the options, ascending (the kinks of the expiry payoff). */
  strikes: readonly number[];
  /** d(P&L)/dS beyond the highest strike: the net units of calls and futures (+ long, − short). */
  tailSlope: number;
  /** P&L (paise) at the nearest expiry if the underlying is at `underlying` then; unrounded. */
  atExpiry(underlying: number): number;
  /** P&L (paise) now if the underlying moved to `underlying`; unrounded model value. */
  today(underlying: number): number;
};

export function preparePayoff(legs: readonly ResolvedLeg[], context: PayoffContext): PayoffModel {
  const count = legs.length;
  const signedQuantity = new Float64Array(count);
  const kind = new Uint8Array(count);
  const strike = new Float64Array(count);
  const price = new Float64Array(count);
  const expiresNearest = new Uint8Array(count);
  // Later legs at the nearest expiry: growth e^{rτ}, discount e^{−rτ}, σ√τ.
  const laterGrowth = new Float64Array(count);
  const laterDiscount = new Float64Array(count);
  const laterStdDev = new Float64Array(count);
  // Every leg today.
  const todayGrowth = new Float64Array(count);
  const todayDiscount = new Float64Array(count);
  const todayStdDev = new Float64Array(count);

  let nearestExpiry: string | null = null;
  for (const leg of legs) if (nearestExpiry === null || leg.expiry < nearestExpiry) nearestExpiry = leg.expiry;
  const nearestInstant = nearestExpiry === null ? 0 : expiryInstantMs(nearestExpiry);

  let exact = true;
  let piecewiseLinear = true;
  let tailSlope = 0;
  const strikeSet = new Set<number>();
  legs.forEach((leg, index) => {
    const quantity = (leg.side === 'BUY' ? 1 : -1) * leg.quantity;
    const legKind = leg.kind === 'CE' ? CALL : leg.kind === 'PE' ? PUT : FUTURE;
    const volatility = leg.iv ?? context.fallbackIv ?? 0;
    signedQuantity[index] = quantity;
    kind[index] = legKind;
    strike[index] = leg.strike ?? 0;
    price[index] = leg.price;
    if (legKind !== FUTURE) strikeSet.add(leg.strike ?? 0);

    const nearest = leg.expiry === nearestExpiry;
    expiresNearest[index] = nearest ? 1 : 0;
    const remaining = nearest ? 0 : (expiryInstantMs(leg.expiry) - nearestInstant) / MILLISECONDS_PER_YEAR;
    laterGrowth[index] = Math.exp(context.rate * remaining);
    laterDiscount[index] = Math.exp(-context.rate * remaining);
    laterStdDev[index] = volatility * Math.sqrt(remaining);
    if (!nearest) {
      exact = false;
      if (legKind !== FUTURE) piecewiseLinear = false;
    }
    // Deep in the money a later call is worth ≈ S − D·K: slope 1, like an expiring one; a future's
    // value S·e^{rτ} has slope e^{rτ}.
    if (legKind === CALL) tailSlope += quantity;
    if (legKind === FUTURE) tailSlope += quantity * (laterGrowth[index] as number);

    const time = timeToExpiryYears(leg.expiry, context.now);
    todayGrowth[index] = time > 0 ? (context.forwardBySpot?.[leg.expiry] ?? Math.exp(context.rate * time)) : 1;
    todayDiscount[index] = Math.exp(-context.rate * time);
    todayStdDev[index] = volatility * Math.sqrt(time);
  });

  function atExpiry(underlying: number): number {
    let total = 0;
    for (let index = 0; index < count; index += 1) {
      const legKind = kind[index] as number;
      const value =
        expiresNearest[index] === 1
          ? intrinsicValue(legKind, underlying, strike[index] as number)
          : modelValue(legKind, underlying, strike[index] as number, laterGrowth[index] as number, laterDiscount[index] as number, laterStdDev[index] as number);
      total += (signedQuantity[index] as number) * (value - (price[index] as number));
    }
    return total;
  }

  function today(underlying: number): number {
    let total = 0;
    for (let index = 0; index < count; index += 1) {
      const value = modelValue(
        kind[index] as number,
        underlying,
        strike[index] as number,
        todayGrowth[index] as number,
        todayDiscount[index] as number,
        todayStdDev[index] as number,
      );
      total += (signedQuantity[index] as number) * (value - (price[index] as number));
    }
    return total;
  }

  return {
    legs,
    nearestExpiry,
    exact,
    piecewiseLinear,
    strikes: [...strikeSet].sort((a, b) => a - b),
    tailSlope,
    atExpiry,
    today,
  };
}

function intrinsicValue(legKind: number, underlying: number, strike: number): number {
  if (legKind === FUTURE) return underlying;
  const moneyness = legKind === CALL ? underlying - strike : strike - underlying;
  return moneyness > 0 ? moneyness : 0;
}

/** Black-76 value on the forward S·growth (a future: the forward itself); intrinsic at S = 0. */
function modelValue(legKind: number, underlying: number, strike: number, growth: number, discount: number, stdDev: number): number {
  const forward = underlying * growth;
  if (legKind === FUTURE) return forward;
  if (!(forward > 0)) return legKind === CALL ? 0 : discount * strike;
  return discount * undiscountedBlack(legKind === CALL, forward, strike, stdDev);
}
