import { describe, expect, it } from 'vitest';
import { marketSession as session } from './market-session.fixture.ts';
import { sessionLabel, sessionTitle } from './session-label.ts';

describe('sessionLabel (header)', () => {
  it('reads the market state and the MIS cut-off', () => {
    expect(sessionLabel(session({}))).toBe('Market open · MIS till 15:15');
    expect(sessionLabel(session({ intradaySquareOff: { at: '15:15', passed: true } }))).toBe('Market open · MIS cut off at 15:15');
    expect(sessionLabel(session({ intradaySquareOff: null }))).toBe('Market open');
  });

  it('says why the market is closed', () => {
    expect(sessionLabel(session({ closed: 'BEFORE_OPEN' }))).toBe('Market opens 09:15');
    expect(sessionLabel(session({ closed: 'AFTER_CLOSE', intradaySquareOff: { at: '15:15', passed: true } }))).toBe('Market closed');
    expect(sessionLabel(session({ closed: 'HOLIDAY' }))).toBe('Market closed · NSE holiday');
    expect(sessionLabel(session({ closed: 'WEEKEND' }))).toBe('Market closed · weekend');
  });

  it('never calls an always-open engine "market open": it only means the hours are not checked', () => {
    expect(sessionLabel(session({ alwaysOpen: true, intradaySquareOff: null }))).toBe('Hours not checked');
    expect(sessionLabel(session({ alwaysOpen: true }))).toBe('Hours not checked · MIS till 15:15');
    expect(sessionTitle(session({ alwaysOpen: true }))).toMatch(/a live broker still refuses them outside NSE 09:15–15:30 IST/);
    expect(sessionTitle(session({}))).toBe('NSE 09:15–15:30 IST, Monday to Friday');
  });
});
