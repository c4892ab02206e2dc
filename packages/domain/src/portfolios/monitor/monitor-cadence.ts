import { istDayStart } from '../../trading-day.ts';
import type { Monitoring } from '../portfolio-definition.ts';
import { istDayOf, SESSION_OPEN_MINUTE } from './ist-clock.ts';

/**
 * When the exit rules look at the portfolio. EVERY_TICK: on every tick (and on timers, harmless).
 * INTERVAL: at most every `everySeconds`. CANDLE_CLOSE: once per `candleMinutes` candle, at the
 * first call at or after a candle boundary not yet evaluated; candles are IST and aligned to the
 * 09:15 session open, so the boundaries are 09:15 + k·N minutes each day (a 7-minute candle's last
 * boundary is 15:26; 15:26–15:30 never closes in the session: use exitAt for the end of the day).
 * A portfolio never evaluated (lastEvaluatedAt null) is evaluated at once in every mode.
 */

const MINUTE_MS = 60_000;

/** Wake-up period the engine should keep in EVERY_TICK mode, so time-based rules fire on a quiet tape. */
export const EVERY_TICK_HEARTBEAT_MS = 1_000;

/** The latest candle boundary at or before `now` (epoch ms). */
export function candleBoundaryAtOrBefore(candleMinutes: number, now: number): number {
  const sessionOpen = istDayStart(istDayOf(now)) + SESSION_OPEN_MINUTE * MINUTE_MS;
  const length = candleMinutes * MINUTE_MS;
  return sessionOpen + Math.floor((now - sessionOpen) / length) * length;
}

export function shouldEvaluate(monitoring: Monitoring, lastEvaluatedAt: number | null, now: number, cause: 'TICK' | 'TIMER'): boolean {
  // The cause does not change the answer: a timer lets INTERVAL and CANDLE_CLOSE act without a tick.
  void cause;
  if (lastEvaluatedAt === null) return true;
  switch (monitoring.mode) {
    case 'EVERY_TICK':
      return true;
    case 'INTERVAL':
      return now - lastEvaluatedAt >= monitoring.everySeconds * 1_000;
    case 'CANDLE_CLOSE':
      return lastEvaluatedAt < candleBoundaryAtOrBefore(monitoring.candleMinutes, now);
  }
}

/**
 * Milliseconds until the engine should call shouldEvaluate with cause TIMER (0: now).
 * `lastEvaluatedAt` defaults to `now` (the usual call, right after an evaluation): the delay is then
 * to the next slot. Pass the stored value after a call that did not evaluate, so a due evaluation
 * is not postponed (null: never evaluated, due now).
 */
export function nextTimerDelayMs(monitoring: Monitoring, now: number, lastEvaluatedAt: number | null = now): number {
  if (monitoring.mode === 'EVERY_TICK') return EVERY_TICK_HEARTBEAT_MS;
  if (lastEvaluatedAt === null) return 0;
  if (monitoring.mode === 'INTERVAL') return Math.max(0, lastEvaluatedAt + monitoring.everySeconds * 1_000 - now);
  const boundary = candleBoundaryAtOrBefore(monitoring.candleMinutes, now);
  return lastEvaluatedAt < boundary ? 0 : boundary + monitoring.candleMinutes * MINUTE_MS - now;
}
