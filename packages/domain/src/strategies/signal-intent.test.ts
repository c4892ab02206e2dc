import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signalIntent } from './signal-intent.ts';
import { StrategyConfigSchema } from './strategy.ts';

const LOT = 65;
const config = (overrides: Record<string, unknown> = {}) =>
  StrategyConfigSchema.parse({ target: { kind: 'CONTINUOUS_FUTURE', underlying: 'NIFTY', nth: 1 }, ...overrides });
const intent = (message: { action: 'BUY' | 'SELL' | 'EXIT' | 'REVERSE' | 'TARGET'; contracts?: number | null; positionSize?: number | null }, currentLots: number, overrides = {}) =>
  signalIntent({ message: { contracts: null, positionSize: null, ...message }, config: config(overrides), lotSize: LOT, currentUnits: currentLots * LOT });

describe('signalIntent', () => {
  it('buy and sell trade the alert contracts in lots, or the default lots', () => {
    expect(intent({ action: 'BUY', contracts: 2 }, 0)).toMatchObject({ kind: 'ORDER', side: 'BUY', quantity: 2 * LOT, targetPosition: 2 * LOT });
    expect(intent({ action: 'SELL' }, 1, { defaultLots: 3 })).toMatchObject({ kind: 'ORDER', side: 'SELL', quantity: 3 * LOT, targetPosition: -2 * LOT });
  });

  it('contracts in units must be whole lots', () => {
    expect(intent({ action: 'BUY', contracts: 130 }, 0, { contractsAre: 'UNITS' })).toMatchObject({ kind: 'ORDER', quantity: 130 });
    expect(intent({ action: 'BUY', contracts: 100 }, 0, { contractsAre: 'UNITS' })).toMatchObject({ kind: 'REFUSED', code: 'SIGNAL_INVALID_QUANTITY' });
    expect(intent({ action: 'BUY', contracts: 1.5 }, 0)).toMatchObject({ kind: 'REFUSED', code: 'SIGNAL_INVALID_QUANTITY' });
  });

  it('POSITION sizing follows TradingView position_size, so a repeated alert places nothing', () => {
    expect(intent({ action: 'BUY', contracts: 1, positionSize: 2 }, 1, { sizing: 'POSITION' })).toMatchObject({ kind: 'ORDER', side: 'BUY', quantity: LOT });
    expect(intent({ action: 'BUY', contracts: 1, positionSize: 2 }, 2, { sizing: 'POSITION' })).toMatchObject({ kind: 'NONE' });
    expect(intent({ action: 'BUY', contracts: 1, positionSize: 2 }, 2)).toMatchObject({ kind: 'ORDER', quantity: LOT }); // ORDER sizing trades the order
  });

  it('says which part of the order closes the current position: all of a reduce, the current position of a reversal, none of an add', () => {
    expect(intent({ action: 'SELL', contracts: 1 }, 3)).toMatchObject({ quantity: LOT, reducing: true, closingQuantity: LOT });
    expect(intent({ action: 'REVERSE' }, 1)).toMatchObject({ side: 'SELL', quantity: 2 * LOT, reducing: false, closingQuantity: LOT });
    expect(intent({ action: 'BUY', contracts: 3 }, -1)).toMatchObject({ side: 'BUY', quantity: 3 * LOT, reducing: false, closingQuantity: LOT });
    expect(intent({ action: 'BUY', contracts: 1 }, 1)).toMatchObject({ reducing: false, closingQuantity: 0 });
    expect(intent({ action: 'SELL', contracts: 1 }, 0)).toMatchObject({ reducing: false, closingQuantity: 0 });
  });

  it('exit flattens, reverse flips, target goes to the number; nothing to do is NONE', () => {
    expect(intent({ action: 'EXIT' }, -3)).toMatchObject({ kind: 'ORDER', side: 'BUY', quantity: 3 * LOT, targetPosition: 0, reducing: true });
    expect(intent({ action: 'EXIT' }, 0)).toMatchObject({ kind: 'NONE' });
    expect(intent({ action: 'REVERSE' }, 2)).toMatchObject({ kind: 'ORDER', side: 'SELL', quantity: 4 * LOT, targetPosition: -2 * LOT });
    expect(intent({ action: 'REVERSE', contracts: 1 }, 2)).toMatchObject({ kind: 'ORDER', side: 'SELL', quantity: 3 * LOT, targetPosition: -LOT });
    expect(intent({ action: 'REVERSE' }, 0)).toMatchObject({ kind: 'NONE' });
    expect(intent({ action: 'TARGET', positionSize: -1 }, 2)).toMatchObject({ kind: 'ORDER', side: 'SELL', quantity: 3 * LOT });
    expect(intent({ action: 'TARGET', positionSize: 0 }, 0)).toMatchObject({ kind: 'NONE' });
  });

  it('limits apply to orders that add risk, never to exits', () => {
    const limits = { risk: { maxLotsPerOrder: 2, maxPositionLots: 3 } };
    expect(intent({ action: 'BUY', contracts: 3 }, 0, limits)).toMatchObject({ kind: 'REFUSED', code: 'SIGNAL_ORDER_SIZE_LIMIT' });
    expect(intent({ action: 'BUY', contracts: 2 }, 2, limits)).toMatchObject({ kind: 'REFUSED', code: 'SIGNAL_POSITION_LIMIT' });
    expect(intent({ action: 'EXIT' }, 10, limits)).toMatchObject({ kind: 'ORDER', quantity: 10 * LOT, reducing: true });
  });

  it('an order always moves the position exactly to its target, in whole lots', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('BUY', 'SELL', 'EXIT', 'REVERSE', 'TARGET') as fc.Arbitrary<'BUY' | 'SELL' | 'EXIT' | 'REVERSE' | 'TARGET'>,
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: -20, max: 20 }),
        (action, contracts, positionSize, currentLots) => {
          const result = intent({ action, contracts, positionSize }, currentLots, { sizing: 'POSITION', risk: { maxLotsPerOrder: 100, maxPositionLots: 100 } });
          if (result.kind !== 'ORDER') return;
          const signed = result.side === 'BUY' ? result.quantity : -result.quantity;
          expect(currentLots * LOT + signed).toBe(result.targetPosition);
          expect(result.quantity % LOT).toBe(0);
          expect(result.quantity).toBeGreaterThan(0);
        },
      ),
    );
  });
});
