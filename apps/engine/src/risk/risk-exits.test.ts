import { afterEach, describe, expect, it } from 'vitest';
import { DomainError, paise, type Order, type OrderOrigin, type PlaceOrderInput, type PortfolioId } from '@strikedesk/domain';
import type { RunningEngine } from '../engine.ts';
import { ACCOUNT_A, createTestDatabase, ManualClock, restingSellPrice, startTestEngine, TEST_START, USER_A } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** How a trader gets out past a halt, and what an exit may not be turned into. */
async function setup() {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const clock = new ManualClock(TEST_START);
  const engine: RunningEngine = await startTestEngine(database, clock);
  cleanups.push(() => engine.close());
  const future = engine.services.catalog.chains[0]!.future;
  const lots = (n: number) => n * future.lotSize;
  const submit = (order: Partial<PlaceOrderInput>, origin: OrderOrigin = 'TERMINAL'): Promise<Order> => {
    clock.advance(200);
    return engine.services.orders.submit({
      accountId: ACCOUNT_A,
      userId: USER_A,
      origin,
      order: { instrumentId: future.id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: future.lotSize, price: null, triggerPrice: null, ...order },
    });
  };
  const net = () => engine.services.state.positionsOf(ACCOUNT_A).reduce((sum, position) => sum + position.netQuantity, 0);
  return { engine, future, lots, submit, net };
}

