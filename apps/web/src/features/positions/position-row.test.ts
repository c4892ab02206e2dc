import { describe, expect, it } from 'vitest';
import { asAccountId, asInstrumentId, paise, type PositionView } from '@strikedesk/domain';
import { stubTick } from '@strikedesk/domain/testing';
import { bookNameOf, toPositionRow } from './position-row.ts';

const view: PositionView = {
  accountId: asAccountId('00000000-0000-4000-8000-000000000001'),
  instrumentId: asInstrumentId('NFO:NIFTY26NOV24000CE'),
  product: 'MIS',
  netQuantity: 150,
  openCost: paise(150 * 20_015), // 150 units at ₹200.15
  buyQuantity: 150,
  buyValue: paise(150 * 20_015),
  sellQuantity: 0,
  sellValue: paise(0),
  realizedPnl: paise(-1_250),
  lastPrice: paise(20_000),
  unrealizedPnl: paise(-2_250),
  strategyId: null,
  portfolioId: null,
  tradingDay: '2026-11-20',
  carriedQuantity: 0,
  dayBuyQuantity: 150,
  dayBuyValue: paise(150 * 20_015),
  daySellQuantity: 0,
  daySellValue: paise(0),
  dayPnl: paise(-1_250 - 2_250),
};

const tickAt = (lastPrice: number) =>
  stubTick(view.instrumentId, lastPrice, { timestamp: 1, bid: paise(lastPrice), ask: paise(lastPrice) });

describe('toPositionRow', () => {
  it('re-marks unrealized P&L at the live LTP, exactly', () => {
    const row = toPositionRow(view, undefined, tickAt(20_105));
    expect(row.view.unrealizedPnl).toBe(150 * 90);
    expect(row.view.lastPrice).toBe(20_105);
    expect(row.totalPnl).toBe(150 * 90 - 1_250);
    expect(row.view.dayPnl).toBe(150 * 90 - 1_250); // all bought today: day P&L moves with the mark
    expect(row.averagePrice).toBe(20_015);
  });

  it('keeps the server mark when no tick arrived yet', () => {
    const row = toPositionRow(view, undefined, undefined);
    expect(row.view.unrealizedPnl).toBe(-2_250);
    expect(row.totalPnl).toBe(-3_500);
  });

  it('has no average for a flat position and does not re-mark it', () => {
    const flat = { ...view, netQuantity: 0, openCost: paise(0), unrealizedPnl: paise(0) };
    const row = toPositionRow(flat, undefined, tickAt(30_000));
    expect(row.averagePrice).toBeNull();
    expect(row.view.unrealizedPnl).toBe(0);
    expect(row.totalPnl).toBe(-1_250);
  });
});

describe('book positions', () => {
  it('are keyed and named by their book', () => {
    const strategy = { ...view, strategyId: 'momentum-1' as PositionView['strategyId'] };
    expect(toPositionRow(strategy, undefined, undefined).key).toBe('|momentum-1|NFO:NIFTY26NOV24000CE|MIS');
    expect(toPositionRow(view, undefined, undefined).key).toBe('NFO:NIFTY26NOV24000CE|MIS');
    expect(bookNameOf(strategy)).toBe('Strategy momentum-1');
    expect(bookNameOf({ strategyId: null, portfolioId: 'iron-fly' as PositionView['portfolioId'] })).toBe('Portfolio iron-fly');
    expect(bookNameOf(view)).toBeNull();
    expect(bookNameOf({ strategyId: null, portfolioId: 'iron-fly' as PositionView['portfolioId'] }, new Map([['iron-fly', 'Thursday fly']]))).toBe('Portfolio Thursday fly');
  });

  it('re-marks day P&L of a carried position from the previous close', () => {
    // 150 carried in at ₹200.15, previous close ₹199.00 (server marked at ₹200.00: day P&L = 150 × 1.00).
    const carried = { ...view, carriedQuantity: 150, dayBuyQuantity: 0, dayBuyValue: paise(0), realizedPnl: paise(0), dayPnl: paise(150 * 100) };
    const row = toPositionRow(carried, undefined, tickAt(20_105));
    expect(row.view.dayPnl).toBe(150 * 205);
  });
});
