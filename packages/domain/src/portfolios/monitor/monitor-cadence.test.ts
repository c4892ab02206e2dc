import { describe, expect, it } from 'vitest';
import { MonitoringSchema, type Monitoring } from '../portfolio-definition.ts';
import { candleBoundaryAtOrBefore, EVERY_TICK_HEARTBEAT_MS, nextTimerDelayMs, shouldEvaluate } from './monitor-cadence.ts';

const at = (hhmm: string, seconds = 0, date = '2026-03-02'): number => Date.parse(`${date}T${hhmm}:00+05:30`) + seconds * 1_000;
const monitoringOf = (input: Partial<Monitoring>): Monitoring => MonitoringSchema.parse(input);

/** Calls at the given instants as the engine would, recording lastEvaluatedAt; the steps that evaluated. */
function evaluatedSteps(monitoring: Monitoring, times: readonly number[], cause: 'TICK' | 'TIMER' = 'TICK'): number[] {
  let last: number | null = null;
  const steps: number[] = [];
  for (const [step, now] of times.entries()) {
    if (shouldEvaluate(monitoring, last, now, cause)) {
      steps.push(step);
      last = now;
    }
  }
  return steps;
}

describe('shouldEvaluate', () => {
  it('EVERY_TICK: every call', () => {
    expect(evaluatedSteps(monitoringOf({ mode: 'EVERY_TICK' }), [at('10:00'), at('10:00'), at('10:00', 1)])).toEqual([0, 1, 2]);
    expect(evaluatedSteps(monitoringOf({ mode: 'EVERY_TICK' }), [at('10:00'), at('10:00', 1)], 'TIMER')).toEqual([0, 1]);
  });
  it('INTERVAL: first call, then once everySeconds have passed since the last evaluation', () => {
    const seconds = [0, 1, 4, 5, 6, 9.999, 10, 30];
    const times = seconds.map((s) => at('10:00') + s * 1_000);
    expect(evaluatedSteps(monitoringOf({ mode: 'INTERVAL', everySeconds: 5 }), times)).toEqual([0, 3, 6, 7]);
  });
  it('CANDLE_CLOSE: once per 5-minute candle, at the first call at or after each boundary', () => {
    const times = [at('09:16'), at('09:19', 59), at('09:20'), at('09:21'), at('09:24', 59), at('09:26'), at('09:27'), at('09:40')];
    expect(evaluatedSteps(monitoringOf({ mode: 'CANDLE_CLOSE', candleMinutes: 5 }), times)).toEqual([0, 2, 5, 7]);
  });
  it('CANDLE_CLOSE: evaluates at the first call of a new day', () => {
    const monitoring = monitoringOf({ mode: 'CANDLE_CLOSE', candleMinutes: 15 });
    expect(shouldEvaluate(monitoring, at('15:29'), at('09:15', 0, '2026-03-03'), 'TIMER')).toBe(true);
    expect(shouldEvaluate(monitoring, at('15:29'), at('15:30'), 'TIMER')).toBe(true);
    expect(shouldEvaluate(monitoring, at('15:30'), at('15:44', 59), 'TIMER')).toBe(false);
  });
});

describe('candleBoundaryAtOrBefore', () => {
  it('aligns candles to the 09:15 session open, not to the hour', () => {
    expect(candleBoundaryAtOrBefore(60, at('10:14'))).toBe(at('09:15'));
    expect(candleBoundaryAtOrBefore(60, at('10:15'))).toBe(at('10:15'));
    expect(candleBoundaryAtOrBefore(7, at('15:29'))).toBe(at('15:26'));
  });
});

describe('nextTimerDelayMs', () => {
  it('EVERY_TICK keeps a heartbeat', () => {
    expect(nextTimerDelayMs(monitoringOf({ mode: 'EVERY_TICK' }), at('10:00'))).toBe(EVERY_TICK_HEARTBEAT_MS);
  });
  it('INTERVAL: the rest of the interval', () => {
    const monitoring = monitoringOf({ mode: 'INTERVAL', everySeconds: 5 });
    expect(nextTimerDelayMs(monitoring, at('10:00'))).toBe(5_000);
    expect(nextTimerDelayMs(monitoring, at('10:00', 3), at('10:00'))).toBe(2_000);
    expect(nextTimerDelayMs(monitoring, at('10:00', 9), at('10:00'))).toBe(0);
    expect(nextTimerDelayMs(monitoring, at('10:00'), null)).toBe(0);
  });
  it('CANDLE_CLOSE: to the next boundary, or now when one is unevaluated', () => {
    const monitoring = monitoringOf({ mode: 'CANDLE_CLOSE', candleMinutes: 5 });
    expect(nextTimerDelayMs(monitoring, at('09:21', 30))).toBe(3.5 * 60_000);
    expect(nextTimerDelayMs(monitoring, at('09:26'), at('09:24'))).toBe(0);
    // Waking at the delay lands on the boundary, where shouldEvaluate says yes.
    const wake = at('09:21', 30) + nextTimerDelayMs(monitoring, at('09:21', 30));
    expect(shouldEvaluate(monitoring, at('09:21', 30), wake, 'TIMER')).toBe(true);
  });
});
