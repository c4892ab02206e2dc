import type { UTCTimestamp } from 'lightweight-charts';

/** NSE's time zone, IST (UTC+5:30): what a trader reads on an axis, whatever zone the browser runs in. */
export const IST_UTC_OFFSET_MINUTES = 330;

/**
 * lightweight-charts labels its time axis as UTC, so a point is placed at its instant shifted by the
 * zone's offset to read as that zone's clock (09:15 IST, not 03:45). Whole seconds: the library's unit.
 */
export const chartTime = (timeMs: number, utcOffsetMinutes: number = IST_UTC_OFFSET_MINUTES): UTCTimestamp =>
  Math.floor((timeMs + utcOffsetMinutes * 60_000) / 1000) as UTCTimestamp;
