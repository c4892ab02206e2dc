import { afterEach, describe, expect, it } from 'vitest';
import { asTradeId, DomainError, istDate, mulPaise, paise } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { createJournal, createListedInstrumentStore, createPool } from '@strikedesk/db/client';
import type { BrokerOrderRequest } from '../brokers/broker.ts';
import type { RunningEngine } from '../engine.ts';
import { ScriptedBroker } from '../testing/scripted-broker.ts';
import { acceptRequest, scriptedBrokerOrderId, submitToScripted } from '../testing/scripted-orders.ts';
import { ACCOUNT_A, ACCOUNT_B, createTestDatabase, ManualClock, startTestEngine, TEST_START, USER_B } from '../testing/test-engine.ts';
import { TradebookReader } from './tradebook-reader.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const DAY_MS = 86_400_000;
const DAY_1 = istDate(TEST_START);
const DAY_2 = istDate(TEST_START + DAY_MS);

async function start() {
  const broker = new ScriptedBroker();
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const clock = new ManualClock(TEST_START);
  const engine = await startTestEngine(database, clock, { createBroker: () => broker });
  cleanups.push(() => engine.close());
  return { engine, broker, clock, databaseUrl: database.url };
}

function fill(broker: ScriptedBroker, request: BrokerOrderRequest, tradeId: string, quantity: number, price: number, executedAt: number): void {
  broker.emit({ kind: 'filled', clientOrderId: request.clientOrderId, accountId: request.accountId, brokerOrderId: scriptedBrokerOrderId(request), tradeId: asTradeId(tradeId), quantity, price: paise(price), executedAt });
}

async function filledTo(engine: RunningEngine, orderId: string, quantity: number): Promise<void> {
  await waitUntil(() => (engine.services.state.order(orderId)?.filledQuantity === quantity ? true : undefined), { message: `filled ${quantity}` });
}

/**
 * Account A: a 2-lot buy filled one lot on day 1 and one on day 2, and a MARKET sell filled on
 * day 2; account B: one buy filled on day 1. Returns what was placed.
 */
async function twoDaysOfTrading() {
  const setup = await start();
  const { engine, broker, clock } = setup;
  const future = engine.services.catalog.chains[0]!.future;
  const lot = future.lotSize;

  const buy = await submitToScripted(engine, broker, { order: { quantity: 2 * lot } });
  acceptRequest(broker, buy.request);
  const { orderId: buyId } = await buy.submitted;
  fill(broker, buy.request, 'T-1', lot, 2_600_050, TEST_START + 1_000);
  await filledTo(engine, buyId, lot);

  const other = await submitToScripted(engine, broker, { accountId: ACCOUNT_B, userId: USER_B, order: {} });
  acceptRequest(broker, other.request);
  const { orderId: otherId } = await other.submitted;
  fill(broker, other.request, 'T-B', lot, 2_600_100, TEST_START + 2_000);
  await filledTo(engine, otherId, lot);

  clock.advance(DAY_MS);
  fill(broker, buy.request, 'T-2', lot, 2_601_000, TEST_START + DAY_MS + 500);
  await filledTo(engine, buyId, 2 * lot);
  const sell = await submitToScripted(engine, broker, { order: { side: 'SELL', quantity: lot } });
  acceptRequest(broker, sell.request);
  const { orderId: sellId } = await sell.submitted;
  fill(broker, sell.request, 'T-3', lot, 2_599_975, TEST_START + DAY_MS + 1_500);
  await filledTo(engine, sellId, lot);
  return { ...setup, future, lot, buyId, sellId, otherId, buy: buy.request };
}

