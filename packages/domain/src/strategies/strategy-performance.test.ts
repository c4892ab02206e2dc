import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StrategyId } from '../ids.ts';
import { paise, type Paise } from '../money.ts';
import type { PositionMark } from '../position.ts';
import { strategyPerformance, type StrategyFill } from './strategy-performance.ts';
import type { StrategyMarks } from './strategy-open-position.ts';

const ID = 'strategy-1' as StrategyId;
const FUT = 'NFO:NIFTY26DECFUT';
const NO_QUOTES: StrategyMarks = { quoteOf: () => undefined, today: 0 };
const quotes = (prices: Record<string, number>): StrategyMarks => ({
  quoteOf: (instrumentId): PositionMark | undefined => {
    const lastPrice = prices[instrumentId];
    return lastPrice === undefined ? undefined : { lastPrice: paise(lastPrice), previousClose: null };
  },
  today: 0,
});
const fill = (at: number, side: 'BUY' | 'SELL', quantity: number, price: number, instrumentId = FUT): StrategyFill => ({ at, instrumentId, side, quantity, value: paise(price * quantity) });

describe('strategyPerformance', () => {
  const roundTrips = [
    fill(1, 'BUY', 65, 100_00),
    fill(2, 'SELL', 65, 110_00), // +650.00
    fill(3, 'SELL', 130, 120_00),
    fill(4, 'BUY', 65, 125_00), // −325.00
    fill(5, 'BUY', 65, 130_00), // −650.00
    fill(6, 'BUY', 65, 90_00), // open long 65
  ];

  it('matches round trips first-in first-out and computes equity, drawdown and win rate', () => {
    const result = strategyPerformance(ID, roundTrips, NO_QUOTES);
    expect(result.trades.map((trade) => [trade.direction, trade.quantity, trade.pnl])).toEqual([
      ['LONG', 65, 65_000],
      ['SHORT', 65, -32_500],
      ['SHORT', 65, -65_000],
    ]);
    expect(result.equity.map((point) => point.equity)).toEqual([65_000, 32_500, -32_500]);
    expect(result.realizedPnl).toBe(-32_500);
    expect(result.maxDrawdown).toBe(97_500);
    expect(result).toMatchObject({ wins: 1, losses: 2, winRate: 1 / 3 });
  });

  it('marks what is still open at the last price: average entry of the open lots, unrealized and total P&L', () => {
    const result = strategyPerformance(ID, roundTrips, quotes({ [FUT]: 95_00 }));
    expect(result.open).toEqual([{ instrumentId: FUT, quantity: 65, openCost: 585_000, averagePrice: 90_00, lastPrice: 95_00, unrealizedPnl: 32_500 }]);
    expect(result.unrealizedPnl).toBe(32_500);
    expect(result.totalPnl).toBe(-32_500 + 32_500);
  });

  it('marks a short at what it would cost to buy back', () => {
    // Sold 130 at 120, bought 65 back at 125: short 65 at 120 left; at 110 that is +650.00.
    const result = strategyPerformance(ID, [fill(1, 'SELL', 130, 120_00), fill(2, 'BUY', 65, 125_00)], quotes({ [FUT]: 110_00 }));
    expect(result.open).toEqual([{ instrumentId: FUT, quantity: -65, openCost: -780_000, averagePrice: 120_00, lastPrice: 110_00, unrealizedPnl: 65_000 }]);
    expect(result.realizedPnl).toBe(-32_500);
    expect(result.totalPnl).toBe(32_500);
  });

  it('says there is no price rather than marking at 0: no tick yet, or a last price of 0 (not traded)', () => {
    const fills = [fill(1, 'BUY', 65, 100_00), fill(2, 'BUY', 75, 200_00, 'NFO:A'), fill(3, 'SELL', 50, 10_00, 'NFO:B')];
    const result = strategyPerformance(ID, fills, quotes({ [FUT]: 0, 'NFO:B': 8_00 }));
    expect(result.open.map((position) => [position.instrumentId, position.lastPrice, position.unrealizedPnl])).toEqual([
      [FUT, null, null],
      ['NFO:A', null, null],
      ['NFO:B', 8_00, 10_000],
    ]);
    expect(result.unrealizedPnl).toBe(10_000); // the unpriced ones count for nothing, not for a loss
    expect(result.totalPnl).toBe(10_000);
  });

  it('keeps the open cost exact after a partial close and rounds only the average shown', () => {
    // Bought 3 units for 10.01 (not divisible by 3), sold 1 at 5.00: the sold unit took 3.34 of the cost.
    const fills: StrategyFill[] = [
      { at: 1, instrumentId: 'NFO:X', side: 'BUY', quantity: 3, value: paise(1001) },
      { at: 2, instrumentId: 'NFO:X', side: 'SELL', quantity: 1, value: paise(500) },
    ];
    const result = strategyPerformance(ID, fills, quotes({ 'NFO:X': 500 }));
    expect(result.realizedPnl).toBe(500 - 334);
    // 6.67 for 2 units: 3.335 shown as 3.34 (half away from zero); unrealized from the exact cost.
    expect(result.open).toEqual([{ instrumentId: 'NFO:X', quantity: 2, openCost: 667, averagePrice: 334, lastPrice: 500, unrealizedPnl: 1000 - 667 }]);
    expect(result.totalPnl).toBe(500 - 1001 + 2 * 500); // cash flows + marked value
  });

  it('splits a fill across lots without losing a paisa', () => {
    // Bought 3 units for 10.01 total (not divisible by 3), sold them in 3 pieces at 5.00 each.
    const fills: StrategyFill[] = [
      { at: 1, instrumentId: 'NFO:X', side: 'BUY', quantity: 3, value: paise(1001) },
      { at: 2, instrumentId: 'NFO:X', side: 'SELL', quantity: 1, value: paise(500) },
      { at: 3, instrumentId: 'NFO:X', side: 'SELL', quantity: 1, value: paise(500) },
      { at: 4, instrumentId: 'NFO:X', side: 'SELL', quantity: 1, value: paise(500) },
    ];
    const result = strategyPerformance(ID, fills, quotes({ 'NFO:X': 400 }));
    expect(result.trades.reduce((sum, trade) => sum + trade.entryValue, 0)).toBe(1001);
    expect(result.realizedPnl).toBe(1500 - 1001);
    expect(result).toMatchObject({ open: [], unrealizedPnl: 0, totalPnl: 1500 - 1001 });
  });

  it('is empty before the first closed trade', () => {
    expect(strategyPerformance(ID, [fill(1, 'BUY', 65, 100_00)], NO_QUOTES)).toMatchObject({ trades: [], winRate: null, maxDrawdown: 0, unrealizedPnl: 0, totalPnl: 0 });
  });

  it('realized + unrealized = cash flows + marked value, to the paisa, for any fills (reversals and odd values included)', () => {
    const instruments = ['NFO:A', 'NFO:B', 'NFO:C'] as const;
    const fillArbitrary = fc.record({
      instrumentId: fc.constantFrom(...instruments),
      side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
      quantity: fc.integer({ min: 1, max: 500 }),
      // Any whole number of paise for the whole fill: averages that do not divide evenly.
      value: fc.integer({ min: 1, max: 50_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(fillArbitrary, { maxLength: 40 }), fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100_000 })), (raw, prices) => {
        const fills: StrategyFill[] = raw.map((item, index) => ({ ...item, at: index, value: paise(item.value) }));
        const priceOf = Object.fromEntries(instruments.map((id, index) => [id, prices[index]!]));
        const result = strategyPerformance(ID, fills, quotes(priceOf));
        let cash = 0;
        const held = new Map<string, number>();
        for (const item of fills) {
          const sign = item.side === 'BUY' ? 1 : -1;
          cash -= sign * item.value;
          held.set(item.instrumentId, (held.get(item.instrumentId) ?? 0) + sign * item.quantity);
        }
        const markedValue = [...held].reduce((sum, [id, quantity]) => sum + quantity * priceOf[id]!, 0);
        expect(result.totalPnl).toBe(cash + markedValue);
        expect(result.totalPnl).toBe(result.realizedPnl + result.unrealizedPnl);
        expect(Object.fromEntries(result.open.map((position) => [position.instrumentId, position.quantity]))).toEqual(Object.fromEntries([...held].filter(([, quantity]) => quantity !== 0)));
        for (const position of result.open) {
          // The average shown is the exact one rounded to the paisa: within half a paisa per unit.
          expect(Math.abs(position.averagePrice * position.quantity - position.openCost)).toBeLessThanOrEqual(Math.abs(position.quantity) / 2);
          expect(position.unrealizedPnl).toBe((position.lastPrice as Paise) * position.quantity - position.openCost);
        }
      }),
      { numRuns: 500 },
    );
  });
});
