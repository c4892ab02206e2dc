import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountGreeks, Instrument } from '@strikedesk/domain';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { RunningEngine } from '../engine.ts';
import { connectEngine } from '../testing/engine-client.ts';
import { ACCOUNT_A, ACCOUNT_B, ManualClock, TEST_START, USER_A, USER_B, createTestDatabase, startTestEngine } from '../testing/test-engine.ts';
import { waitUntil } from '@strikedesk/domain/testing';

let database: TestDatabase;
let engine: RunningEngine;
let connection: ReturnType<typeof connectEngine>;
const clock = new ManualClock(TEST_START);

beforeAll(async () => {
  database = await createTestDatabase();
  engine = await startTestEngine(database, clock, { greeksIntervalMs: 100 });
  connection = connectEngine(engine.url);
});
afterAll(async () => {
  connection?.close();
  await engine?.close();
  await database?.drop();
});

const marketBuy = (instrument: Instrument, lots: number) => ({ instrumentId: instrument.id, side: 'BUY' as const, type: 'MARKET' as const, product: 'NRML' as const, quantity: lots * instrument.lotSize });

describe('account Greeks', () => {
  it('2 lots of an ATM call carry 2 × the call’s delta in lots; a future carries its lots', async () => {
    const chain = await connection.client.chain.get.query({ underlying: 'NIFTY', expiry: '2026-12-15', strikesEachSide: 5 });
    const atm = chain.rows.find((row) => row.strike === chain.atmStrike);
    const [call] = await connection.client.instruments.get.query({ instrumentIds: [atm?.call?.instrumentId ?? ''] as Instrument['id'][] });
    if (!call || atm?.call?.delta == null) throw new Error('no ATM call');
    const order = await connection.client.orders.submit.mutate({ accountId: ACCOUNT_A, userId: USER_A, order: marketBuy(call, 2) });
    expect(order.status).toBe('FILLED');

    const greeks = await connection.client.greeks.get.query({ accountId: ACCOUNT_A });
    expect(greeks.accountId).toBe(ACCOUNT_A);
    expect(greeks.positions).toHaveLength(1);
    const position = greeks.positions[0];
    expect(position?.netQuantity).toBe(130);
    expect(position?.deltaLots).toBeCloseTo(2 * atm.call.delta, 9);
    expect(position?.delta).toBeCloseTo(atm.call.delta, 9);
    expect(position?.iv).toBeCloseTo(atm.call.iv ?? 0, 9);
    // ₹ vega of 130 units = 130 × the chain's per-unit ₹ vega; long options: positive vega, negative theta.
    expect(position?.vegaRupeesPerVolPoint).toBeCloseTo(130 * (atm.call.vega ?? 0), 6);
    expect(position?.thetaRupeesPerDay).toBeLessThan(0);
    expect(greeks.byUnderlying).toEqual([expect.objectContaining({ underlying: 'NIFTY', deltaLots: position?.deltaLots })]);
    expect(greeks.total.deltaLots).toBe(position?.deltaLots);

    const future = engine.services.catalog.chains[0]?.future;
    if (!future) throw new Error('no future');
    await connection.client.orders.submit.mutate({ accountId: ACCOUNT_B, userId: USER_B, order: marketBuy(future, 3) });
    const futureGreeks = await connection.client.greeks.get.query({ accountId: ACCOUNT_B });
    expect(futureGreeks.positions[0]).toMatchObject({ deltaLots: 3, delta: 1, iv: null, vegaRupeesPerVolPoint: 0 });
  });

  it('attributes positions and Greeks to strategy and portfolio books, while the net position is what the broker holds', async () => {
    const future = engine.services.catalog.chains[0]?.future;
    if (!future) throw new Error('no future');
    const account = ACCOUNT_B;
    const place = (lots: number, side: 'BUY' | 'SELL', book: { strategyId?: string; portfolioId?: string }) => {
      clock.advance(200);
      return connection.client.orders.submit.mutate({ accountId: account, userId: USER_B, order: { ...marketBuy(future, lots), side, ...book } as never });
    };
    await place(2, 'BUY', { strategyId: 'trend-1' });
    await place(1, 'SELL', { portfolioId: 'condor-7' });
    await place(1, 'SELL', { strategyId: 'trend-1' });
    const books = await connection.client.positions.books.query({ accountId: account });
    const byBook = Object.fromEntries(books.map((view) => [`${view.strategyId ?? ''}/${view.portfolioId ?? ''}`, view.netQuantity]));
    expect(byBook).toEqual({ 'trend-1/': 65, '/condor-7': -65 });
    // The net position folds everything, attributed or not (3 lots bought by the first test).
    const [net] = (await connection.client.positions.list.query({ accountId: account })).filter((view) => view.instrumentId === future.id);
    expect(net).toMatchObject({ netQuantity: 3 * 65, strategyId: null, portfolioId: null });
    const greeks = await connection.client.greeks.get.query({ accountId: account });
    expect(greeks.byBook.map((book) => [book.strategyId, book.portfolioId, book.deltaLots]).sort()).toEqual([
      [null, 'condor-7', -1],
      ['trend-1', null, 1],
    ]);
    expect(greeks.total.deltaLots).toBe(3);
  });

  it('greeks.stream pushes every account with open positions, repeatedly', async () => {
    const received: AccountGreeks[] = [];
    const subscription = connection.client.greeks.stream.subscribe(undefined, { onData: (greeks) => received.push(greeks) });
    try {
      await waitUntil(() => {
        const accounts = new Set(received.map((greeks) => greeks.accountId));
        return (accounts.has(ACCOUNT_A) && accounts.has(ACCOUNT_B) && received.length >= 4) || undefined;
      }, { message: 'greeks for both accounts, twice' });
      const latestB = received.filter((greeks) => greeks.accountId === ACCOUNT_B).at(-1);
      expect(latestB?.total.deltaLots).toBe(3);

      // Flat again: one last push with nothing in it, so a terminal does not keep stale Greeks.
      clock.advance(1_000);
      await connection.client.orders.squareOff.mutate({ accountId: ACCOUNT_A, userId: USER_A, squareOff: {} });
      await waitUntil(() => received.filter((greeks) => greeks.accountId === ACCOUNT_A).at(-1)?.positions.length === 0 || undefined, { message: 'a final empty push for the flat account' });
      expect(received.filter((greeks) => greeks.accountId === ACCOUNT_A).at(-1)).toMatchObject({ positions: [], byBook: [], total: expect.objectContaining({ deltaLots: 0 }) });
    } finally {
      subscription.unsubscribe();
    }
  });
});
