import { describe, expect, it } from 'vitest';
import type { MarketSession } from '@strikedesk/domain';
import { sessionLabel } from '../shell/session-label.ts';
import { sessionNotice } from './session-notice.ts';

const session = (overrides: Partial<MarketSession>): MarketSession => ({
  at: Date.UTC(2026, 11, 9, 9, 30),
  open: true,
  alwaysOpen: false,
  hours: { opens: '09:15', closes: '15:30' },
  intradaySquareOff: { at: '15:15', passed: false },
  ...overrides,
});

describe('sessionNotice (order ticket)', () => {
  it('says nothing while the market is open and before the MIS cut-off, or while the session is unknown', () => {
    expect(sessionNotice(session({}), 'MIS')).toBeNull();
    expect(sessionNotice(undefined, 'MIS')).toBeNull();
  });

  it('warns an MIS order past the cut-off, and only an MIS order', () => {
    const past = session({ intradaySquareOff: { at: '15:15', passed: true } });
    expect(sessionNotice(past, 'MIS')).toMatch(/squared off since 15:15 IST: an MIS order may only reduce an open MIS position/);
    expect(sessionNotice(past, 'NRML')).toBeNull();
  });

  it('warns every order while the market is closed, with the session hours', () => {
    const closed = session({ open: false, intradaySquareOff: { at: '15:15', passed: true } });
    expect(sessionNotice(closed, 'NRML')).toBe('The market is closed (NSE 09:15–15:30 IST, Monday to Friday): orders are refused until it opens.');
    expect(sessionNotice(closed, 'MIS')).toBe(sessionNotice(closed, 'NRML'));
  });
});

describe('sessionLabel (header)', () => {
  it('reads the market state and the MIS cut-off', () => {
    expect(sessionLabel(session({}))).toBe('Market open · MIS till 15:15');
    expect(sessionLabel(session({ intradaySquareOff: { at: '15:15', passed: true } }))).toBe('Market open · MIS squared off at 15:15');
    expect(sessionLabel(session({ open: false }))).toBe('Market closed');
    expect(sessionLabel(session({ alwaysOpen: true, intradaySquareOff: null }))).toBe('Sandbox market · always open');
  });
});
