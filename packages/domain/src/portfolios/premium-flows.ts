import { addPaise, mulPaise, subPaise, ZERO_PAISE, type Paise } from '../money.ts';
import type { ResolvedLeg } from './portfolio.ts';

/** Premium changing hands when the portfolio enters, paise. Futures carry no premium. */
export type PremiumFlows = {
  /** From the options sold. */
  received: Paise;
  /** For the options bought. */
  paid: Paise;
  /** received − paid: + a net credit, − a net debit. */
  net: Paise;
};

export function premiumFlows(legs: readonly ResolvedLeg[]): PremiumFlows {
  let received = ZERO_PAISE;
  let paid = ZERO_PAISE;
  for (const leg of legs) {
    if (leg.kind === 'FUT') continue;
    const amount = mulPaise(leg.price, leg.quantity);
    if (leg.side === 'SELL') received = addPaise(received, amount);
    else paid = addPaise(paid, amount);
  }
  return { received, paid, net: subPaise(received, paid) };
}
