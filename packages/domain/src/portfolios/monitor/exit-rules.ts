import { rupeesLabel, type Paise } from '../../money.ts';
import type { ExitSettings, MtmThreshold } from '../portfolio-definition.ts';
import { istMinuteOfDay, parseIstTime } from './ist-clock.ts';

/**
 * Portfolio-level exits on the combined MTM (paise). One evaluation can meet several rules at once
 * (a gap, or the first check after a restart); every one of them squares the whole portfolio off,
 * so only the reason differs, and the reason matters twice: the trader reads it in the journal, and
 * re-entry (`maxReentries`) follows an exit by stop loss. Priority, worst news first:
 *   STOP_LOSS > TRAILING_STOP > TARGET > TIME.
 * A stop that was hit is always reported as such even if the target or the exit time was also due.
 * (The engine must not re-enter after the exit time regardless of the reason: see exitTimeReached.)
 */

export const PORTFOLIO_EXIT_REASONS = ['STOP_LOSS', 'TRAILING_STOP', 'TARGET', 'TIME'] as const;
export type PortfolioExitReason = (typeof PORTFOLIO_EXIT_REASONS)[number];

export interface PortfolioExitTrigger {
  reason: PortfolioExitReason;
  message: string;
}

export interface PortfolioExitInput {
  exit: ExitSettings;
  /** Combined MTM now, paise. */
  mtm: number;
  /** Net premium at entry, paise (+ credit / − debit): the base of PERCENT_OF_PREMIUM thresholds. */
  entryPremium: number;
  /** Highest MTM seen since entry, as last returned; null right after entry. */
  peakMtm: number | null;
  now: number;
}

export interface PortfolioExitResult {
  /** The peak including this MTM: the engine persists it in PortfolioRuntime.peakMtm. */
  peakMtm: number;
  trigger: PortfolioExitTrigger | null;
}

/**
 * A threshold in paise (always > 0), or null when it cannot apply. PERCENT_OF_PREMIUM is
 * |entryPremium| × percent / 100 rounded half up to whole paise; with a zero premium (e.g. a
 * futures-only basket) a percent threshold would be ₹0 and fire on the first tick, so it is null
 * (inactive) instead and the engine should say so when the portfolio enters.
 */
export function resolveMtmThreshold(threshold: MtmThreshold, entryPremium: number): Paise | null {
  if (threshold.unit === 'RUPEES') return threshold.amount;
  const amount = Math.round((Math.abs(entryPremium) * threshold.percent) / 100);
  return amount > 0 ? (amount as Paise) : null;
}

/** True once the IST clock is at or past `exitAt` (each day: a carried position exits at that time daily). */
export const exitTimeReached = (exit: ExitSettings, now: number): boolean =>
  exit.exitAt !== null && istMinuteOfDay(now) >= parseIstTime(exit.exitAt);

const money = (paise: number): string => rupeesLabel(paise as Paise);

function thresholdText(threshold: MtmThreshold, entryPremium: number): string {
  return threshold.unit === 'RUPEES' ? '' : ` (${threshold.percent}% of the ${money(Math.abs(entryPremium))} premium)`;
}

export function evaluatePortfolioExit(input: PortfolioExitInput): PortfolioExitResult {
  const { exit, mtm, entryPremium, now } = input;
  const peakMtm = input.peakMtm === null ? mtm : Math.max(input.peakMtm, mtm);
  const found = (reason: PortfolioExitReason, message: string): PortfolioExitResult => ({ peakMtm, trigger: { reason, message } });

  const stop = exit.stopLoss === null ? null : resolveMtmThreshold(exit.stopLoss, entryPremium);
  if (exit.stopLoss !== null && stop !== null && mtm <= -stop) {
    return found('STOP_LOSS', `Stop loss hit: MTM ${money(mtm)} reached the ${money(-stop)} stop${thresholdText(exit.stopLoss, entryPremium)}.`);
  }

  // "Lock profit at X, trail by Y": the trail arms once MTM has reached X; from then on the floor
  // is (peak − Y), so it starts at X − Y and only rises with the peak. Exit at or below the floor.
  const trailing = exit.trailing;
  if (trailing !== null && peakMtm >= trailing.lockProfitAt) {
    const floor = peakMtm - trailing.trailBy;
    if (mtm <= floor) {
      return found(
        'TRAILING_STOP',
        `Trailing stop hit: MTM ${money(mtm)} fell to the ${money(floor)} floor (peak ${money(peakMtm)} less the ${money(trailing.trailBy)} trail).`,
      );
    }
  }

  const target = exit.target === null ? null : resolveMtmThreshold(exit.target, entryPremium);
  if (exit.target !== null && target !== null && mtm >= target) {
    return found('TARGET', `Target hit: MTM ${money(mtm)} reached the ${money(target)} target${thresholdText(exit.target, entryPremium)}.`);
  }

  if (exitTimeReached(exit, now)) return found('TIME', `Exit time ${exit.exitAt} IST reached with MTM ${money(mtm)}.`);
  return { peakMtm, trigger: null };
}
