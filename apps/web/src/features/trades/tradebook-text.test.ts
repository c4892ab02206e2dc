import { describe, expect, it } from 'vitest';
import { paise, type Trade } from '@strikedesk/domain';
import { emptyText, rangeProblem, shownTrades, todayRange, totalsText, tradeTotals, truncatedText, TRADES_SHOWN } from './tradebook-text.ts';

const trade = (side: Trade['side'], value: number) => ({ side, value: paise(value) }) as Trade;

describe('the tradebook texts', () => {
  it('opens on the IST day, which begins at 18:30 UTC', () => {
    expect(todayRange(Date.UTC(2026, 11, 7, 18, 29))).toEqual({ from: '2026-12-07', to: '2026-12-07' });
    expect(todayRange(Date.UTC(2026, 11, 7, 18, 30))).toEqual({ from: '2026-12-08', to: '2026-12-08' });
  });

  it('says why dates cannot be asked for, as the server would', () => {
    expect(rangeProblem('2026-12-01', '2026-12-07')).toBeNull();
    expect(rangeProblem('', '2026-12-07')).toBe('Choose both dates.');
    expect(rangeProblem('2026-02-30', '2026-12-07')).toBe('Enter dates as YYYY-MM-DD.');
    expect(rangeProblem('2026-12-07', '2026-12-01')).toBe('The start date 2026-12-07 is after the end date 2026-12-01.');
    expect(rangeProblem('2025-12-01', '2026-12-07')).toBe('372 days asked; choose at most 366 days at a time.');
  });

  it('totals what was bought and sold, exactly', () => {
    const totals = tradeTotals([trade('BUY', 12_345_650), trade('SELL', 9_876_500), trade('BUY', 1)]);
    expect(totals).toEqual({ count: 3, bought: 12_345_651, sold: 9_876_500 });
    expect(totalsText(totals)).toBe('3 trades · bought ₹1,23,456.51 · sold ₹98,765');
    expect(totalsText(tradeTotals([trade('SELL', 100)]))).toBe('1 trade · bought ₹0 · sold ₹1');
  });

  it('says which days had no trades', () => {
    expect(emptyText({ from: '2026-12-07', to: '2026-12-07' }, '2026-12-07')).toBe('No trades today.');
    expect(emptyText({ from: '2026-12-04', to: '2026-12-04' }, '2026-12-07')).toBe('No trades on 2026-12-04.');
    expect(emptyText({ from: '2026-12-01', to: '2026-12-07' }, '2026-12-07')).toBe('No trades from 2026-12-01 to 2026-12-07.');
  });

  it('draws at most the newest trades of a long book in the grid, and says so', () => {
    const book = Array.from({ length: TRADES_SHOWN + 5 }, (_, index) => ({ tradeId: `T-${index}` }) as Trade);
    const shown = shownTrades(book);
    expect(shown).toHaveLength(TRADES_SHOWN);
    expect(shown[0]?.tradeId).toBe('T-5');
    expect(shown.at(-1)?.tradeId).toBe(`T-${TRADES_SHOWN + 4}`);
    expect(shownTrades(book.slice(0, 3))).toHaveLength(3);
    expect(truncatedText(12_345, 2_000)).toBe('Showing the newest 2,000 of 12,345 trades; the totals cover them all. Download Excel or CSV for every trade, or choose fewer days.');
    expect(truncatedText(3, 3)).toBeNull();
  });
});
