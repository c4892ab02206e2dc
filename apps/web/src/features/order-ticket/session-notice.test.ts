import { describe, expect, it } from 'vitest';
import { marketSession as session } from '../shell/market-session.fixture.ts';
import { sessionNotice } from './session-notice.ts';

describe('sessionNotice (order ticket)', () => {
  it('says nothing while the market is open and before the MIS cut-off, or while the session is unknown', () => {
    expect(sessionNotice(session({}), 'MIS')).toBeNull();
    expect(sessionNotice(undefined, 'MIS')).toBeNull();
  });

  it('warns an MIS order past the cut-off in the engine refusal’s words, and only an MIS order', () => {
    const past = session({ intradaySquareOff: { at: '15:15', passed: true } });
    expect(sessionNotice(past, 'MIS')).toBe(
      'Intraday (MIS) positions are squared off from 15:15 IST: an MIS order may now only reduce an open MIS position. Place it as NRML to open or add.',
    );
    expect(sessionNotice(past, 'NRML')).toBeNull();
  });

  it('warns every order while the market is closed, saying why, with the session hours', () => {
    const closed = session({ closed: 'AFTER_CLOSE', intradaySquareOff: { at: '15:15', passed: true } });
    expect(sessionNotice(closed, 'NRML')).toBe('The market is closed for the day (NSE 09:15–15:30 IST, Monday to Friday): orders are refused until it opens.');
    expect(sessionNotice(closed, 'MIS')).toBe(sessionNotice(closed, 'NRML'));
    expect(sessionNotice(session({ closed: 'HOLIDAY' }), 'NRML')).toMatch(/^The market is closed today \(an NSE holiday\)/);
    expect(sessionNotice(session({ closed: 'WEEKEND' }), 'NRML')).toMatch(/^The market is closed at the weekend/);
  });
});