describe('the tradebook', () => {
  it("lists each fill of the account's orders executed in the range, oldest first, with its order's fields and exact value", async () => {
    const { engine, future, lot, buyId, sellId, buy } = await twoDaysOfTrading();
    const both = await engine.services.tradebook.read({ accountId: ACCOUNT_A, from: DAY_1, to: DAY_2 });
    expect(both.trades.map((trade) => [trade.tradeId, trade.orderId, trade.side, trade.quantity, trade.price])).toEqual([
      ['T-1', buyId, 'BUY', lot, 2_600_050],
      ['T-2', buyId, 'BUY', lot, 2_601_000],
      ['T-3', sellId, 'SELL', lot, 2_599_975],
    ]);
    expect(both.trades[0]).toEqual({
      tradeId: 'T-1',
      orderId: buyId,
      clientOrderId: buy.clientOrderId,
      brokerOrderId: scriptedBrokerOrderId(buy),
      instrumentId: future.id,
      side: 'BUY',
      product: 'NRML',
      quantity: lot,
      price: 2_600_050,
      value: mulPaise(paise(2_600_050), lot),
      executedAt: TEST_START + 1_000,
      origin: 'TERMINAL',
      strategyId: null,
      portfolioId: null,
    });
    expect(both.instruments).toEqual([future]);
    expect((await engine.services.tradebook.read({ accountId: ACCOUNT_A, from: DAY_1, to: DAY_1 })).trades.map((trade) => trade.tradeId)).toEqual(['T-1']);
    expect((await engine.services.tradebook.read({ accountId: ACCOUNT_A, from: DAY_2, to: DAY_2 })).trades.map((trade) => trade.tradeId)).toEqual(['T-2', 'T-3']);
    // The other account's fill is its own; a day with nothing is empty.
    expect((await engine.services.tradebook.read({ accountId: ACCOUNT_B, from: DAY_1, to: DAY_2 })).trades.map((trade) => trade.tradeId)).toEqual(['T-B']);
    expect((await engine.services.tradebook.read({ accountId: ACCOUNT_A, from: '2026-12-01', to: '2026-12-08' })).trades).toEqual([]);
  });

  it('names a contract gone from the listing as it was last listed', async () => {
    const { engine, future, databaseUrl } = await twoDaysOfTrading();
    const pool = createPool(databaseUrl);
    cleanups.push(() => pool.end());
    // The same journal and state, with a listing that no longer has the future (it expired).
    const reader = new TradebookReader({ journal: createJournal(pool), state: engine.services.state, instrument: () => undefined, listed: createListedInstrumentStore(pool) });
    const book = await reader.read({ accountId: ACCOUNT_A, from: DAY_1, to: DAY_2 });
    expect(book.trades).toHaveLength(3);
    expect(book.instruments).toEqual([future]);
  });

  it('refuses a reversed range, more than 366 days, and more trades than one answer carries', async () => {
    const { engine, databaseUrl } = await twoDaysOfTrading();
    const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof DomainError ? [error.code, error.message] : error));
    expect(await refusal(engine.services.tradebook.read({ accountId: ACCOUNT_A, from: DAY_2, to: DAY_1 }))).toEqual(['TRADEBOOK_RANGE_INVALID', `The start date ${DAY_2} is after the end date ${DAY_1}.`]);
    expect(await refusal(engine.services.tradebook.read({ accountId: ACCOUNT_A, from: '2025-12-01', to: DAY_1 }))).toEqual(['TRADEBOOK_RANGE_TOO_LONG', '374 days asked; choose at most 366 days at a time.']);
    expect(await refusal(engine.services.tradebook.read({ accountId: ACCOUNT_A, from: '2025-12-09', to: '2026-12-09' }))).toBeNull();
    const pool = createPool(databaseUrl);
    cleanups.push(() => pool.end());
    const small = new TradebookReader({ journal: createJournal(pool), state: engine.services.state, instrument: (id) => engine.services.catalog.get(id), listed: createListedInstrumentStore(pool), maxTrades: 2 });
    expect(await refusal(small.read({ accountId: ACCOUNT_A, from: DAY_2, to: DAY_2 }))).toBeNull();
    expect((await refusal(small.read({ accountId: ACCOUNT_A, from: DAY_1, to: DAY_2 })) as string[])[0]).toBe('TRADEBOOK_TOO_LARGE');
  });
});
