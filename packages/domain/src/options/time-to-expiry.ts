/**
 * Time to expiry for option models: calendar time from now to the contract's expiry at 15:30 IST
 * (the close of NSE's F&O session), in years of 365 days — ACT/365, continuous, weekends and holidays
 * included (docs/adr/0007-options-conventions.md explains why calendar rather than trading time).
 */

export const MILLISECONDS_PER_YEAR = 365 * 86_400_000;
/** 15:30 IST = 10:00 UTC (India has no daylight saving). */
const EXPIRY_UTC_OFFSET_MS = 10 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch milliseconds of 15:30 IST on an expiry date given as YYYY-MM-DD. */
export function expiryInstantMs(expiryDate: string): number {
  const match = ISO_DATE.exec(expiryDate);
  if (!match) throw new RangeError(`expiry date must be YYYY-MM-DD, got "${expiryDate}"`);
  const [, year = '', month = '', day = ''] = match;
  const midnightUtc = Date.UTC(Number(year), Number(month) - 1, Number(day));
  if (new Date(midnightUtc).toISOString().slice(0, 10) !== expiryDate) {
    throw new RangeError(`not a calendar date: "${expiryDate}"`);
  }
  return midnightUtc + EXPIRY_UTC_OFFSET_MS;
}

/** Years (ACT/365) from `nowEpochMs` to the expiry instant; 0 at and after expiry. */
export function timeToExpiryYears(expiryDate: string, nowEpochMs: number): number {
  const remaining = expiryInstantMs(expiryDate) - nowEpochMs;
  return remaining > 0 ? remaining / MILLISECONDS_PER_YEAR : 0;
}
