import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAccountId, type AccountId, type BrokerAccountId, type Instrument, type Order, type UserId } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { createBrokerAccountStore, createPool, createSecretSealer, type BrokerAccountStore } from '@strikedesk/db/client';
import type { TestDatabase } from '@strikedesk/db/testing';
import { insertUser, newKeyRing } from '../../../../../packages/db/src/broker-accounts/broker-account-fixtures.ts';
import type pg from 'pg';
import type { RunningEngine } from '../../engine.ts';
import { ManualClock, TEST_START, createTestDatabase, startTestEngine } from '../../testing/test-engine.ts';
import { startFakeXtsInteractive, type RunningFakeXtsInteractive } from '../xts/fake/fake-xts-interactive.ts';
import { startFakeXtsMarketData, type RunningFakeXtsMarketData } from '../xts/fake/fake-xts-market-data.ts';
import { fakeXtsAccount } from '../xts/fake/fake-xts-account.ts';

/**
 * An XTS token that dies mid-day (expiry, no logout event on the socket) is first heard of in the
 * answer to an order. The trader must see that order rejected with BROKER_SESSION_EXPIRED at once
 * — not left "submitted" until the next login's reconciliation calls it never received.
 */
const ring = newKeyRing('k1');
const MASTER_KEYS = `k1:${ring.current.material().toString('base64')}`;

let database: TestDatabase;
let pool: pg.Pool;
let store: BrokerAccountStore;
let engine: RunningEngine;
let interactive: RunningFakeXtsInteractive;
let marketData: RunningFakeXtsMarketData;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
  store = createBrokerAccountStore(pool, { sealer: createSecretSealer(ring) });
  engine = await startTestEngine(database, new ManualClock(TEST_START), { env: { STRIKEDESK_MASTER_KEYS: MASTER_KEYS, BROKER_DAILY_LOGOUT_IST: 'off' }, brokerLinks: { pollMs: 50, healthCheckMs: 100 } });
});
afterAll(async () => {
  await engine?.close();
  await interactive?.close();
  await marketData?.close();
  await pool?.end();
  await database?.drop();
});

async function liveAccountOf(brokerAccountId: BrokerAccountId): Promise<AccountId> {
  const result = await pool.query<{ id: string }>('SELECT id FROM accounts WHERE broker_account_id = $1', [brokerAccountId]);
  return asAccountId(result.rows[0]?.id ?? '');
}

const future = (): Instrument => {
  const instrument = engine.services.catalog.chains[0]?.future;
  if (!instrument) throw new Error('no NIFTY future');
  return instrument;
};

function submit(accountId: AccountId, userId: UserId, clientOrderId: string): Promise<Order> {
  return engine.services.orders.submit({
    accountId,
    userId,
    origin: 'TERMINAL',
    order: { instrumentId: future().id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: 65, price: null, triggerPrice: null, clientOrderId: clientOrderId as never },
  });
}

describe('an XTS session that ends under an order', () => {
  it('rejects that order with BROKER_SESSION_EXPIRED, then halts the account', async () => {
    const instrument = future();
    interactive = await startFakeXtsInteractive({ instruments: [{ segment: 'NSEFO', exchangeInstrumentId: 35_003, tradingSymbol: instrument.tradingSymbol }] });
    marketData = await startFakeXtsMarketData({
      instruments: [
        { segment: 'NSEFO', exchangeInstrumentId: 35_003, tradingSymbol: instrument.tradingSymbol, name: instrument.underlying, kind: 'FUTURE', expiry: instrument.expiry ?? '', lotSize: instrument.lotSize, tickPaise: instrument.tickSize, freezeQty: instrument.freezeQuantity + 1 },
      ],
    });
    const last = engine.services.market.latest(instrument.id)?.lastPrice ?? 2_400_000;
    interactive.setMarket(35_003, { bid: last - 5, ask: last + 5, last });
    const userId = await insertUser(pool, 'trader');
    const account = await store.create(fakeXtsAccount('XTS expiring', interactive, marketData));
    await store.assign(account.id, [userId]);
    const live = await liveAccountOf(account.id);
    await waitUntil(async () => (await store.get(account.id)).connection === 'CONNECTED', { message: 'XTS connected', timeoutMs: 15_000 });

    interactive.expireToken(); // XTS just stops accepting the token: nothing on the socket
    const placed = await submit(live, userId, 'xtsexp1');
    const settled = await waitUntil(() => {
      const order = engine.services.orders.listOrders(live).find((candidate) => candidate.orderId === placed.orderId);
      return order && order.status !== 'SUBMITTED' ? order : undefined;
    }, { message: 'the order left SUBMITTED', timeoutMs: 3_000 });
    expect(settled).toMatchObject({ status: 'REJECTED', reasonCode: 'BROKER_SESSION_EXPIRED' });
    await waitUntil(() => engine.services.halts.find('ACCOUNT', live, 'BROKER_SESSION'), { message: 'account halted' });
    // The halt and the account's status are written separately: wait for the status too.
    await waitUntil(async () => (await store.get(account.id)).connection === 'SESSION_EXPIRED', { message: 'account status SESSION_EXPIRED' });
  });
});

/**
 * No order working means no order-book polls: the periodic reconciliation (every
 * RECONCILE_INTERVAL_MS, 30 s by default; run by hand here) reads the books and so meets the dead
 * token — the account must not show CONNECTED until an order comes back refused.
 */
describe('an XTS session that ends while the account is idle', () => {
  it('is found by the next reconciliation: the account shows SESSION_EXPIRED and is halted before any order', async () => {
    await interactive?.close();
    await marketData?.close();
    const instrument = future();
    interactive = await startFakeXtsInteractive({ instruments: [{ segment: 'NSEFO', exchangeInstrumentId: 35_003, tradingSymbol: instrument.tradingSymbol }] });
    marketData = await startFakeXtsMarketData({
      instruments: [
        { segment: 'NSEFO', exchangeInstrumentId: 35_003, tradingSymbol: instrument.tradingSymbol, name: instrument.underlying, kind: 'FUTURE', expiry: instrument.expiry ?? '', lotSize: instrument.lotSize, tickPaise: instrument.tickSize, freezeQty: instrument.freezeQuantity + 1 },
      ],
    });
    const userId = await insertUser(pool, 'trader');
    const account = await store.create(fakeXtsAccount('XTS idle expiring', interactive, marketData));
    await store.assign(account.id, [userId]);
    const live = await liveAccountOf(account.id);
    await waitUntil(async () => (await store.get(account.id)).connection === 'CONNECTED', { message: 'XTS connected', timeoutMs: 15_000 });
    await engine.services.reconciler.run(false);
    expect((await store.get(account.id)).connection).toBe('CONNECTED');

    interactive.expireToken(); // nothing on the socket, and no order working that would poll the books
    await engine.services.reconciler.run(false);
    await waitUntil(async () => (await store.get(account.id)).connection === 'SESSION_EXPIRED', { message: 'account status SESSION_EXPIRED', timeoutMs: 5_000 });
    expect(engine.services.halts.find('ACCOUNT', live, 'BROKER_SESSION')).toBeTruthy();
    expect(engine.services.orders.listOrders(live)).toEqual([]);
  });
});