describe('exits past halts', () => {
  it('past a daily-loss stop a trader may still close a position (the stop says so), but not open or flip one', async () => {
    const { engine, lots, submit, net } = await setup();
    expect((await submit({ quantity: lots(2) })).status).toBe('FILLED');
    // The daily-loss monitor's halt, as if its own flatten had been refused at the broker.
    await engine.services.halts.engage({ scope: 'ACCOUNT', accountId: ACCOUNT_A, kind: 'DAILY_LOSS', reason: 'Daily loss limit reached', flatten: true, engagedBy: null, details: {} });
    expect(await submit({})).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_DAILY_LOSS' });
    expect(await submit({ side: 'SELL', quantity: lots(3) })).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_DAILY_LOSS' }); // long 2 → short 1
    expect((await submit({ side: 'SELL', quantity: lots(1) })).status).toBe('FILLED');
    expect((await submit({ side: 'SELL', quantity: lots(1) })).status).toBe('FILLED');
    expect(net()).toBe(0);
    expect(await submit({ side: 'SELL', quantity: lots(1) })).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_DAILY_LOSS' }); // flat: a new short
  });

  it('a working engine exit may be re-priced under a halt, not raised past what it closes (it would skip every check)', async () => {
    const { engine, future, lots, submit, net } = await setup();
    expect((await submit({ quantity: lots(1) })).status).toBe('FILLED');
    const exit = await submit({ side: 'SELL', type: 'LIMIT', price: restingSellPrice(engine, future.id) }, 'SQUARE_OFF');
    expect(exit.status).toBe('OPEN');
    await engine.services.halts.engage({ scope: 'ACCOUNT', accountId: ACCOUNT_A, kind: 'DAILY_LOSS', reason: 'Daily loss limit reached', flatten: false, engagedBy: null, details: {} });

    const modify = (change: { quantity?: number; price?: Order['price'] }) =>
      engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: exit.orderId, ...change } });
    const raised = await modify({ quantity: lots(3) }).catch((error: unknown) => error);
    expect(raised).toBeInstanceOf(DomainError);
    expect((raised as DomainError).code).toBe('RISK_DAILY_LOSS'); // long 1: selling 3 would open a short
    expect((await modify({ price: paise(restingSellPrice(engine, future.id) + future.tickSize) })).status).toBe('OPEN');
    expect(engine.services.state.order(exit.orderId)).toMatchObject({ quantity: lots(1), status: 'OPEN' });
    expect(net()).toBe(lots(1));
  });

  it('an exit never goes past the position it closes, in its product: it would open a new one no check looked at', async () => {
    const { engine, lots, submit, net } = await setup();
    // Nothing held: a square-off sell would be a new short.
    expect(await submit({ side: 'SELL' }, 'SQUARE_OFF')).toMatchObject({ status: 'DENIED', reasonCode: 'EXIT_WOULD_OPEN_POSITION' });
    expect((await submit({ quantity: lots(2) })).status).toBe('FILLED');
    // Long 2 NRML: selling 3 flips it; selling MIS against it opens an MIS short; buying adds to it.
    const flip = await submit({ side: 'SELL', quantity: lots(3) }, 'KILL_SWITCH');
    expect(flip).toMatchObject({ status: 'DENIED', reasonCode: 'EXIT_WOULD_OPEN_POSITION' });
    expect(flip.reasonMessage).toContain(`This exit may close at most ${lots(2)} of a long position in NRML here (the account's, or what it holds beyond other strategies' and portfolios' books, less the exits already working on it); this SELL is for ${lots(3)}.`);
    expect(await submit({ side: 'SELL', product: 'MIS' }, 'RISK')).toMatchObject({ status: 'DENIED', reasonCode: 'EXIT_WOULD_OPEN_POSITION' });
    expect(await submit({ side: 'BUY' }, 'AUTO_SQUARE_OFF')).toMatchObject({ status: 'DENIED', reasonCode: 'EXIT_WOULD_OPEN_POSITION' });
    expect(net()).toBe(lots(2));
    // Within it, exits go through (past a halt too).
    await engine.services.halts.engage({ scope: 'ACCOUNT', accountId: ACCOUNT_A, kind: 'RECONCILIATION', reason: 'fills differ', flatten: false, engagedBy: null, details: {} });
    expect((await submit({ side: 'SELL', quantity: lots(1) }, 'SQUARE_OFF')).status).toBe('FILLED');
    expect((await submit({ side: 'SELL', quantity: lots(1) }, 'KILL_SWITCH')).status).toBe('FILLED');
    expect(net()).toBe(0);
  });

  it("two exits racing for one position: the second may close only what the working first leaves — a halt's flatten excepted", async () => {
    const { engine, future, lots, submit, net } = await setup();
    expect((await submit({ quantity: lots(3) })).status).toBe('FILLED');
    // The kill switch's exit of 2 lots is working (resting at a limit here) when a portfolio's exit for all 3 comes.
    const flattening = await submit({ side: 'SELL', type: 'LIMIT', quantity: lots(2), price: restingSellPrice(engine, future.id) }, 'KILL_SWITCH');
    expect(flattening.status).toBe('OPEN');
    const second = await submit({ side: 'SELL', quantity: lots(3) }, 'SQUARE_OFF');
    expect(second).toMatchObject({ status: 'DENIED', reasonCode: 'EXIT_WOULD_OPEN_POSITION' });
    expect(second.reasonMessage).toContain(`This exit may close at most ${lots(1)} of a long position in NRML here`);
    expect((await submit({ side: 'SELL', quantity: lots(1) }, 'SQUARE_OFF')).status).toBe('FILLED');
    expect(await submit({ side: 'SELL', quantity: lots(1) }, 'AUTO_SQUARE_OFF')).toMatchObject({ status: 'DENIED', reasonCode: 'EXIT_WOULD_OPEN_POSITION' });
    expect(net()).toBe(lots(2));
    // A halt's flatten is not shrunk by it (it runs once: the position must not stay open under the halt).
    expect((await submit({ side: 'SELL', quantity: lots(2) }, 'KILL_SWITCH')).status).toBe('FILLED');
    expect(net()).toBe(0);
    // Its cancel asked for, a working exit no longer counts.
    expect((await submit({ quantity: lots(1) })).status).toBe('FILLED');
    await engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: flattening.orderId } });
    expect((await submit({ side: 'SELL', quantity: lots(1) }, 'SQUARE_OFF')).status).toBe('FILLED');
    expect(net()).toBe(0);
  });

  it("another book's working exit does not shrink a book's own exit: it closes the other book's part", async () => {
    const { engine, future, lots, submit, net } = await setup();
    const [a, b, c] = ['pf-a', 'pf-b', 'pf-c'] as PortfolioId[];
    expect((await submit({ quantity: lots(1), portfolioId: a }, 'PORTFOLIO')).status).toBe('FILLED');
    expect((await submit({ side: 'SELL', quantity: lots(1), portfolioId: b }, 'PORTFOLIO')).status).toBe('FILLED');
    expect((await submit({ quantity: lots(1), portfolioId: c }, 'PORTFOLIO')).status).toBe('FILLED');
    expect(net()).toBe(lots(1));
    // All three exit at once: A's sell rests, C's sells, B's buys — the account ends flat.
    const aExit = await submit({ side: 'SELL', type: 'LIMIT', quantity: lots(1), price: restingSellPrice(engine, future.id), portfolioId: a }, 'SQUARE_OFF');
    expect(aExit.status).toBe('OPEN');
    expect((await submit({ side: 'SELL', quantity: lots(1), portfolioId: c }, 'SQUARE_OFF')).status).toBe('FILLED');
    expect((await submit({ quantity: lots(1), portfolioId: b }, 'SQUARE_OFF')).status).toBe('FILLED');
    // A's own second exit, though, would close past it.
    expect(await submit({ side: 'SELL', quantity: lots(1), portfolioId: a }, 'SQUARE_OFF')).toMatchObject({ status: 'DENIED', reasonCode: 'EXIT_WOULD_OPEN_POSITION' });
    expect(net()).toBe(lots(1)); // A's exit still working
  });

  it("a book's second exit closes no more than the book holds beyond its working first: another book's exit still has its part", async () => {
    const { engine, future, lots, submit, net } = await setup();
    const [a, b] = ['pf-a', 'pf-b'] as PortfolioId[];
    expect((await submit({ quantity: lots(3), portfolioId: a }, 'PORTFOLIO')).status).toBe('FILLED');
    expect((await submit({ quantity: lots(2), portfolioId: b }, 'PORTFOLIO')).status).toBe('FILLED');
    const first = await submit({ side: 'SELL', type: 'LIMIT', quantity: lots(1), price: restingSellPrice(engine, future.id), portfolioId: a }, 'SQUARE_OFF');
    expect(first.status).toBe('OPEN');
    // A holds 3 with 1 on its way out: 2 more, not the 4 the account would allow.
    const again = await submit({ side: 'SELL', quantity: lots(3), portfolioId: a }, 'SQUARE_OFF');
    expect(again).toMatchObject({ status: 'DENIED', reasonCode: 'EXIT_WOULD_OPEN_POSITION' });
    expect(again.reasonMessage).toContain(`at most ${lots(2)} of a long position`);
    expect((await submit({ side: 'SELL', quantity: lots(2), portfolioId: a }, 'SQUARE_OFF')).status).toBe('FILLED');
    expect((await submit({ side: 'SELL', quantity: lots(2), portfolioId: b }, 'SQUARE_OFF')).status).toBe('FILLED');
    expect(net()).toBe(lots(1)); // A's first exit, still working, takes the account flat
  });

  it("an exit of one portfolio's book may close it while another book holds the opposite (the account flat), not past it", async () => {
    const { engine, future, lots, submit } = await setup();
    const long = 'pf-long' as PortfolioId;
    const short = 'pf-short' as PortfolioId;
    expect((await submit({ quantity: lots(1), portfolioId: long }, 'PORTFOLIO')).status).toBe('FILLED');
    expect((await submit({ side: 'SELL', quantity: lots(1), portfolioId: short }, 'PORTFOLIO')).status).toBe('FILLED');
    const net = () => engine.services.state.netQuantity(ACCOUNT_A, future.id, 'NRML');
    expect(net()).toBe(0);
    // The long book's exit: the account is flat, but the short is the other book's.
    expect((await submit({ side: 'SELL', quantity: lots(1), portfolioId: long }, 'SQUARE_OFF')).status).toBe('FILLED');
    expect(net()).toBe(-lots(1));
    // The short book's exit may buy back its own lot, not a second one (nor may any exit).
    expect(await submit({ quantity: lots(2), portfolioId: short }, 'SQUARE_OFF')).toMatchObject({ status: 'DENIED', reasonCode: 'EXIT_WOULD_OPEN_POSITION' });
    expect(await submit({ quantity: lots(2) }, 'SQUARE_OFF')).toMatchObject({ status: 'DENIED', reasonCode: 'EXIT_WOULD_OPEN_POSITION' });
    expect((await submit({ quantity: lots(1), portfolioId: short }, 'SQUARE_OFF')).status).toBe('FILLED');
    expect(net()).toBe(0);
  });

  it('a square-off closes every book on a position two books share, when the trader already sold part of it by hand', async () => {
    const { engine, future, lots, submit } = await setup();
    expect((await submit({ quantity: lots(2), portfolioId: 'pf-a' as PortfolioId }, 'PORTFOLIO')).status).toBe('FILLED');
    expect((await submit({ quantity: lots(2), portfolioId: 'pf-b' as PortfolioId }, 'PORTFOLIO')).status).toBe('FILLED');
    expect((await submit({ side: 'SELL', quantity: lots(1) })).status).toBe('FILLED'); // from the ticket: long 3, and the oldest book 1 (ADR 0010)
    const { exits } = await engine.services.orders.squareOff({ accountId: ACCOUNT_A, userId: USER_A });
    // One exit per book (the first book's 1 lot, the second's 2): both go through, none refused.
    expect(exits.map((order) => [order.portfolioId, order.quantity / future.lotSize, order.status])).toEqual([
      ['pf-a', 1, 'FILLED'],
      ['pf-b', 2, 'FILLED'],
    ]);
    expect(engine.services.state.netQuantity(ACCOUNT_A, future.id, 'NRML')).toBe(0);
  });
});
