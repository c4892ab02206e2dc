import type { HaltKind, TradingHalt } from '@strikedesk/domain';

const KIND_TITLES: Record<HaltKind, string> = {
  KILL_SWITCH: 'Kill switch engaged',
  RECONCILIATION: 'Trading blocked for reconciliation',
  DAILY_LOSS: 'Daily loss limit reached',
  BROKER_SESSION: 'Broker session ended — reconnect',
};

export const haltTitle = (halt: Pick<TradingHalt, 'kind'>): string => KIND_TITLES[halt.kind];

/** Seen by the affected trader: their own account, or everyone's. */
export const haltScopeText = (halt: Pick<TradingHalt, 'scope'>): string => (halt.scope === 'GLOBAL' ? 'for every account' : 'on your account');

/**
 * Who engaged it, as the affected trader can tell: a trader may only halt their own account, and
 * only admins halt others' or everyone's, so anyone else is an admin; null is the engine itself.
 */
export function haltEngagedByText(halt: Pick<TradingHalt, 'engagedBy'>, myUserId: string): string {
  if (halt.engagedBy === null) return 'by the engine';
  return halt.engagedBy === myUserId ? 'by you' : 'by an admin';
}

const IST = 'Asia/Kolkata';
const timeFormat = new Intl.DateTimeFormat('en-IN', { timeZone: IST, hour: '2-digit', minute: '2-digit', hour12: false });
const dateTimeFormat = new Intl.DateTimeFormat('en-IN', { timeZone: IST, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false });
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: IST, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "14:32 IST" today, "4 Dec, 14:32 IST" on another day (Indian market time whatever the browser's zone). */
export function istTimeText(epochMs: number, now: number = Date.now()): string {
  const sameDay = dayFormat.format(epochMs) === dayFormat.format(now);
  return `${(sameDay ? timeFormat : dateTimeFormat).format(epochMs)} IST`;
}

/** The banner's sentence: what, where, since when, by whom and why. */
export function haltSentence(halt: TradingHalt, myUserId: string, now: number = Date.now()): string {
  return `${haltTitle(halt)} ${haltScopeText(halt)} since ${istTimeText(halt.engagedAt, now)} ${haltEngagedByText(halt, myUserId)}: ${halt.reason}`;
}

/**
 * What the trader may still do, and what ends the halt — it differs by kind: the engine releases a
 * broker-session halt itself on reconnecting, and that account can route no order at all meanwhile
 * (not even a square-off); a daily-loss stop still lets the trader reduce positions towards flat.
 * Under a kill switch or a reconciliation block only the engine's square-off gets through (the halt
 * book lets exit origins pass, not a closing order from the ticket or an exit alert), so the text
 * names where that is: "squaring off" alone read as "any closing order", and a trader relying on
 * TradingView's exit alert or a ticket SELL stayed in the position.
 */
const KIND_CONSEQUENCES: Record<HaltKind, string> = {
  KILL_SWITCH: 'New orders are refused until an admin releases it — closing orders and TradingView alerts (exits included) too; Square off on Positions still works.',
  RECONCILIATION: 'New orders are refused until an admin releases it — closing orders and TradingView alerts (exits included) too; Square off on Positions still works.',
  DAILY_LOSS:
    'New orders are refused until an admin releases it; orders and TradingView alerts that only reduce a position towards flat are still allowed.',
  BROKER_SESSION: 'Every order, squaring off and TradingView alerts included, is refused until you reconnect the broker account; trading resumes by itself once it is reconnected.',
};

export const haltConsequence = (halt: Pick<TradingHalt, 'kind'>): string => KIND_CONSEQUENCES[halt.kind];

/** Order ids the engine recorded on the halt (cancelled orders, square-off orders). */
export function detailIds(halt: Pick<TradingHalt, 'details'>, key: 'canceledOrderIds' | 'exitOrderIds'): string[] {
  const value = halt.details[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export type HaltMismatch = { kind: string; key: string; message: string };

/** What reconciliation found that it could not explain (RECONCILIATION halts). */
export function haltMismatches(halt: Pick<TradingHalt, 'details'>): HaltMismatch[] {
  const value = halt.details['mismatches'];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const record = item as Record<string, unknown>;
    return typeof record['message'] === 'string'
      ? [{ kind: String(record['kind'] ?? ''), key: String(record['key'] ?? ''), message: record['message'] }]
      : [];
  });
}

/**
 * What the order ticket says before sending while a halt stops the account's orders (the engine
 * would deny the order; the trader should know before pressing BUY). Null when nothing is halted.
 */
export function ticketHaltNotice(halts: readonly Pick<TradingHalt, 'kind' | 'scope'>[]): string | null {
  const halt = halts[0];
  if (!halt) return null;
  return `Trading halted — ${haltTitle(halt).toLowerCase()} ${haltScopeText(halt)}. ${haltConsequence(halt)}`;
}
