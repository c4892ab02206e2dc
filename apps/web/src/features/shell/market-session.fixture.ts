import type { MarketSession } from '@strikedesk/domain';

/** An NSE session, open, with the default MIS cut-off not yet passed — for tests, changed by `overrides`. */
export const marketSession = (overrides: Partial<MarketSession> = {}): MarketSession => ({
  at: Date.UTC(2026, 11, 9, 9, 30),
  closed: null,
  alwaysOpen: false,
  hours: { opens: '09:15', closes: '15:30' },
  intradaySquareOff: { at: '15:15', passed: false },
  ...overrides,
});
