import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instrument, PlaceOrderInput } from '@strikedesk/domain';
import { failureOf, type GatewayClient } from '../testing/gateway-client.ts';
import { marketBuy, pickTradableOption, type TradableOption } from '../testing/market-fixtures.ts';
import { signedInAdmin, signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

let stack: TestStack;
let traderA: GatewayClient;
let traderB: GatewayClient;
let admin: GatewayClient;
let option: TradableOption;

beforeAll(async () => {
  stack = await startTestStack();
  traderA = await signedInUser(stack, 'greeks-a', 'trader');
  traderB = await signedInUser(stack, 'greeks-b', 'trader');
  admin = await signedInAdmin(stack);
  option = await pickTradableOption(traderA);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const nearestFuture = async (client: GatewayClient): Promise<Instrument> => {
  const [future] = await client.trpc.instruments.search.query({ query: 'nifty fut', limit: 1 });
  if (!future) throw new Error('no NIFTY future');
  return future;
};
const futureBuy = (future: Instrument, lots: number): PlaceOrderInput => ({
  instrumentId: future.id,
  side: 'BUY',
  type: 'MARKET',
  product: 'NRML',
  quantity: lots * future.lotSize,
  price: null,
  triggerPrice: null,
});

describe('chain over HTTP', () => {
  it('lists expiries and returns the chain around the ATM', async () => {
    const expiries = await traderA.trpc.chain.expiries.query({ underlying: 'NIFTY' });
    expect(expiries.length).toBeGreaterThan(0);
    const chain = await traderA.trpc.chain.get.query({ underlying: 'NIFTY', expiry: expiries[0]?.expiry ?? '', strikesEachSide: 5 });
    expect(chain.rows).toHaveLength(11);
    expect(chain.rows[5]?.strike).toBe(chain.atmStrike);
    expect(chain.strikesEachSide).toBe(5);
    expect(chain.rows.some((row) => row.call?.iv !== null)).toBe(true);
    expect(await failureOf(traderA.trpc.chain.get.query({ underlying: 'NIFTY', expiry: '2001-01-01' }))).toMatchObject({ appCode: 'EXPIRY_NOT_FOUND', code: 'NOT_FOUND' });
    expect(await failureOf(traderA.trpc.chain.get.query({ underlying: 'x', expiry: 'soon' } as never))).toMatchObject({ appCode: 'VALIDATION_FAILED' });
  });
});

describe('positions.greeks', () => {
  it("returns the caller's own account only", async () => {
    await traderA.trpc.orders.place.mutate(marketBuy(option));
    const meA = await traderA.trpc.auth.me.query();
    const meB = await traderB.trpc.auth.me.query();
    const greeksA = await traderA.trpc.positions.greeks.query();
    expect(greeksA.accountId).toBe(meA.accountId);
    expect(greeksA.positions.map((position) => position.instrumentId)).toEqual([option.instrument.id]);
    expect(greeksA.total.deltaLots).toBeGreaterThan(0);
    const greeksB = await traderB.trpc.positions.greeks.query();
    expect(greeksB).toMatchObject({ accountId: meB.accountId, positions: [] });
  });
});

describe('admin.risk.greekLimits', () => {
  it('is refused to a trader; set by an admin it denies the trader’s order', async () => {
    const meB = await traderB.trpc.auth.me.query();
    const limit = { accountId: meB.accountId, underlying: 'NIFTY', maxAbsDeltaLots: 1, maxAbsVegaRupees: null };
    expect(await failureOf(traderB.trpc.admin.risk.greekLimits.set.mutate(limit))).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE' });
    expect(await failureOf(traderB.trpc.admin.risk.greekLimits.list.query())).toMatchObject({ appCode: 'FORBIDDEN_ROLE' });

    const adminMe = await admin.trpc.auth.me.query();
    const record = await admin.trpc.admin.risk.greekLimits.set.mutate(limit);
    expect(record).toMatchObject({ ...limit, updatedBy: adminMe.userId });
    expect(await admin.trpc.admin.risk.greekLimits.list.query({ accountId: meB.accountId })).toEqual([record]);

    const future = await nearestFuture(traderB);
    const denied = await traderB.trpc.orders.place.mutate(futureBuy(future, 2));
    expect(denied).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_DELTA_LIMIT', reasonMessage: 'Net delta would be 2 lots; your NIFTY limit is 1 lot.' });
    expect((await traderB.trpc.orders.place.mutate(futureBuy(future, 1))).status).toBe('FILLED');

    await admin.trpc.admin.risk.greekLimits.set.mutate({ ...limit, maxAbsDeltaLots: null });
    expect(await admin.trpc.admin.risk.greekLimits.list.query({ accountId: meB.accountId })).toEqual([]);
  });
});
