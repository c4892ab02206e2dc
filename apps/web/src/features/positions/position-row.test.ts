import { describe, expect, it } from 'vitest';
import { applyFill, asAccountId, asInstrumentId, emptyPosition, istDayNumber, paise, toPositionView, type PositionView, type Side } from '@strikedesk/domain';
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
  carriedCost: paise(0),
  realizedAtDayStart: paise(0),
  dayBuyQuantity: 150,
  dayBuyValue: paise(150 * 20_015),
  daySellQuantity: 0,
  daySellValue: paise(0),
  dayPnl: paise(-1_250 - 2_250),
};

const tickAt = (lastPrice: number, timestamp = Date.parse('2026-11-20T11:00:00+05:30')) =>
  stubTick(view.instrumentId, lastPrice, { timestamp, bid: paise(lastPrice), ask: paise(lastPrice) });

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
    const carried = { ...view, carriedQuantity: 150, carriedCost: view.openCost, dayBuyQuantity: 0, dayBuyValue: paise(0), realizedPnl: paise(0), dayPnl: paise(150 * 100) };
    const row = toPositionRow(carried, undefined, { ...tickAt(20_105), previousClose: paise(19_900) });
    expect(row.view.dayPnl).toBe(150 * 205);
  });
});

describe('live day P&L', () => {
  const DAY_ONE = Date.UTC(2026, 11, 9, 5, 30); // Wednesday 11:00 IST
  const DAY_TWO = DAY_ONE + 86_400_000;
  const TODAY = istDayNumber(DAY_TWO);
  const fill = (side: Side, quantity: number, price: number, at: number) => ({ accountId: view.accountId, instrumentId: view.instrumentId, product: 'NRML' as const, side, quantity, price: paise(price), at });
  // 130 bought yesterday at ₹100, 65 of them sold today at ₹120.
  let position = applyFill(emptyPosition(view.accountId, view.instrumentId, 'NRML'), fill('BUY', 130, 10_000, DAY_ONE));
  position = applyFill(position, fill('SELL', 65, 12_000, DAY_TWO));
  const quote = (lastPrice: number, previousClose: number, at = DAY_TWO + 3_600_000) => ({ ...tickAt(lastPrice, at), previousClose: paise(previousClose) });

  it('is measured from the previous close when the engine listed the position before it had a quote', () => {
    // The engine just started (or its feed was down): no mark, so its day P&L left the open lots out.
    const unmarked = toPositionView(position, null, TODAY);
    const row = toPositionRow(unmarked, undefined, quote(11_500, 11_000));
    // 65 sold ₹10 above yesterday's close of ₹110, 65 held ₹5 above it — not ₹15 above their cost.
    expect(row.view.dayPnl).toBe(65 * 1_000 + 65 * 500);
    expect(row.view).toEqual(toPositionView(position, { lastPrice: paise(11_500), previousClose: paise(11_000) }, TODAY));
  });

  it('of a carried position closed today is measured from the previous close too', () => {
    const closed = applyFill(position, fill('SELL', 65, 12_000, DAY_TWO + 60_000));
    const row = toPositionRow(toPositionView(closed, null, TODAY), undefined, quote(11_500, 11_000));
    expect(row.view.dayPnl).toBe(130 * 1_000);
    expect(row.totalPnl).toBe(130 * 2_000);
  });

  it('does not mark a position at a last price of 0 (no trade yet)', () => {
    const marked = toPositionView(position, { lastPrice: paise(11_500), previousClose: paise(11_000) }, TODAY);
    const row = toPositionRow(marked, undefined, quote(0, 11_000));
    expect(row.view.lastPrice).toBeNull();
    expect(row.view.unrealizedPnl).toBe(0); // not 65 × −₹100
    expect(row.totalPnl).toBe(65 * 2_000);
  });

  it('measures carried lots from the last price of a quote of an earlier session (yesterday’s last tick, before today’s first)', () => {
    // Held overnight, nothing traded today yet: the latest quote is yesterday's, whose previous close
    // is the day before's. Its last price is the close today's day P&L starts from: no move yet.
    const carried = applyFill(emptyPosition(view.accountId, view.instrumentId, 'NRML'), fill('BUY', 130, 10_000, DAY_ONE - 86_400_000));
    const yesterdays = quote(11_500, 11_000, DAY_ONE + 3_600_000);
    const row = toPositionRow(toPositionView(carried, null, TODAY), undefined, yesterdays);
    expect(row.view).toMatchObject({ lastPrice: 11_500, unrealizedPnl: 130 * 1_500, dayPnl: 0 });
    expect(row.view).toEqual(toPositionView(carried, yesterdays, TODAY));
  });

  it('rolls a view to the next day on its first quote of that day (a page left open overnight)', () => {
    const listedYesterday = toPositionView(position, quote(11_500, 11_000), TODAY);
    const tomorrow = DAY_TWO + 86_400_000 + 3_600_000;
    const row = toPositionRow(listedYesterday, undefined, quote(11_800, 11_600, tomorrow));
    // 65 still held, carried in at ₹116 (yesterday's close): today's move is ₹2 each.
    expect(row.view).toMatchObject({ tradingDay: '2026-12-11', carriedQuantity: 65, daySellQuantity: 0, dayPnl: 65 * 200, realizedPnl: 65 * 2_000 });
    expect(row.view).toEqual(toPositionView(position, quote(11_800, 11_600, tomorrow), TODAY + 1));
  });
});
