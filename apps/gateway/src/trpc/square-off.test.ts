import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instrument, PlaceOrderInput } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { failureOf, type GatewayClient } from '../testing/gateway-client.ts';
import { marketBuy, pickTradableOption, restingBuy, type TradableOption } from '../testing/market-fixtures.ts';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

let stack: TestStack;
let trader: GatewayClient;
let other: GatewayClient;
let option: TradableOption;
let future: Instrument;

beforeAll(async () => {
  stack = await startTestStack();
  trader = await signedInUser(stack, 'squarer', 'trader');
  other = await signedInUser(stack, 'bystander', 'trader');
  option = await pickTradableOption(trader);
  const [nearest] = await trader.trpc.instruments.search.query({ query: 'nifty fut', limit: 1 });
  if (!nearest) throw new Error('no NIFTY future');
  future = nearest;
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const futureSell = (lots: number): PlaceOrderInput => ({
  instrumentId: future.id,
  side: 'SELL',
  type: 'MARKET',
  product: 'NRML',
  quantity: lots * future.lotSize,
  price: null,
  triggerPrice: null,
});
const netOf = async (client: GatewayClient, instrumentId: string, product: string) =>
  (await client.trpc.positions.list.query()).find((p) => p.instrumentId === instrumentId && p.product === product)?.netQuantity ?? 0;

describe('positions.squareOff', () => {
  it('closes one chosen position and cancels its open orders, leaving the others', async () => {
    expect((await trader.trpc.orders.place.mutate(marketBuy(option))).status).toBe('FILLED');
    expect((await trader.trpc.orders.place.mutate(futureSell(2))).status).toBe('FILLED');
    expect((await other.trpc.orders.place.mutate(marketBuy(option))).status).toBe('FILLED');
    const resting = await trader.trpc.orders.place.mutate(restingBuy(option));
    expect(resting.status).toBe('OPEN');

    const result = await trader.trpc.positions.squareOff.mutate({ positions: [{ instrumentId: option.instrument.id, product: 'MIS' }] });
    expect(result.canceled.map((order) => order.orderId)).toEqual([resting.orderId]);
    expect(result.exits).toHaveLength(1);
    expect(result.exits[0]).toMatchObject({ instrumentId: option.instrument.id, side: 'SELL', type: 'MARKET', quantity: option.instrument.lotSize, origin: 'SQUARE_OFF', status: 'FILLED' });

    expect(await netOf(trader, option.instrument.id, 'MIS')).toBe(0);
    expect(await netOf(trader, future.id, 'NRML')).toBe(-2 * future.lotSize);
    expect(await netOf(other, option.instrument.id, 'MIS')).toBe(option.instrument.lotSize);
    await waitUntil(async () => (await trader.trpc.orders.list.query()).find((order) => order.orderId === resting.orderId)?.status === 'CANCELED', {
      message: 'the resting order on the squared-off position cancelled',
    });
    // The flat position stays on today's list with its realized P&L and day counters.
    const closed = (await trader.trpc.positions.list.query()).find((p) => p.instrumentId === option.instrument.id);
    expect(closed).toMatchObject({ netQuantity: 0, dayBuyQuantity: option.instrument.lotSize, daySellQuantity: option.instrument.lotSize, carriedQuantity: 0 });
  });

  it('with no positions named closes everything; then there is nothing left to square off', async () => {
    const result = await trader.trpc.positions.squareOff.mutate({});
    expect(result.exits).toHaveLength(1);
    expect(result.exits[0]).toMatchObject({ instrumentId: future.id, side: 'BUY', quantity: 2 * future.lotSize, status: 'FILLED' });
    expect((await trader.trpc.positions.list.query()).every((p) => p.netQuantity === 0)).toBe(true);

    expect(await failureOf(trader.trpc.positions.squareOff.mutate({}))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      appCode: 'NOTHING_TO_SQUARE_OFF',
      message: 'There is no open position to square off.',
    });
    expect(await netOf(other, option.instrument.id, 'MIS')).toBe(option.instrument.lotSize);
  });
});

describe('positions.books', () => {
  it("lists the caller's strategy and portfolio books, apart from the net positions", async () => {
    expect(await trader.trpc.positions.books.query()).toEqual([]);
    const attributed = { ...marketBuy(option), strategyId: 'momentum-1' } as PlaceOrderInput;
    expect(await trader.trpc.orders.place.mutate(attributed)).toMatchObject({ status: 'FILLED', strategyId: 'momentum-1' });
    const books = await trader.trpc.positions.books.query();
    expect(books).toHaveLength(1);
    expect(books[0]).toMatchObject({ instrumentId: option.instrument.id, strategyId: 'momentum-1', portfolioId: null, netQuantity: option.instrument.lotSize });
    const net = (await trader.trpc.positions.list.query()).find((p) => p.instrumentId === option.instrument.id);
    expect(net).toMatchObject({ strategyId: null, portfolioId: null, netQuantity: option.instrument.lotSize });
    expect(await other.trpc.positions.books.query()).toEqual([]);

    const greeks = await waitUntil(async () => {
      const current = await trader.trpc.positions.greeks.query();
      return current.byBook.length > 0 ? current : undefined;
    }, { message: 'Greeks of the strategy book' });
    expect(greeks.byBook[0]).toMatchObject({ strategyId: 'momentum-1', portfolioId: null });
    expect(greeks.byBook[0]?.deltaLots).toBeGreaterThan(0);
  });
});
