import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asAccountId, asInstrumentId } from './ids.ts';
import { paise } from './money.ts';
import { istDayNumber } from './trading-day.ts';
import type { Side } from './order.ts';
import { applyFill, averageOpenPrice, dayPnl, dayPnlOn, emptyPosition, isShownToday, remarkPositionView, rollToDay, toPositionView, unrealizedPnl, type PositionState } from './position.ts';

const accountId = asAccountId('0b6f7a4e-1c1d-4f7e-9a55-2f4d3c2b1a00');
const DAY_ONE = Date.UTC(2026, 11, 9, 5, 30); // Wednesday 11:00 IST
const TODAY = istDayNumber(DAY_ONE);
const instrumentId = asInstrumentId('NFO:NIFTY26DECFUT');
const start = () => emptyPosition(accountId, instrumentId, 'NRML');
const fill = (side: Side, quantity: number, price: number) => ({
  accountId,
  instrumentId,
  product: 'NRML' as const,
  side,
  quantity,
  price: paise(price),
  at: DAY_ONE,
});

const fillArbitrary = fc.record({
  side: fc.constantFrom<Side>('BUY', 'SELL'),
  quantity: fc.integer({ min: 1, max: 40 }).map((lots) => lots * 65),
  price: fc.integer({ min: 1, max: 400_000 }).map((ticks) => ticks * 5),
});

