import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asAccountId, asInstrumentId } from './ids.ts';
import { paise, type Paise } from './money.ts';
import type { Side } from './order.ts';
import { applyFill, averageOpenPrice, emptyPosition, remarkPositionView, toPositionView, unrealizedPnl, type PositionState } from './position.ts';

const accountId = asAccountId('0b6f7a4e-1c1d-4f7e-9a55-2f4d3c2b1a00');
const instrumentId = asInstrumentId('NFO:NIFTY26DECFUT');
const start = () => emptyPosition(accountId, instrumentId, 'NRML');
const fill = (side: Side, quantity: number, price: number) => ({
  accountId,
  instrumentId,
  product: 'NRML' as const,
  side,
  quantity,
  price: paise(price),
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
  });

  it('re-marks a view exactly as the engine would', () => {
    let position = applyFill(start(), fill('SELL', 65, 20_000));
    position = applyFill(position, fill('SELL', 65, 20_100));
    const view = toPositionView(position, paise(19_000));
    const remarked = remarkPositionView(view, paise(21_000) as Paise);
    expect(remarked.unrealizedPnl).toBe(toPositionView(position, paise(21_000)).unrealizedPnl);
    expect(remarked.unrealizedPnl).toBe(-(65 * 1_000 + 65 * 900));
  });
});
