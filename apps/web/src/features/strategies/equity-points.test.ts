import { describe, expect, it } from 'vitest';
import { asInstrumentId, paise, type ClosedTrade } from '@strikedesk/domain';
import { equityPoints } from './equity-points.ts';
import { openPositionText, winRateText } from './performance-text.ts';

const trade = (openedAt: number, closedAt: number, pnl: number): ClosedTrade => ({
  instrumentId: asInstrumentId('NFO:NIFTY26DECFUT'),
  direction: 'LONG',
  quantity: 75,
  openedAt,
  closedAt,
  entryValue: paise(100_000),
  exitValue: paise(100_000 + pnl),
  pnl: paise(pnl),
});

describe('strategy performance display', () => {
  it('starts the equity curve at zero and keeps one point per second', () => {
    const trades = [trade(10_000, 20_000, 1_050), trade(20_100, 20_600, -300), trade(21_000, 40_000, 500)];
    const equity = [
      { at: 20_000, equity: paise(1_050) },
      { at: 20_600, equity: paise(750) },
      { at: 40_000, equity: paise(1_250) },
    ];
    expect(equityPoints({ trades, equity })).toEqual([
      { timeMs: 10_000, value: 0 },
      { timeMs: 20_600, value: 7.5 },
      { timeMs: 40_000, value: 12.5 },
    ]);
    // Opened and closed within a second: the zero still comes first, a second earlier.
    expect(equityPoints({ trades: [trade(5_500, 5_900, 100)], equity: [{ at: 5_900, equity: paise(100) }] })).toEqual([
      { timeMs: 4_900, value: 0 },
      { timeMs: 5_900, value: 1 },
    ]);
    expect(equityPoints({ trades: [], equity: [] })).toEqual([]);
  });

  it('reads the win rate and open units', () => {
    const trades = [trade(0, 1, 100), trade(1, 2, -100), trade(2, 3, 0)];
    expect(winRateText({ winRate: 1 / 3, wins: 1, losses: 1, trades })).toBe('33.3% (1 won, 1 lost of 3)');
    expect(winRateText({ winRate: null, wins: 0, losses: 0, trades: [] })).toBe('—');
    const open = [{ instrumentId: asInstrumentId('NFO:NIFTY26DECFUT'), quantity: -75 }];
    expect(openPositionText(open)).toBe('-75 NFO:NIFTY26DECFUT');
    expect(openPositionText(open, new Map([['NFO:NIFTY26DECFUT', 'NIFTY DEC FUT']]))).toBe('-75 NIFTY DEC FUT');
    expect(openPositionText([])).toBe('flat');
  });
});
