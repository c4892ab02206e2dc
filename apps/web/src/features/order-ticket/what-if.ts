import {
  black76Greeks,
  FUTURE_GREEKS,
  impliedVolatility,
  positionGreeks,
  type Instrument,
  type Side,
} from '@strikedesk/domain';

/** Per-unit IV and delta of the instrument in a ticket (null IV for futures). */
export type UnitGreeks = { iv: number | null; delta: number };

/** What the chain snapshot tells the browser about the option's expiry (ADR 0007 conventions). */
export type PricingContext = {
  /** Pricing forward of the expiry, rupees (model number). */
  forward: number;
  /** D = e^(−rT) the engine priced the chain with (from the chain, never re-derived here). */
  discountFactor: number;
  timeToExpiryYears: number;
};

/** The quote of an option as the ticket sees it live (paise). */
export type OptionQuote = { bid: number | null; ask: number | null; lastPrice: number };

/**
 * The price the engine's model sees for an option: the mid when both sides are quoted (the LTP of an
 * illiquid strike can be stale), else the LTP; null without a usable price.
 */
export function optionModelPrice(quote: OptionQuote): number | null {
  if (quote.bid !== null && quote.ask !== null) return (quote.bid + quote.ask) / 2;
  return quote.lastPrice > 0 ? quote.lastPrice : null;
}

/**
 * IV and delta of an option from its live quote (priced at the mid, as the engine does) with the
 * domain's Black-76 on the chain's forward, time and discount factor (prices in paise). Null when
 * the price carries no volatility information (below intrinsic, no time value, expired).
 */
export function estimateOptionGreeks(
  instrument: Pick<Instrument, 'kind' | 'strike'>,
  quote: OptionQuote,
  context: PricingContext,
): UnitGreeks | null {
  if ((instrument.kind !== 'CALL' && instrument.kind !== 'PUT') || instrument.strike === null) return null;
  const forward = context.forward * 100;
  const timeYears = context.timeToExpiryYears;
  const { discountFactor } = context;
  const price = optionModelPrice(quote);
  if (price === null || !(forward > 0) || !(timeYears > 0) || !(discountFactor > 0)) return null;
  const right = instrument.kind;
  const iv = impliedVolatility({ right, price, forward, strike: instrument.strike, timeYears, discountFactor });
  if (!iv.ok) return null;
  const greeks = black76Greeks({ right, forward, strike: instrument.strike, timeYears, volatility: iv.volatility, discountFactor });
  return { iv: iv.volatility, delta: greeks.delta };
}

/** A future's delta is one underlying unit per unit. */
export const FUTURE_UNIT_GREEKS: UnitGreeks = { iv: null, delta: FUTURE_GREEKS.delta };

/**
 * The account's net delta in lots of the underlying after this order fills, an estimate: current
 * net delta plus the order's delta (domain positionGreeks: delta × signed quantity / lot size).
 */
export function netDeltaLotsAfter(args: {
  currentDeltaLots: number;
  side: Side;
  lots: number;
  lotSize: number;
  unit: UnitGreeks;
}): number {
  const quantity = (args.side === 'BUY' ? 1 : -1) * args.lots * args.lotSize;
  const order = positionGreeks({
    greeks: { ...FUTURE_GREEKS, delta: args.unit.delta },
    quantity,
    lotSize: args.lotSize,
    underlyingPricePaise: 0,
  });
  return args.currentDeltaLots + order.deltaLots;
}

/** Lots with two decimals and an explicit sign ("+1.52", "-0.48", "0.00"). */
export const formatLots = (lots: number): string => {
  const rounded = Math.round(lots * 100) / 100;
  const text = Math.abs(rounded).toFixed(2);
  return rounded > 0 ? `+${text}` : rounded < 0 ? `-${text}` : text;
};
