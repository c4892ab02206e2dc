import { mulPaise, subPaise, sumPaise, type Paise } from '../../money.ts';
import type { Side } from '../../order.ts';

/**
 * Mark-to-market in exact integer paise: per-unit price difference × integer quantity, through the
 * checked money helpers (an overflow throws rather than silently losing paise).
 */

/** P&L of one open leg at `lastPrice`: BUY gains when the price rises, SELL when it falls. */
export function legMtm(side: Side, quantity: number, entryPrice: Paise, lastPrice: Paise): Paise {
  const perUnit = side === 'BUY' ? subPaise(lastPrice, entryPrice) : subPaise(entryPrice, lastPrice);
  return mulPaise(perUnit, quantity);
}

export interface PricedLeg {
  side: Side;
  quantity: number;
  entryPrice: Paise;
}

/** Net premium of an entry: + when the basket took in a net credit (SELL adds), − for a net debit. */
export const entryPremium = (legs: readonly PricedLeg[]): Paise =>
  sumPaise(legs.map((leg) => mulPaise(leg.entryPrice, leg.side === 'SELL' ? leg.quantity : -leg.quantity)));
