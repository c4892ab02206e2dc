import type { OptionGreeks } from './black76.ts';

/**
 * Greeks of a position in rupees, for display and risk limits. These are model risk estimates, not
 * booked money: they are floats and must never feed P&L, margin or cash (which are integer paise,
 * ADR 0002).
 *
 * Input Greeks are per unit of underlying, computed with prices in paise (the domain's price unit),
 * e.g. from black76Greeks with forward and strike in paise.
 */
export type PositionGreeks = {
  /** Equivalent underlying units: delta × signed quantity. */
  deltaUnits: number;
  /** Delta in lots: deltaUnits / lot size. */
  deltaLots: number;
  /** ₹ delta: deltaUnits × underlying price (₹), the exposure of an equivalent futures position. */
  deltaRupees: number;
  /** Change of deltaUnits for a ₹1 rise of the underlying. */
  gammaUnits: number;
  /** Change of ₹ delta for a 1% rise of the underlying: Γ·S²·1%·quantity (₹). */
  gammaRupeesPerPercent: number;
  /** ₹ value change for one calendar day passing. */
  thetaRupeesPerDay: number;
  /** ₹ value change for a 1 vol point rise. */
  vegaRupeesPerVolPoint: number;
  /** ₹ value change for a 1 percentage point rise of the rate. */
  rhoRupeesPerRatePoint: number;
};

const PAISE_PER_RUPEE = 100;

export const zeroPositionGreeks = (): PositionGreeks => ({
  deltaUnits: 0,
  deltaLots: 0,
  deltaRupees: 0,
  gammaUnits: 0,
  gammaRupeesPerPercent: 0,
  thetaRupeesPerDay: 0,
  vegaRupeesPerVolPoint: 0,
  rhoRupeesPerRatePoint: 0,
});

/** Greeks per unit of a futures contract on the same forward (delta 1, nothing else). */
export const FUTURE_GREEKS: Readonly<OptionGreeks> = Object.freeze({ price: 0, delta: 1, gamma: 0, theta: 0, vega: 0, rho: 0 });

export function positionGreeks(args: {
  /** Per-unit Greeks computed with prices in paise. */
  greeks: Readonly<OptionGreeks>;
  /** Signed quantity in units (lots × lot size); negative for short. */
  quantity: number;
  lotSize: number;
  /** Price of the underlying the delta refers to (the future for Black-76), in paise. */
  underlyingPricePaise: number;
}): PositionGreeks {
  const { greeks, quantity, lotSize, underlyingPricePaise } = args;
  if (!Number.isSafeInteger(quantity)) throw new RangeError('quantity must be an integer number of units');
  if (!Number.isSafeInteger(lotSize) || lotSize <= 0) throw new RangeError('lotSize must be a positive integer');
  const underlyingRupees = underlyingPricePaise / PAISE_PER_RUPEE;
  const deltaUnits = greeks.delta * quantity;
  // gamma is per paise of underlying move; ×100 makes it per rupee.
  const gammaUnits = greeks.gamma * PAISE_PER_RUPEE * quantity;
  return {
    deltaUnits,
    deltaLots: deltaUnits / lotSize,
    deltaRupees: deltaUnits * underlyingRupees,
    gammaUnits,
    gammaRupeesPerPercent: gammaUnits * underlyingRupees * underlyingRupees * 0.01,
    thetaRupeesPerDay: (greeks.theta * quantity) / PAISE_PER_RUPEE,
    vegaRupeesPerVolPoint: (greeks.vega * quantity) / PAISE_PER_RUPEE,
    rhoRupeesPerRatePoint: (greeks.rho * quantity) / PAISE_PER_RUPEE,
  };
}

/**
 * Sum of position Greeks (per account, strategy or underlying). Every field is additive; deltaLots
 * only makes sense when all positions share one underlying (one lot size).
 */
export function sumPositionGreeks(items: Iterable<Readonly<PositionGreeks>>): PositionGreeks {
  const total = zeroPositionGreeks();
  for (const item of items) {
    total.deltaUnits += item.deltaUnits;
    total.deltaLots += item.deltaLots;
    total.deltaRupees += item.deltaRupees;
    total.gammaUnits += item.gammaUnits;
    total.gammaRupeesPerPercent += item.gammaRupeesPerPercent;
    total.thetaRupeesPerDay += item.thetaRupeesPerDay;
    total.vegaRupeesPerVolPoint += item.vegaRupeesPerVolPoint;
    total.rhoRupeesPerRatePoint += item.rhoRupeesPerRatePoint;
  }
  return total;
}
