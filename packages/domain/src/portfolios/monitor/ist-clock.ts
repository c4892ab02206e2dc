import { istDayNumber, istDayStart } from '../../trading-day.ts';

/**
 * Wall-clock reading in IST for the monitor rules. The rules never read a clock: the engine passes
 * `now` as epoch ms, so a scripted test (or a replay) sees exactly what the live engine saw.
 */

const MINUTE_MS = 60_000;

/** NSE's normal session opens at 09:15 IST; candles for CANDLE_CLOSE monitoring are aligned to it. */
export const SESSION_OPEN_MINUTE = 9 * 60 + 15;
/** ... and closes at 15:30 IST (the engine refuses orders from then: MARKET_CLOSED). */
export const SESSION_CLOSE_MINUTE = 15 * 60 + 30;

/** The IST trading day of an instant: the same day numbering as trading-day.ts (range resets, journals). */
export const istDayOf = istDayNumber;

/** Minutes since 00:00 IST, 0..1439. Measured from the IST day start, so instants before 1970 work too. */
export const istMinuteOfDay = (epochMs: number): number => Math.floor((epochMs - istDayStart(istDayNumber(epochMs))) / MINUTE_MS);

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM` (IST, 24 h) → minutes since midnight. Throws on text the definition schema would have refused. */
export function parseIstTime(text: string): number {
  const match = HH_MM.exec(text);
  if (!match) throw new RangeError(`not an HH:MM time: ${JSON.stringify(text)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes since midnight → `HH:MM`, for messages. */
export const formatIstMinute = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
