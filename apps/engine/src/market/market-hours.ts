import { SESSION_CLOSE_MINUTE, SESSION_OPEN_MINUTE, type MarketClosedReason } from '@strikedesk/domain';

/** NSE's normal session, 09:15–15:30 IST, Monday to Friday. IST is UTC+05:30 with no daylight saving. */
const IST_OFFSET_MS = 330 * 60_000;

/** Null while NSE's normal session is open; otherwise why it is not. */
export function nseClosedReason(epochMs: number, holidays: ReadonlySet<string> = new Set()): MarketClosedReason | null {
  const ist = new Date(epochMs + IST_OFFSET_MS);
  const weekday = ist.getUTCDay();
  if (weekday === 0 || weekday === 6) return 'WEEKEND';
  if (holidays.has(ist.toISOString().slice(0, 10))) return 'HOLIDAY';
  const minute = ist.getUTCHours() * 60 + ist.getUTCMinutes();
  if (minute < SESSION_OPEN_MINUTE) return 'BEFORE_OPEN';
  return minute < SESSION_CLOSE_MINUTE ? null : 'AFTER_CLOSE';
}

export const isNseSessionOpen = (epochMs: number, holidays: ReadonlySet<string> = new Set()): boolean => nseClosedReason(epochMs, holidays) === null;

/** Expiry instant: 15:30 IST on the expiry date. */
export const expiryInstant = (isoDate: string): number => Date.parse(`${isoDate}T10:00:00Z`);
