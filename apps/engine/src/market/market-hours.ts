/** NSE's normal session, 09:15–15:30 IST, Monday to Friday. IST is UTC+05:30 with no daylight saving. */
const IST_OFFSET_MS = 330 * 60_000;
export const OPEN_MINUTE = 9 * 60 + 15;
export const CLOSE_MINUTE = 15 * 60 + 30;

export function isNseSessionOpen(epochMs: number, holidays: ReadonlySet<string> = new Set()): boolean {
  const ist = new Date(epochMs + IST_OFFSET_MS);
  const weekday = ist.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if (holidays.has(ist.toISOString().slice(0, 10))) return false;
  const minute = ist.getUTCHours() * 60 + ist.getUTCMinutes();
  return minute >= OPEN_MINUTE && minute < CLOSE_MINUTE;
}

/** Expiry instant: 15:30 IST on the expiry date. */
export const expiryInstant = (isoDate: string): number => Date.parse(`${isoDate}T10:00:00Z`);
