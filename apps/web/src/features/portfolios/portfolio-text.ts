import {
  AUTOMATED_STATUSES,
  describeStrikeWish,
  EXPIRY_CHOICE_LABELS,
  rupeesLabel,
  type EntrySettings,
  type ExpiryChoice,
  type PortfolioActionKind,
  type PortfolioLeg,
  type PortfolioLive,
  type PortfolioStatus,
  type Paise,
} from '@strikedesk/domain';
import type { BadgeTone } from '@strikedesk/ui';

/** The portfolio's own book has an open leg (what Exit now would square off). */
export const holdsPositions = (live: PortfolioLive | null): boolean => live?.legs.some((leg) => leg.netQuantity !== 0) ?? false;

/** Statuses in which the engine watches or trades the portfolio: its definition cannot change then. */
export const isRunning = (status: PortfolioStatus): boolean => AUTOMATED_STATUSES.has(status);

export const STATUS_TONES: Readonly<Record<PortfolioStatus, BadgeTone>> = {
  DRAFT: 'neutral',
  WAITING_ENTRY: 'info',
  ENTERING: 'warning',
  ACTIVE: 'success',
  EXITING: 'warning',
  CLOSED: 'neutral',
  FAILED: 'danger',
  STOPPED: 'neutral',
};

/** "WAITING ENTRY": the status as the badge shows it. */
export const statusText = (status: PortfolioStatus): string => status.replaceAll('_', ' ');

/** "Current week": an expiry choice as a select option. */
export const expiryChoiceText = (choice: ExpiryChoice): string => {
  const label = EXPIRY_CHOICE_LABELS[choice];
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
};

const lots = (count: number): string => `${count} ${count === 1 ? 'lot' : 'lots'}`;

/** "SELL 1 lot CE ATM+4 (next week)": a leg as the start dialog lists it. */
export function legText(leg: Pick<PortfolioLeg, 'side' | 'kind' | 'strike' | 'lots' | 'expiry'>): string {
  const what = leg.kind === 'FUT' ? 'FUT' : describeStrikeWish(leg.strike, leg.kind);
  const expiry = leg.expiry === null ? '' : ` (${EXPIRY_CHOICE_LABELS[leg.expiry]})`;
  return `${leg.side} ${lots(leg.lots)} ${what}${expiry}`;
}

const DIRECTIONS = { UP: 'breaks above the high', DOWN: 'breaks below the low', EITHER: 'breaks out either way' } as const;

/** The entry rule in a sentence: "Immediately", "At 09:20 IST", "When the underlying breaks above …". */
export function entryText(entry: EntrySettings): string {
  const { rule } = entry;
  const base =
    rule.kind === 'IMMEDIATE'
      ? 'Immediately'
      : rule.kind === 'AT_TIME'
        ? `At ${rule.time} IST`
        : `When the ${rule.source === 'UNDERLYING' ? 'underlying' : 'combined premium'} ${DIRECTIONS[rule.direction]} of its ${rule.windowStart}–${rule.windowEnd} IST range`;
  const conditions = entry.conditions.map(
    (condition) => `the underlying is ${condition.kind === 'UNDERLYING_ABOVE' ? 'above' : 'below'} ${rupeesLabel(condition.level)}`,
  );
  return conditions.length === 0 ? base : `${base}, if ${conditions.join(' and ')}`;
}

/** "₹1,234.50 credit" (received) / "₹500 debit" (paid) / "₹0". */
export function netPremiumText(net: Paise): string {
  if (net === 0) return rupeesLabel(net);
  return `${rupeesLabel(Math.abs(net) as Paise)} ${net > 0 ? 'credit' : 'debit'}`;
}

/** A whole-paise P&L figure with its sign: "+₹2,340", "−₹1,120.50"; "Unlimited" when null. */
export function pnlFigure(amount: number | null): string {
  if (amount === null) return 'Unlimited';
  const rounded = Math.round(amount) as Paise;
  return `${rounded > 0 ? '+' : ''}${rupeesLabel(rounded)}`;
}

/** An underlying level (paise, maybe fractional at a breakeven) as traders quote it: "24,312.35". */
export function levelText(level: number): string {
  return rupeesLabel(Math.round(level) as Paise).replace('₹', '');
}

/** "63.2%"; em dash when it cannot be estimated (no volatility yet). */
export const probabilityText = (probability: number | null): string => (probability === null ? '—' : `${(probability * 100).toFixed(1)}%`);

const ACTION_LABELS: Readonly<Record<PortfolioActionKind, string>> = {
  ARMED: 'Armed',
  ENTRY_TRIGGERED: 'Entry triggered',
  LEG_ORDER: 'Leg order',
  LEG_FILLED: 'Leg filled',
  LEG_FAILED: 'Leg failed',
  ENTERED: 'Entered',
  UNWOUND: 'Unwound',
  EXIT_TRIGGERED: 'Exit triggered',
  EXITED: 'Exited',
  LEG_TARGET: 'Leg target',
  LEG_STOP: 'Leg stop',
  STOP_MOVED: 'Stop moved',
  HEDGE: 'Hedge',
  REENTRY: 'Re-entry',
  STOPPED: 'Stopped',
  ALERT: 'Alert',
};

export const actionText = (kind: PortfolioActionKind): string => ACTION_LABELS[kind];
