import { paise, type Paise } from '../money.ts';
import type { ResolvedLeg } from './portfolio.ts';
import type { PremiumFlows } from './premium-flows.ts';

/**
 * APPROXIMATE margin for paper accounts and the builder's estimate — not SPAN. The exchange's SPAN
 * + exposure margin depends on scenario files we do not have; this formula is shaped like it and
 * errs on the high side for naked positions:
 *
 *   naive = premium paid for bought options
 *         + Σ sold options  qty × max(12 % × spot − OTM amount, 5 % × spot)
 *         + Σ futures       qty × 12 % × spot
 *   (OTM amount: max(K − spot, 0) for a call, max(spot − K, 0) for a put.)
 *
 * Hedge benefit: when the expiry payoff's loss is bounded (no unlimited side), the money at risk is
 * known — the worst expiry loss plus the premium received (which the exchange does not let the
 * seller spend while the short is open). The estimate is then
 *
 *   min(naive, |max loss| + premium received), and never below the premium paid
 *
 * e.g. an iron condor needs ≈ the wing width × qty plus the wings' cost; a debit spread needs the
 * premium of its bought leg.
 */
export const MARGIN_RATES = {
  /** Of the underlying's value per sold option unit, less the OTM amount. */
  shortOption: 0.12,
  /** The least a sold option unit needs, of the underlying's value. */
  shortOptionFloor: 0.05,
  /** Of the notional per futures unit, long or short. */
  future: 0.12,
} as const;

export type MarginEstimate = {
  /** Always true: an estimate for paper trading and planning, not the broker's figure. */
  approximate: true;
  total: Paise;
  premiumPaid: Paise;
  /** Collateral for the sold options before any hedge benefit. */
  shortOptions: Paise;
  futures: Paise;
  /** The bounded-loss cap (hedge benefit) set the total. */
  hedgeCapped: boolean;
};

export type MarginInputs = {
  /** The underlying now, paise. */
  spot: number;
  premiums: PremiumFlows;
  /** Lowest expiry P&L (paise, negative: a loss); null when the loss is unlimited. */
  maxLoss: number | null;
};

export function estimateMargin(legs: readonly ResolvedLeg[], inputs: MarginInputs): MarginEstimate {
  const { spot, premiums, maxLoss } = inputs;
  let shortOptions = 0;
  let futures = 0;
  for (const leg of legs) {
    if (leg.kind === 'FUT') {
      futures += leg.quantity * spot * MARGIN_RATES.future;
    } else if (leg.side === 'SELL') {
      const strike = leg.strike ?? spot;
      const outOfTheMoney = Math.max(leg.kind === 'CE' ? strike - spot : spot - strike, 0);
      const perUnit = Math.max(MARGIN_RATES.shortOption * spot - outOfTheMoney, MARGIN_RATES.shortOptionFloor * spot);
      shortOptions += leg.quantity * perUnit;
    }
  }
  const naive = premiums.paid + Math.round(shortOptions) + Math.round(futures);
  const atRisk = maxLoss === null ? null : Math.max(0, -maxLoss) + premiums.received;
  const hedgeCapped = atRisk !== null && atRisk < naive;
  const total = Math.max(premiums.paid, hedgeCapped ? atRisk : naive);
  return {
    approximate: true,
    total: paise(Math.round(total)),
    premiumPaid: premiums.paid,
    shortOptions: paise(Math.round(shortOptions)),
    futures: paise(Math.round(futures)),
    hedgeCapped,
  };
}
