import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAccountId, type AccountId, type Instrument, type Order } from '@strikedesk/domain';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { RunningEngine } from '../engine.ts';
import { connectEngine } from '../testing/engine-client.ts';
import { ManualClock, TEST_START, USER_A, createTestDatabase, startTestEngine } from '../testing/test-engine.ts';

// Orders sent at the same time must not together pass a limit each would pass alone (issue 5).
let database: TestDatabase;
let engine: RunningEngine;
let connection: ReturnType<typeof connectEngine>;

beforeAll(async () => {
  database = await createTestDatabase();
  engine = await startTestEngine(database, new ManualClock(TEST_START));
  connection = connectEngine(engine.url);
});
afterAll(async () => {
  connection?.close();
  await engine?.close();
  await database?.drop();
});

const niftyFuture = (): Instrument => {
  const instrument = engine.services.catalog.chains[0]?.future;
  if (!instrument) throw new Error('no NIFTY future');
  return instrument;
};
/** The put at the strike nearest the forward of the nearest NIFTY expiry. */
const atmPut = (): Instrument => {
  const chain = engine.services.catalog.chains[0];
  const series = chain?.expiries[0];
  if (!chain || !series) throw new Error('no NIFTY series');
  const { atmStrike } = engine.services.chains.get({ underlying: 'NIFTY', expiry: series.expiry, strikesEachSide: 5 });
  const row = series.strikes.find((candidate) => candidate.strike === atmStrike);
  if (!row) throw new Error('no ATM row');
  return row.put;
};
const submit = (accountId: AccountId, instrument: Instrument, side: 'BUY' | 'SELL', lots: number): Promise<Order> =>
  connection.client.orders.submit.mutate({
    accountId,
    userId: USER_A,
    order: { instrumentId: instrument.id, side, type: 'MARKET', product: 'NRML', quantity: lots * instrument.lotSize },
  });
const setLimit = (accountId: AccountId, maxAbsDeltaLots: number | null, maxAbsVegaRupees: number | null) =>
  connection.client.risk.greekLimits.set.mutate({ accountId, underlying: 'NIFTY', maxAbsDeltaLots, maxAbsVegaRupees, userId: USER_A });
const fourAtOnce = (accountId: AccountId, instrument: Instrument, side: 'BUY' | 'SELL'): Promise<Order[]> =>
  Promise.all([1, 2, 3, 4].map(() => submit(accountId, instrument, side, 1)));

describe('Greek limits under concurrent orders', () => {
  it('lets at most one of four parallel 1-lot future buys through a 1.5-lot delta limit', async () => {
    const account = asAccountId('44444444-4444-4444-8444-444444444444');
    await setLimit(account, 1.5, null);
    const orders = await fourAtOnce(account, niftyFuture(), 'BUY');
    expect(orders.filter((order) => order.status === 'FILLED')).toHaveLength(1);
    const denied = orders.filter((order) => order.status === 'DENIED');
    expect(denied).toHaveLength(3);
    for (const order of denied) expect(order.reasonCode).toBe('RISK_DELTA_LIMIT');
    const net = engine.services.greeks.netExposure(account, 'NIFTY');
    expect(net.deltaLots).toBeCloseTo(1, 9);
    // Reducing the exposure still passes.
    expect((await submit(account, niftyFuture(), 'SELL', 1)).status).toBe('FILLED');
  });

  it('counts a resting order: a second order cannot use the room a working one already takes', async () => {
    const account = asAccountId('55555555-5555-4555-8555-555555555555');
    await setLimit(account, 1.5, null);
    const tick = engine.services.market.latest(niftyFuture().id);
    if (!tick) throw new Error('no future quote');
    const resting = await connection.client.orders.submit.mutate({
      accountId: account,
      userId: USER_A,
      order: { instrumentId: niftyFuture().id, side: 'BUY', type: 'LIMIT', product: 'NRML', quantity: niftyFuture().lotSize, price: (Math.floor((tick.lastPrice * 0.95) / 5) * 5) as never },
    });
    expect(resting.status).toBe('OPEN');
    const second = await submit(account, niftyFuture(), 'BUY', 1);
    expect(second).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_DELTA_LIMIT', reasonMessage: 'Net delta would be 2 lots; your NIFTY limit is 1.5 lots.' });
    // A sell is away from the resting buy's direction: the worst case stays at +1 lot, it passes.
    expect((await submit(account, niftyFuture(), 'SELL', 1)).status).toBe('FILLED');
  });

  it('signs a long put as negative delta: parallel put buys stop at the delta limit', async () => {
    const account = asAccountId('66666666-6666-4666-8666-666666666666');
    const put = atmPut();
    const unit = engine.services.greeks.unitGreeks(put);
    if (!unit) throw new Error('no put Greeks');
    expect(unit.greeks.delta).toBeLessThan(-0.2);
    const deltaLotsPerLot = unit.greeks.delta; // one lot of a delta-d option is d lots of underlying
    await setLimit(account, Math.abs(deltaLotsPerLot) * 1.5, null);
    const orders = await fourAtOnce(account, put, 'BUY');
    expect(orders.filter((order) => order.status === 'FILLED')).toHaveLength(1);
    const denied = orders.filter((order) => order.status === 'DENIED');
    expect(denied).toHaveLength(3);
    for (const order of denied) {
      expect(order.reasonCode).toBe('RISK_DELTA_LIMIT');
      expect(order.reasonMessage).toMatch(/^Net delta would be -/);
    }
    expect(engine.services.greeks.netExposure(account, 'NIFTY').deltaLots).toBeLessThan(0);
    // A long future offsets the puts' negative delta: it reduces |delta|, so it passes.
    expect((await submit(account, niftyFuture(), 'BUY', 1)).status).not.toBe('DENIED');
  });

  it('limits vega (₹/vol point) of parallel put sales, short vega being negative', async () => {
    const account = asAccountId('77777777-7777-4777-8777-777777777777');
    const put = atmPut();
    const unit = engine.services.greeks.unitGreeks(put);
    if (!unit) throw new Error('no put Greeks');
    const vegaPerLot = (unit.greeks.vega / 100) * put.lotSize; // paise per vol point per unit → ₹ per lot
    expect(vegaPerLot).toBeGreaterThan(0);
    await setLimit(account, null, vegaPerLot * 1.5);
    const orders = await fourAtOnce(account, put, 'SELL');
    expect(orders.filter((order) => order.status === 'FILLED')).toHaveLength(1);
    const denied = orders.filter((order) => order.status === 'DENIED');
    expect(denied).toHaveLength(3);
    for (const order of denied) {
      expect(order.reasonCode).toBe('RISK_VEGA_LIMIT');
      expect(order.reasonMessage).toMatch(/^Net vega would be ₹-/);
    }
    expect(engine.services.greeks.netExposure(account, 'NIFTY').vegaRupees).toBeLessThan(0);
    // Buying the put back reduces |vega|: it passes.
    expect((await submit(account, put, 'BUY', 1)).status).toBe('FILLED');
  });
});
