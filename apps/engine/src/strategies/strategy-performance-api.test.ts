import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { WebSocket } from 'ws';
import { waitUntil } from '@strikedesk/domain/testing';
import { divRoundPaise, type Instrument, type Order, type StrategyId } from '@strikedesk/domain';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { RunningEngine } from '../engine.ts';
import type { EngineRouter } from '../router-type.ts';
import { moveNifty, niftySpot } from '../testing/portfolio-fixtures.ts';
import { ACCOUNT_A, ManualClock, TEST_START, TEST_TOKEN, USER_A, createTestDatabase, startTestEngine } from '../testing/test-engine.ts';

let database: TestDatabase;
let engine: RunningEngine;
const clock = new ManualClock(TEST_START);
let client: ReturnType<typeof createTRPCClient<EngineRouter>>;
let closeClient: () => void;

beforeAll(async () => {
  database = await createTestDatabase();
  engine = await startTestEngine(database, clock);
  const wsClient = createWSClient({ url: engine.url, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket, connectionParams: { token: TEST_TOKEN }, retryDelayMs: () => 50 });
  client = createTRPCClient<EngineRouter>({ links: [wsLink({ client: wsClient })] });
  closeClient = () => wsClient.close();
});
afterAll(async () => {
  closeClient?.();
  await engine?.close();
  await database?.drop();
});

const STRATEGY = 'strategy-open-marks' as StrategyId;

async function trade(future: Instrument, side: 'BUY' | 'SELL'): Promise<Order> {
  const placed = await client.orders.submit.mutate({
    accountId: ACCOUNT_A,
    userId: USER_A,
    origin: 'STRATEGY',
    order: { instrumentId: future.id, side, type: 'MARKET', product: 'MIS', quantity: future.lotSize, strategyId: STRATEGY, strategyVersion: 1 },
  });
  return waitUntil(async () => (await client.orders.list.query({ accountId: ACCOUNT_A })).find((order) => order.orderId === placed.orderId && order.status === 'FILLED'), {
    message: `order ${placed.orderId} filled`,
  });
}

describe('strategies.performance over the engine API', () => {
  it("marks the strategy's open position at the engine's latest tick, as its book position is marked", async () => {
    const [future] = await client.instruments.search.query({ query: 'nifty fut', limit: 1 });
    if (!future) throw new Error('no NIFTY future');
    const { spot } = niftySpot(engine);

    const first = await trade(future, 'BUY');
    moveNifty(engine, clock, Math.round(spot * 1.01));
    const second = await trade(future, 'BUY');
    const exit = await trade(future, 'SELL'); // first in, first out: closes the first buy
    moveNifty(engine, clock, Math.round(spot * 1.02));
    const tick = engine.services.market.latest(future.id);
    if (!tick) throw new Error('no tick');
    expect(tick.lastPrice).not.toBe(second.filledValue / future.lotSize); // the mark moved away from the entry

    const performance = await client.strategies.performance.query({ accountIds: [ACCOUNT_A], strategyId: STRATEGY });
    const realized = exit.filledValue - first.filledValue;
    const unrealized = tick.lastPrice * future.lotSize - second.filledValue;
    expect(performance.realizedPnl).toBe(realized);
    expect(performance.open).toEqual([
      {
        instrumentId: future.id,
        quantity: future.lotSize,
        openCost: second.filledValue,
        averagePrice: divRoundPaise(second.filledValue, future.lotSize),
        lastPrice: tick.lastPrice,
        unrealizedPnl: unrealized,
      },
    ]);
    expect(performance.unrealizedPnl).toBe(unrealized);
    expect(performance.totalPnl).toBe(realized + unrealized);

    // One marking rule: the positions screen's strategy book says the same.
    const [book] = (await client.positions.books.query({ accountId: ACCOUNT_A })).filter((position) => position.strategyId === STRATEGY);
    expect(book).toMatchObject({ netQuantity: future.lotSize, openCost: second.filledValue, lastPrice: tick.lastPrice, unrealizedPnl: unrealized, realizedPnl: realized });
  });
});
