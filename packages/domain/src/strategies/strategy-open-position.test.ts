import { describe, expect, it } from 'vitest';
import { asInstrumentId } from '../ids.ts';
import { paise } from '../money.ts';
import type { PositionMark } from '../position.ts';
import { markOpenPosition, remarkStrategyBook, type StrategyMarks } from './strategy-open-position.ts';
import { strategyPerformance, type StrategyFill } from './strategy-performance.ts';
import type { StrategyId } from '../ids.ts';

const A = asInstrumentId('NFO:A');
const B = asInstrumentId('NFO:B');
const marksOf = (prices: Record<string, number>): StrategyMarks => ({
  quoteOf: (instrumentId): PositionMark | undefined => {
    const lastPrice = prices[instrumentId];
    return lastPrice === undefined ? undefined : { lastPrice: paise(lastPrice), previousClose: paise(1) };
  },
  today: 20_000,
});

describe('markOpenPosition', () => {
  it('rounds the average half away from zero, for a long and a short alike', () => {
    // 0.03 for 2 units is 1.5 paise a unit: shown as 2 either way round.
    expect(markOpenPosition({ instrumentId: A, quantity: 2, openCost: paise(3) }, marksOf({})).averagePrice).toBe(2);
    expect(markOpenPosition({ instrumentId: A, quantity: -2, openCost: paise(-3) }, marksOf({})).averagePrice).toBe(2);
    expect(markOpenPosition({ instrumentId: A, quantity: 3, openCost: paise(1000) }, marksOf({})).averagePrice).toBe(333);
  });

  it('marks at the last price, not at a last price of 0', () => {
    expect(markOpenPosition({ instrumentId: A, quantity: -50, openCost: paise(-50_000) }, marksOf({ 'NFO:A': 900 }))).toMatchObject({ lastPrice: 900, unrealizedPnl: 5_000 });
    expect(markOpenPosition({ instrumentId: A, quantity: 50, openCost: paise(50_000) }, marksOf({ 'NFO:A': 0 }))).toMatchObject({ lastPrice: null, unrealizedPnl: null });
  });
});

describe('remarkStrategyBook', () => {
  const fills: StrategyFill[] = [
    { at: 1, instrumentId: A, side: 'BUY', quantity: 50, value: paise(50_000) },
    { at: 2, instrumentId: B, side: 'SELL', quantity: 10, value: paise(20_000) },
    { at: 3, instrumentId: A, side: 'SELL', quantity: 20, value: paise(24_000) }, // +4,000 realized
  ];
  const engine = strategyPerformance('s' as StrategyId, fills, marksOf({ 'NFO:A': 1_100, 'NFO:B': 1_900 }));

  it('re-marks at live quotes exactly as the engine marks at the same quotes', () => {
    const live = marksOf({ 'NFO:A': 1_250, 'NFO:B': 2_100 });
    const atLiveQuotes = strategyPerformance('s' as StrategyId, fills, live);
    expect(remarkStrategyBook(engine, live)).toEqual({ open: atLiveQuotes.open, unrealizedPnl: atLiveQuotes.unrealizedPnl, totalPnl: atLiveQuotes.totalPnl });
    expect(remarkStrategyBook(engine, live)).toMatchObject({ unrealizedPnl: 30 * 250 - 10 * 100, totalPnl: 4_000 + 7_500 - 1_000 });
  });

  it("keeps the engine's price without a live quote, and unmarks at a live quote of 0", () => {
    const remarked = remarkStrategyBook(engine, marksOf({ 'NFO:B': 0 }));
    expect(remarked.open.map((position) => [position.instrumentId, position.lastPrice, position.unrealizedPnl])).toEqual([
      [A, 1_100, 30 * 100],
      [B, null, null],
    ]);
    expect(remarked).toMatchObject({ unrealizedPnl: 3_000, totalPnl: 7_000 });
  });
});
