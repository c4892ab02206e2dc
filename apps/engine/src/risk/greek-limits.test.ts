import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { asAccountId, paise, type Instrument } from '@strikedesk/domain';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { RunningEngine } from '../engine.ts';
import { connectEngine } from '../testing/engine-client.ts';
import { ManualClock, TEST_START, USER_A, createTestDatabase, startTestEngine } from '../testing/test-engine.ts';

const ACCOUNT = asAccountId('33333333-3333-4333-8333-333333333333');
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

const future = (): Instrument => {
  const instrument = engine.services.catalog.chains[0]?.future;
  if (!instrument) throw new Error('no NIFTY future');
  return instrument;
};
const order = (side: 'BUY' | 'SELL', lots: number) =>
  connection.client.orders.submit.mutate({
    accountId: ACCOUNT,
    userId: USER_A,
    order: { instrumentId: future().id, side, type: 'MARKET', product: 'NRML', quantity: lots * future().lotSize },
  });
const setDeltaLimit = (maxAbsDeltaLots: number | null) =>
  connection.client.risk.greekLimits.set.mutate({ accountId: ACCOUNT, underlying: 'nifty', maxAbsDeltaLots, maxAbsVegaRupees: null, userId: USER_A });

describe('Greek limits, pre-trade', () => {
  it('denies an order taking net delta beyond the limit, with the limit and the resulting value', async () => {
    const record = await setDeltaLimit(1);
    expect(record).toMatchObject({ accountId: ACCOUNT, underlying: 'NIFTY', maxAbsDeltaLots: 1, updatedBy: USER_A });
    const denied = await order('BUY', 2);
    expect(denied).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_DELTA_LIMIT', reasonMessage: 'Net delta would be 2 lots; your NIFTY limit is 1 lot.' });
    expect((await order('BUY', 1)).status).toBe('FILLED');
    expect((await order('BUY', 1)).reasonCode).toBe('RISK_DELTA_LIMIT');
  });

  it('lets a risk-reducing order through even while over the limit', async () => {
    await setDeltaLimit(0.5); // the 1 lot held is now over the limit
    expect((await order('SELL', 1)).status).toBe('FILLED');
    // Short 2 lots from flat increases |delta| to 2: denied; the limit binds both ways.
    expect((await order('SELL', 2)).reasonMessage).toBe('Net delta would be -2 lots; your NIFTY limit is 0.5 lots.');
  });

  it('refuses a modify that would increase the exposure beyond the limit', async () => {
    await setDeltaLimit(1.5);
    const tick = engine.services.market.latest(future().id);
    if (!tick) throw new Error('no future quote');
    const resting = await connection.client.orders.submit.mutate({
      accountId: ACCOUNT,
      userId: USER_A,
      order: { instrumentId: future().id, side: 'BUY', type: 'LIMIT', product: 'NRML', quantity: future().lotSize, price: paise(Math.floor((tick.lastPrice * 0.95) / 5) * 5) },
    });
    expect(resting.status).toBe('OPEN');
    const error = await connection.client.orders.modify.mutate({ accountId: ACCOUNT, userId: USER_A, modify: { orderId: resting.orderId, quantity: 2 * future().lotSize } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ appCode: 'RISK_DELTA_LIMIT' });
    expect((error as TRPCClientError<never>).message).toBe('Net delta would be 2 lots; your NIFTY limit is 1.5 lots.');
    // Within the limit, the same modify machinery still works.
    await setDeltaLimit(3);
    const modified = await connection.client.orders.modify.mutate({ accountId: ACCOUNT, userId: USER_A, modify: { orderId: resting.orderId, quantity: 2 * future().lotSize } });
    expect(modified.quantity).toBe(2 * future().lotSize);
  });

  it('refuses a limit on an underlying the catalog does not list', async () => {
    const error = await connection.client.risk.greekLimits.set
      .mutate({ accountId: ACCOUNT, underlying: 'SENSEX', maxAbsDeltaLots: 1, maxAbsVegaRupees: null, userId: USER_A })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ appCode: 'INSTRUMENT_NOT_FOUND' });
    expect((await connection.client.risk.greekLimits.list.query({ accountId: ACCOUNT })).map((limit) => limit.underlying)).toEqual(['NIFTY']);
  });

  it('removes a limit when both maxima are null, and limits survive an engine restart', async () => {
    await connection.client.risk.greekLimits.set.mutate({ accountId: ACCOUNT, underlying: 'BANKNIFTY', maxAbsDeltaLots: null, maxAbsVegaRupees: 5_000, userId: USER_A });
    expect(await connection.client.risk.greekLimits.list.query({ accountId: ACCOUNT })).toHaveLength(2);
    connection.close();
    await engine.close();
    engine = await startTestEngine(database, new ManualClock(TEST_START));
    connection = connectEngine(engine.url);
    const limits = await connection.client.risk.greekLimits.list.query({});
    expect(limits.map((limit) => [limit.underlying, limit.maxAbsDeltaLots, limit.maxAbsVegaRupees])).toEqual([
      ['BANKNIFTY', null, 5_000],
      ['NIFTY', 3, null],
    ]);
    // Still enforced after the restart (the account is flat: bought 1 lot, sold 1 lot).
    expect((await order('BUY', 4)).reasonCode).toBe('RISK_DELTA_LIMIT');
    await setDeltaLimit(null);
    expect(await connection.client.risk.greekLimits.list.query({ accountId: ACCOUNT })).toHaveLength(1);
    expect((await order('BUY', 4)).status).toBe('FILLED');
  });
});
