import { describe, expect, it } from 'vitest';
import { asAccountId, asInstrumentId, emptyPosition, PortfolioIdSchema, StrategyIdSchema, type PositionState } from '@strikedesk/domain';
import { bookExits } from './book-exits.ts';

const account = asAccountId('11111111-1111-4111-8111-111111111111');
const ce = asInstrumentId('NFO:NIFTY26D1526000CE');
const pe = asInstrumentId('NFO:NIFTY26D1526000PE');
const portfolio = PortfolioIdSchema.parse('pfabc');
const strategy = StrategyIdSchema.parse('s-1');

const position = (instrumentId: typeof ce, netQuantity: number, book: { strategyId?: typeof strategy; portfolioId?: typeof portfolio } = {}): PositionState => ({
  ...emptyPosition(account, instrumentId, 'MIS', { strategyId: book.strategyId ?? null, portfolioId: book.portfolioId ?? null }),
  netQuantity,
});

describe('bookExits', () => {
  it('closes each book holding the net side, then the unattributed rest', () => {
    const net = position(ce, -195);
    const books = [position(ce, -65, { portfolioId: portfolio }), position(ce, -65, { strategyId: strategy }), position(pe, -65, { portfolioId: portfolio })];
    expect(bookExits(net, books)).toEqual([
      { side: 'BUY', quantity: 65, strategyId: null, portfolioId: portfolio },
      { side: 'BUY', quantity: 65, strategyId: strategy, portfolioId: null },
      { side: 'BUY', quantity: 65, strategyId: null, portfolioId: null },
    ]);
  });

  it('never closes more than the net position, and leaves books on the other side alone', () => {
    const net = position(ce, 65);
    const books = [position(ce, -65, { strategyId: strategy }), position(ce, 130, { portfolioId: portfolio })];
    expect(bookExits(net, books)).toEqual([{ side: 'SELL', quantity: 65, strategyId: null, portfolioId: portfolio }]);
    expect(bookExits(position(ce, 0), books)).toEqual([]);
  });
});
