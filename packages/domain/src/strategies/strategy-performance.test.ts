import { describe, expect, it } from 'vitest';
import type { StrategyId } from '../ids.ts';
import { paise } from '../money.ts';
import { strategyPerformance, type StrategyFill } from './strategy-performance.ts';

const ID = 'strategy-1' as StrategyId;
const fill = (at: number, side: 'BUY' | 'SELL', quantity: number, price: number): StrategyFill => ({ at, instrumentId: 'NFO:NIFTY26DECFUT', side, quantity, value: paise(price * quantity) });

describe('strategyPerformance', () => {
  it('matches round trips first-in first-out and computes equity, drawdown and win rate', () => {
    const result = strategyPerformance(ID, [
      fill(1, 'BUY', 65, 100_00),
      fill(2, 'SELL', 65, 110_00), // +650.00
      fill(3, 'SELL', 130, 120_00),
      fill(4, 'BUY', 65, 125_00), // −325.00
      fill(5, 'BUY', 65, 130_00), // −650.00
      fill(6, 'BUY', 65, 90_00), // open long 65
    ]);
    expect(result.trades.map((trade) => [trade.direction, trade.quantity, trade.pnl])).toEqual([
      ['LONG', 65, 65_000],
      ['SHORT', 65, -32_500],
      ['SHORT', 65, -65_000],
    ]);
    expect(result.equity.map((point) => point.equity)).toEqual([65_000, 32_500, -32_500]);
    expect(result.realizedPnl).toBe(-32_500);
    expect(result.maxDrawdown).toBe(97_500);
    expect(result).toMatchObject({ wins: 1, losses: 2, winRate: 1 / 3, open: [{ instrumentId: 'NFO:NIFTY26DECFUT', quantity: 65 }] });
  });

  it('splits a fill across lots without losing a paisa', () => {
    // Bought 3 units for 10.01 total (not divisible by 3), sold them in 3 pieces at 5.00 each.
    const fills: StrategyFill[] = [
      { at: 1, instrumentId: 'NFO:X', side: 'BUY', quantity: 3, value: paise(1001) },
      { at: 2, instrumentId: 'NFO:X', side: 'SELL', quantity: 1, value: paise(500) },
      { at: 3, instrumentId: 'NFO:X', side: 'SELL', quantity: 1, value: paise(500) },
      { at: 4, instrumentId: 'NFO:X', side: 'SELL', quantity: 1, value: paise(500) },
    ];
    const result = strategyPerformance(ID, fills);
    expect(result.trades.reduce((sum, trade) => sum + trade.entryValue, 0)).toBe(1001);
    expect(result.realizedPnl).toBe(1500 - 1001);
  });

  it('is empty before the first closed trade', () => {
    expect(strategyPerformance(ID, [fill(1, 'BUY', 65, 100_00)])).toMatchObject({ trades: [], winRate: null, maxDrawdown: 0 });
  });
});
