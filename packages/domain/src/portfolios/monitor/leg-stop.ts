import type { Paise } from '../../money.ts';
import type { Side } from '../../order.ts';
import type { LegThreshold, PortfolioLeg } from '../portfolio-definition.ts';

/**
 * Where a leg's stop stands. A SELL leg loses when the price rises, so its stop is above the entry
 * and tightens downwards; a BUY leg's stop is below and tightens upwards. Stop prices are rounded to
 * the tick in the conservative direction, which is the tighter one: the trader never risks more than
 * configured (an average fill off the tick, or a percent, can give a price between ticks).
 */

/**
 * A per-leg threshold as a per-unit distance in paise: POINTS as given; PERCENT of the entry price,
 * rounded half up to whole paise (the only float step, done once, before any tick rounding).
 */
export function thresholdPaise(threshold: LegThreshold, entryPrice: Paise): Paise {
  return threshold.unit === 'POINTS' ? threshold.points : (Math.round((entryPrice * threshold.percent) / 100) as Paise);
}

/** Per-unit move in the leg's favour: + profit, − loss. */
export const favourableMove = (side: Side, entryPrice: Paise, lastPrice: Paise): number =>
  side === 'BUY' ? lastPrice - entryPrice : entryPrice - lastPrice;

/** Rounds a stop price to the tick on the tighter side (SELL: down, BUY: up). */
export function tightenToTick(side: Side, price: number, tickSize: Paise): number {
  const ticks = price / tickSize;
  return (side === 'SELL' ? Math.floor(ticks) : Math.ceil(ticks)) * tickSize;
}

/** The tighter of two stops (null: no stop, looser than any). */
export function tighterStop(side: Side, a: Paise | null, b: Paise | null): Paise | null {
  if (a === null) return b;
  if (b === null) return a;
  return side === 'SELL' ? (Math.min(a, b) as Paise) : (Math.max(a, b) as Paise);
}

/**
 * The stop a leg starts with, from `leg.stopLoss` (the engine stores it in EnteredLeg.stopPrice).
 * Null without a stop loss, and for a BUY leg whose stop would be at or below zero (a 100 % stop on
 * a bought option means "risk the whole premium": there is no price to put a stop at).
 */
export function initialStopPrice(leg: PortfolioLeg, side: Side, entryPrice: Paise, tickSize: Paise): Paise | null {
  if (leg.stopLoss === null) return null;
  const distance = thresholdPaise(leg.stopLoss, entryPrice);
  const stop = tightenToTick(side, side === 'SELL' ? entryPrice + distance : entryPrice - distance, tickSize);
  return stop > 0 ? (stop as Paise) : null;
}

/**
 * The stop the trailing rule asks for at this price: the initial stop moved `by` for every whole
 * `every` of favourable move. Needs a stop loss to trail from; null when there is none, when the leg
 * is not in profit by one `every` yet, or when `every` rounds to zero paise.
 */
export function trailedStopPrice(leg: PortfolioLeg, side: Side, entryPrice: Paise, lastPrice: Paise, tickSize: Paise): Paise | null {
  const initial = initialStopPrice(leg, side, entryPrice, tickSize);
  if (leg.trailing === null || initial === null) return null;
  const every = thresholdPaise(leg.trailing.every, entryPrice);
  if (every <= 0) return null;
  const steps = Math.floor(favourableMove(side, entryPrice, lastPrice) / every);
  if (steps < 1) return null;
  const shift = steps * thresholdPaise(leg.trailing.by, entryPrice);
  const stop = tightenToTick(side, side === 'SELL' ? initial - shift : initial + shift, tickSize);
  return stop > 0 ? (stop as Paise) : null;
}

/** The entry price (on the tick, tighter side) once the leg is `stopToCostAt` in profit; else null. */
export function costStopPrice(leg: PortfolioLeg, side: Side, entryPrice: Paise, lastPrice: Paise, tickSize: Paise): Paise | null {
  if (leg.stopToCostAt === null) return null;
  if (favourableMove(side, entryPrice, lastPrice) < thresholdPaise(leg.stopToCostAt, entryPrice)) return null;
  return tightenToTick(side, entryPrice, tickSize) as Paise;
}