describe('positions from fills (FIFO lots)', () => {
  it('books a reversal from long to short in one fill', () => {
    let position = applyFill(start(), fill('BUY', 130, 10_000));
    position = applyFill(position, fill('SELL', 195, 11_000));
    expect(position.netQuantity).toBe(-65);
    expect(position.realizedPnl).toBe(130 * 1_000);
    expect(position.lots).toEqual([{ quantity: -65, price: 11_000 }]);
    expect(unrealizedPnl(position, paise(10_500))).toBe(65 * 500);
  });

  it('closes the oldest lots first', () => {
    let position = applyFill(start(), fill('BUY', 65, 10_000));
    position = applyFill(position, fill('BUY', 65, 12_000));
    position = applyFill(position, fill('SELL', 65, 11_000));
    expect(position.realizedPnl).toBe(65 * 1_000);
    expect(averageOpenPrice(position)).toBe(120);
  });

  it('keeps quantity = sum of signed fills and realized + unrealized = cash flow + marked value', () => {
    fc.assert(
      fc.property(fc.array(fillArbitrary, { maxLength: 60 }), fc.integer({ min: 1, max: 400_000 }), (fills, markTicks) => {
        const mark = paise(markTicks * 5);
        const position = fills.reduce<PositionState>((state, f) => applyFill(state, fill(f.side, f.quantity, f.price)), start());
        const signed = fills.reduce((total, f) => total + (f.side === 'BUY' ? f.quantity : -f.quantity), 0);
        const cashFlow = fills.reduce((total, f) => total + (f.side === 'SELL' ? 1 : -1) * f.quantity * f.price, 0);
        expect(position.netQuantity).toBe(signed);
        expect(position.realizedPnl + unrealizedPnl(position, mark)).toBe(cashFlow + signed * mark);
        expect(position.lots.every((lot) => Math.sign(lot.quantity) === Math.sign(position.netQuantity))).toBe(true);
        expect(position.openCost).toBe(position.lots.reduce((total, lot) => total + lot.quantity * lot.price, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('stays exact to the paisa over 100,000 random fills', () => {
    const random = fc.sample(fillArbitrary, { numRuns: 100_000, seed: 20261123 });
    let position = start();
    let cashFlow = 0;
    let signed = 0;
    for (const f of random) {
      position = applyFill(position, fill(f.side, f.quantity, f.price));
      cashFlow += (f.side === 'SELL' ? 1 : -1) * f.quantity * f.price;
      signed += f.side === 'BUY' ? f.quantity : -f.quantity;
    }
    const mark = paise(2_600_000);
    expect(Number.isSafeInteger(cashFlow)).toBe(true);
    expect(position.netQuantity).toBe(signed);
    expect(position.realizedPnl + unrealizedPnl(position, mark)).toBe(cashFlow + signed * mark);
    expect(position.buyQuantity - position.sellQuantity).toBe(signed);
    expect(position.sellValue - position.buyValue).toBe(cashFlow);
    expect(position.openCost).toBe(position.lots.reduce((total, lot) => total + lot.quantity * lot.price, 0));
  });

  it('applyFill leaves its input as it was (the engine folds in place with applyFillInPlace)', () => {
    const before = applyFill(start(), fill('BUY', 130, 10_000));
    const frozen = structuredClone(before);
    const after = applyFill(before, fill('SELL', 65, 11_000));
    expect(before).toEqual(frozen);
    expect(after.netQuantity).toBe(65);
  });

  it('re-marks a view exactly as the engine would', () => {
    let position = applyFill(start(), fill('SELL', 65, 20_000));
    position = applyFill(position, fill('SELL', 65, 20_100));
    const mark = (price: number) => ({ lastPrice: paise(price), previousClose: paise(20_050) });
    const view = toPositionView(position, mark(19_000), TODAY);
    const remarked = remarkPositionView(view, mark(21_000));
    const fresh = toPositionView(position, mark(21_000), TODAY);
    expect(remarked.unrealizedPnl).toBe(fresh.unrealizedPnl);
    expect(remarked.dayPnl).toBe(fresh.dayPnl);
    expect(remarked.unrealizedPnl).toBe(-(65 * 1_000 + 65 * 900));
  });
});

describe('day vs carried positions', () => {
  const DAY_TWO = DAY_ONE + 86_400_000;
  const onDay = (at: number, side: Side, quantity: number, price: number) => ({ ...fill(side, quantity, price), at });

  it('carries yesterday\'s open lots into today, with day P&L from the previous close', () => {
    const position = applyFill(start(), onDay(DAY_ONE, 'BUY', 130, 10_000));
    const view = toPositionView(position, { lastPrice: paise(11_500), previousClose: paise(11_000) }, istDayNumber(DAY_TWO));
    expect(view).toMatchObject({ netQuantity: 130, carriedQuantity: 130, dayBuyQuantity: 0, daySellQuantity: 0, tradingDay: '2026-12-10' });
    expect(view.unrealizedPnl).toBe(130 * 1_500);
    expect(view.dayPnl).toBe(130 * 500); // only today's move from the close
  });

  it('books a partial exit of a carried position against the close for day P&L, against cost for realized', () => {
    let position = applyFill(start(), onDay(DAY_ONE, 'BUY', 130, 10_000));
    position = applyFill(position, onDay(DAY_TWO, 'SELL', 65, 12_000));
    const view = toPositionView(position, { lastPrice: paise(11_500), previousClose: paise(11_000) }, istDayNumber(DAY_TWO));
    expect(view).toMatchObject({ netQuantity: 65, carriedQuantity: 130, daySellQuantity: 65, daySellValue: 65 * 12_000, realizedPnl: 65 * 2_000 });
    expect(view.dayPnl).toBe(65 * 1_000 + 65 * 500); // 65 sold 10 above the close, 65 held 5 above it
  });

  it('counts a position opened and closed today entirely as day activity', () => {
    let position = applyFill(start(), onDay(DAY_TWO, 'SELL', 65, 20_000));
    position = applyFill(position, onDay(DAY_TWO + 60_000, 'BUY', 65, 19_500));
    const view = toPositionView(position, { lastPrice: paise(19_000), previousClose: paise(21_000) }, istDayNumber(DAY_TWO));
    expect(view).toMatchObject({ netQuantity: 0, carriedQuantity: 0, dayBuyQuantity: 65, daySellQuantity: 65, realizedPnl: 65 * 500, dayPnl: 65 * 500 });
    expect(isShownToday(position, istDayNumber(DAY_TWO))).toBe(true);
    expect(isShownToday(position, istDayNumber(DAY_TWO) + 1)).toBe(false); // closed yesterday: gone from today's list
  });

  it('does not mark at a last price of 0 (a contract with no trade yet), nor measure day P&L from a close of 0', () => {
    const position = applyFill(start(), onDay(DAY_ONE, 'BUY', 130, 10_000));
    const today = istDayNumber(DAY_TWO);
    // Kite and XTS send 0 for a price they do not have: 130 bought at ₹100 are not a ₹13,000 loss.
    const unpriced = toPositionView(position, { lastPrice: paise(0), previousClose: paise(11_000) }, today);
    expect(unpriced).toMatchObject({ lastPrice: null, unrealizedPnl: 0, dayPnl: 0 });
    expect(unpriced).toEqual(toPositionView(position, null, today));
    // Without a previous close the carried lots are taken at their cost, not at ₹0 (a ₹14,950 "gain" today).
    const noClose = toPositionView(position, { lastPrice: paise(11_500), previousClose: paise(0) }, today);
    expect(noClose).toMatchObject({ lastPrice: 11_500, unrealizedPnl: 130 * 1_500, dayPnl: 130 * 1_500 });
  });

  it('measures carried lots from the last price of a quote of an earlier session, not from the close before it', () => {
    const position = applyFill(start(), onDay(DAY_ONE, 'BUY', 130, 10_000));
    // Today, before the contract's first tick: its latest quote is yesterday's (close of the day before: ₹110).
    const yesterdays = { lastPrice: paise(11_500), previousClose: paise(11_000), timestamp: DAY_ONE + 3_600_000 };
    expect(toPositionView(position, yesterdays, istDayNumber(DAY_TWO))).toMatchObject({ unrealizedPnl: 130 * 1_500, dayPnl: 0 });
    expect(toPositionView(position, yesterdays, istDayNumber(DAY_ONE))).toMatchObject({ unrealizedPnl: 130 * 1_500, dayPnl: 130 * 1_500 });
  });

  it('re-marks a view at a quote exactly as the engine would mark it there, however the engine had marked it', () => {
    const today = istDayNumber(DAY_ONE) + 2;
    // Quotes of yesterday's session, today's, tomorrow's (a page left open overnight), or of no known time.
    const quote = fc
      .record({ last: fc.integer({ min: 0, max: 40_000 }), close: fc.integer({ min: 0, max: 40_000 }), day: fc.option(fc.integer({ min: -1, max: 1 }), { nil: undefined }) })
      .map(({ last, close, day }) => ({ lastPrice: paise(last * 5), previousClose: paise(close * 5), ...(day === undefined ? {} : { timestamp: DAY_ONE + (2 + day) * 86_400_000 }) }));
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 2 }), side: fc.constantFrom<Side>('BUY', 'SELL'), lots: fc.integer({ min: 1, max: 20 }), ticks: fc.integer({ min: 1, max: 40_000 }) }), { minLength: 1, maxLength: 30 }),
        fc.option(quote, { nil: null }),
        quote,
        (raw, engineMark, tick) => {
          const fills = [...raw].sort((a, b) => a.day - b.day).map((f, index) => onDay(DAY_ONE + f.day * 86_400_000 + index, f.side, f.lots * 65, f.ticks * 5));
          const position = fills.reduce<PositionState>((state, f) => applyFill(state, f), start());
          const view = toPositionView(position, engineMark, today);
          const quoteDay = tick.timestamp === undefined ? today : istDayNumber(tick.timestamp);
          expect(remarkPositionView(view, tick)).toEqual(toPositionView(position, tick, Math.max(today, quoteDay)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("the daily-loss check's day P&L (dayPnlOn) is the positions view's, whatever is known of the mark and the close", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 2 }), side: fc.constantFrom<Side>('BUY', 'SELL'), lots: fc.integer({ min: 1, max: 20 }), ticks: fc.integer({ min: 1, max: 40_000 }) }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 3 }),
        fc.option(fc.integer({ min: 1, max: 40_000 }), { nil: null }),
        fc.option(fc.integer({ min: 1, max: 40_000 }), { nil: null }),
        (raw, dayOffset, markTicks, closeTicks) => {
          const fills = [...raw].sort((a, b) => a.day - b.day).map((f, index) => onDay(DAY_ONE + f.day * 86_400_000 + index, f.side, f.lots * 65, f.ticks * 5));
          const position = fills.reduce<PositionState>((state, f) => applyFill(state, f), start());
          const today = istDayNumber(DAY_ONE) + dayOffset;
          const mark = markTicks === null ? null : paise(markTicks * 5);
          const close = closeTicks === null ? null : paise(closeTicks * 5);
          expect(dayPnlOn(position, today, mark, close)).toBe(dayPnl(rollToDay(position, today), mark, close));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('day P&L over any days equals the change of total P&L since the previous close', () => {
    const today = istDayNumber(DAY_ONE) + 3;
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 3 }), side: fc.constantFrom<Side>('BUY', 'SELL'), lots: fc.integer({ min: 1, max: 20 }), ticks: fc.integer({ min: 1, max: 40_000 }) }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 40_000 }),
        fc.integer({ min: 1, max: 40_000 }),
        (raw, closeTicks, markTicks) => {
          const fills = [...raw].sort((a, b) => a.day - b.day).map((f, index) => onDay(DAY_ONE + f.day * 86_400_000 + index, f.side, f.lots * 65, f.ticks * 5));
          const close = paise(closeTicks * 5);
          const mark = paise(markTicks * 5);
          const position = fills.reduce<PositionState>((state, f) => applyFill(state, f), start());
          const atClose = fills.filter((f) => istDayNumber(f.at) < today).reduce<PositionState>((state, f) => applyFill(state, f), start());
          const view = toPositionView(position, { lastPrice: mark, previousClose: close }, today);
          const totalNow = position.realizedPnl + unrealizedPnl(position, mark);
          const totalAtClose = atClose.realizedPnl + unrealizedPnl(atClose, close);
          expect(view.dayPnl).toBe(totalNow - totalAtClose);
          expect(view.carriedQuantity).toBe(atClose.netQuantity);
          expect(view.dayBuyQuantity - view.daySellQuantity).toBe(position.netQuantity - atClose.netQuantity);
        },
      ),
      { numRuns: 300 },
    );
  });
});
