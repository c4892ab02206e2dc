import { rupeesLabel, type Paise } from '../../money.ts';
import type { EnteredLeg } from '../portfolio.ts';
import type { PortfolioLeg } from '../portfolio-definition.ts';
import { costStopPrice, favourableMove, thresholdPaise, tighterStop, trailedStopPrice } from './leg-stop.ts';

/**
 * A leg's own target and stop (the rest of the portfolio runs on when one closes the leg). Each
 * evaluation first tightens the stop (trailing, stop-to-cost), then checks it against the price:
 * a stop only ever tightens, so a price through the old stop is through the new one too.
 * When the stop and the target are both met (a stop trailed past the target), LEG_STOP wins, as
 * at portfolio level.
 */

export interface LegTrigger {
  reason: 'LEG_TARGET' | 'LEG_STOP';
  message: string;
}

export interface StopMove {
  from: Paise | null;
  to: Paise;
  why: 'TRAILING' | 'COST';
  message: string;
}

export interface LegEvaluation {
  /** The stop now: the engine stores it in EnteredLeg.stopPrice (and modifies a resting SL-M). */
  stopPrice: Paise | null;
  trigger: LegTrigger | null;
  /** Set when this evaluation tightened the stop. */
  moved: StopMove | null;
}

export interface LegInput {
  leg: PortfolioLeg;
  entered: EnteredLeg;
  lastPrice: Paise;
  tickSize: Paise;
}

export function evaluateLeg(input: LegInput): LegEvaluation {
  const { leg, entered, lastPrice, tickSize } = input;
  const { side, entryPrice } = entered;
  if (entered.closed || entryPrice === null) return { stopPrice: entered.stopPrice, trigger: null, moved: null };

  const trailed = trailedStopPrice(leg, side, entryPrice, lastPrice, tickSize);
  const cost = costStopPrice(leg, side, entryPrice, lastPrice, tickSize);
  const candidate = tighterStop(side, trailed, cost);
  const stopPrice = tighterStop(side, entered.stopPrice, candidate);
  let moved: StopMove | null = null;
  if (stopPrice !== null && stopPrice !== entered.stopPrice) {
    // On a tie the move is reported as to cost: the milestone the trader set up.
    const why = stopPrice === cost ? 'COST' : 'TRAILING';
    const text = why === 'COST' ? 'to cost' : 'by trailing';
    const from = entered.stopPrice === null ? 'no stop' : rupeesLabel(entered.stopPrice);
    moved = { from: entered.stopPrice, to: stopPrice, why, message: `Leg ${leg.id}: stop moved ${text}, ${from} → ${rupeesLabel(stopPrice)}.` };
  }

  const last = rupeesLabel(lastPrice);
  if (stopPrice !== null && (side === 'SELL' ? lastPrice >= stopPrice : lastPrice <= stopPrice)) {
    const where = side === 'SELL' ? 'at or above' : 'at or below';
    const message = `Leg ${leg.id} (${side}) stop hit: last ${last} is ${where} the ${rupeesLabel(stopPrice)} stop.`;
    return { stopPrice, moved, trigger: { reason: 'LEG_STOP', message } };
  }
  if (leg.target !== null) {
    const target = thresholdPaise(leg.target, entryPrice);
    if (target > 0 && favourableMove(side, entryPrice, lastPrice) >= target) {
      const message = `Leg ${leg.id} (${side}) target hit: last ${last} is ${rupeesLabel(target)} or more in profit from the ${rupeesLabel(entryPrice)} entry.`;
      return { stopPrice, moved, trigger: { reason: 'LEG_TARGET', message } };
    }
  }
  return { stopPrice, moved, trigger: null };
}
