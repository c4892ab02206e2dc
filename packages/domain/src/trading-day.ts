/**
 * IST trading days as integers (days since 1970-01-01 in India Standard Time, UTC+05:30, no
 * daylight saving): cheap to compare on every fill and order, turned into ISO dates for display.
 */
const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

export const istDayNumber = (epochMs: number): number => Math.floor((epochMs + IST_OFFSET_MS) / DAY_MS);

/** YYYY-MM-DD of an IST day number; '' for -1 (no day yet). */
export const istDayToIsoDate = (day: number): string => (day < 0 ? '' : new Date(day * DAY_MS).toISOString().slice(0, 10));

/** The IST day number of a YYYY-MM-DD date (NaN for one that is not a date). */
export const isoDateToIstDay = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

/** Epoch ms at which an IST day begins (00:00 IST). */
export const istDayStart = (day: number): number => day * DAY_MS - IST_OFFSET_MS;
