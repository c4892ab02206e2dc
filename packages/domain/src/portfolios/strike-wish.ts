import { rupeesLabel, type Paise } from '../money.ts';
import type { LegKind, StrikeSelector } from './portfolio-definition.ts';

/** The option rights a leg can trade (FUT legs have no strike). */
export type OptionLegKind = Exclude<LegKind, 'FUT'>;

/**
 * A leg's strike choice in a trader's words, for messages and the builder: "CE ATM+2",
 * "PE premium closest to ₹150", "CE delta closest to 0.30", "PE 2% OTM", "CE 24000".
 */
export function describeStrikeWish(selector: StrikeSelector, kind: OptionLegKind): string {
  switch (selector.mode) {
    case 'ATM_OFFSET':
      if (selector.steps === 0) return `${kind} ATM`;
      return `${kind} ATM${selector.steps > 0 ? '+' : '−'}${Math.abs(selector.steps)}`;
    case 'PREMIUM_CLOSEST':
      return `${kind} premium closest to ${rupeesLabel(selector.premium)}`;
    case 'DELTA_CLOSEST':
      return `${kind} delta closest to ${selector.delta.toFixed(2)}`;
    case 'OTM_PERCENT':
      return selector.percent >= 0 ? `${kind} ${selector.percent}% OTM` : `${kind} ${-selector.percent}% ITM`;
    case 'EXACT':
      return `${kind} ${strikeText(selector.strike)}`;
  }
}

/** A strike as traders write it: rupees without decimals unless it has paise (24000, 24012.5). */
export function strikeText(strike: Paise | number): string {
  return String(strike / 100);
}
