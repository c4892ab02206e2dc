import { describe, expect, it } from 'vitest';
import type { Product, Side } from '@strikedesk/domain';
import { decodeSnapshot, encodeSnapshot } from '../snapshots/snapshot-codec.ts';
import { FILL_ACCOUNT as ACCOUNT, FILL_INSTRUMENT as CE, filledOrderEvents } from '../testing/filled-order-events.ts';
import { TradingState } from './trading-state.ts';

/** A filled order: a portfolio's (`book`) or, without one, the trader's from the ticket. */
function filled(state: TradingState, order: { side: Side; quantity: number; price: number; book?: string; product?: Product }): void {
  const { book, ...rest } = order;
  for (const event of filledOrderEvents(state.highestOrderNumber + 1, { ...rest, ...(book ? { portfolio: book } : {}) })) state.apply({ seq: state.lastSeq + 1, event });
}

const books = (state: TradingState) => state.bookPositionsOf(ACCOUNT).map((position) => [position.portfolioId, position.product, position.netQuantity]);
const net = (state: TradingState, product: Product = 'NRML') => state.netQuantity(ACCOUNT, CE, product);

describe('a fill from outside every book closes the books it offsets (ADR 0010)', () => {
  it("a portfolio's short leg bought back from the ticket is closed in the portfolio's book, at the ticket's price", () => {
    const state = new TradingState();
    filled(state, { side: 'SELL', quantity: 65, price: 150_00, book: 'pf-1' });
    filled(state, { side: 'BUY', quantity: 65, price: 120_00 });
    expect(net(state)).toBe(0);
    const [book] = state.bookPositionsOf(ACCOUNT);
    expect(book).toMatchObject({ portfolioId: 'pf-1', netQuantity: 0, realizedPnl: 65 * 30_00, lots: [] });
  });

  it('takes from the oldest book first, and only what the unattributed part does not cover', () => {
    const state = new TradingState();
    filled(state, { side: 'BUY', quantity: 50, price: 100_00, book: 'pf-a' });
    filled(state, { side: 'BUY', quantity: 50, price: 100_00, book: 'pf-b' });
    filled(state, { side: 'BUY', quantity: 20, price: 100_00 }); // the trader's own 20 beside them
    filled(state, { side: 'SELL', quantity: 30, price: 110_00 }); // 20 of the trader's, then 10 of pf-a's
    expect(books(state)).toEqual([
      ['pf-a', 'NRML', 40],
      ['pf-b', 'NRML', 50],
    ]);
    filled(state, { side: 'SELL', quantity: 60, price: 110_00 });
    expect(books(state)).toEqual([
      ['pf-a', 'NRML', 0],
      ['pf-b', 'NRML', 30],
    ]);
    expect(net(state)).toBe(30);
  });

  it('a fill through flat closes the books and leaves the rest as a new position of no book', () => {
    const state = new TradingState();
    filled(state, { side: 'BUY', quantity: 50, price: 100_00, book: 'pf-a' });
    filled(state, { side: 'SELL', quantity: 80, price: 90_00 });
    expect(books(state)).toEqual([['pf-a', 'NRML', 0]]);
    expect(state.bookPositionsOf(ACCOUNT)[0]?.realizedPnl).toBe(-50 * 10_00);
    expect(net(state)).toBe(-30);
  });

  it('leaves books alone when the account is flat between them, or the fill adds to the position', () => {
    const state = new TradingState();
    filled(state, { side: 'BUY', quantity: 50, price: 100_00, book: 'pf-long' });
    filled(state, { side: 'SELL', quantity: 50, price: 100_00, book: 'pf-short' });
    filled(state, { side: 'SELL', quantity: 50, price: 100_00 }); // flat before it: a new short, no book's
    filled(state, { side: 'SELL', quantity: 25, price: 100_00 }); // adds to it
    expect(books(state)).toEqual([
      ['pf-long', 'NRML', 50],
      ['pf-short', 'NRML', -50],
    ]);
    expect(net(state)).toBe(-75);
    // Buying 75 back closes the trader's own short first: the books keep theirs.
    filled(state, { side: 'BUY', quantity: 75, price: 100_00 });
    expect(books(state)).toEqual([
      ['pf-long', 'NRML', 50],
      ['pf-short', 'NRML', -50],
    ]);
  });

  it("goes by the fill's product: the broker nets MIS and NRML apart", () => {
    const state = new TradingState();
    filled(state, { side: 'BUY', quantity: 50, price: 100_00, book: 'pf-long' });
    filled(state, { side: 'BUY', quantity: 50, price: 100_00, product: 'MIS' });
    filled(state, { side: 'SELL', quantity: 50, price: 100_00, product: 'MIS' }); // closes the MIS long, not the portfolio's NRML
    expect(books(state)).toEqual([['pf-long', 'NRML', 50]]);
    filled(state, { side: 'SELL', quantity: 20, price: 100_00 });
    expect(books(state)).toEqual([['pf-long', 'NRML', 30]]);
  });

  it('a snapshot keeps the books in the order they opened, so the fold goes on alike after a restart', () => {
    const live = new TradingState();
    filled(live, { side: 'BUY', quantity: 50, price: 100_00, book: 'pf-b' });
    filled(live, { side: 'BUY', quantity: 50, price: 100_00, book: 'pf-a' });
    const restored = TradingState.fromSnapshot(decodeSnapshot(encodeSnapshot(live.toSnapshot())));
    for (const state of [live, restored]) filled(state, { side: 'SELL', quantity: 70, price: 100_00 });
    expect(books(restored)).toEqual(books(live));
    expect(books(live)).toEqual([
      ['pf-b', 'NRML', 0],
      ['pf-a', 'NRML', 30],
    ]);
  });

  it('applies to fills journaled from the seq the rule arrived at: older ones replay as they were decided', () => {
    // Records 1–6: a portfolio's short and the ticket's buy-back, journaled before the rule.
    const state = new TradingState({ booksClosedOutsideFrom: 7 });
    filled(state, { side: 'SELL', quantity: 65, price: 150_00, book: 'pf-1' });
    filled(state, { side: 'BUY', quantity: 65, price: 120_00 });
    expect(books(state)).toEqual([['pf-1', 'NRML', -65]]);
    // After it: the portfolio sells 65 more, the ticket buys 65 back: that one closes the book's part.
    filled(state, { side: 'SELL', quantity: 65, price: 150_00, book: 'pf-1' });
    filled(state, { side: 'BUY', quantity: 65, price: 120_00 });
    expect(books(state)).toEqual([['pf-1', 'NRML', -65]]);
    expect(net(state)).toBe(0);
    // With the rule from the first record, the same journal leaves the book flat.
    const always = new TradingState();
    for (let n = 1; n <= 4; n += 1) filled(always, n % 2 === 1 ? { side: 'SELL', quantity: 65, price: 150_00, book: 'pf-1' } : { side: 'BUY', quantity: 65, price: 120_00 });
    expect(books(always)).toEqual([['pf-1', 'NRML', 0]]);
  });
});
