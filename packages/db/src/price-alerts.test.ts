import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAccountId, asUserId, DomainError, paise, PRICE_ALERT_LIFETIME_DAYS, MAX_ACTIVE_PRICE_ALERTS, PriceAlertSchema, type PriceAlertId, type PriceAlertOrderOutcome } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { listenForNotifications, type NotificationListener } from './notifications.ts';
import { createPool, type Pool } from './pool.ts';
import { createPriceAlertStore, PRICE_ALERT_CHANGE_CHANNEL, PRICE_ALERT_TRIGGERED_CHANNEL, type PriceAlertStore } from './price-alerts.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

const ALICE = asUserId('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
const BOB = asUserId('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb');
const FUTURE = 'NFO:NIFTY26DECFUT';

const code = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof DomainError ? error.code : error));

describe('price alert store', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PriceAlertStore;
  let listener: NotificationListener;
  const heard: [string, string][] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url);
    store = createPriceAlertStore(pool);
    for (const [id, username] of [[ALICE, 'alice'], [BOB, 'bob']] as const) await pool.query(`INSERT INTO users (id, username, password_hash, role) VALUES ($1, $2, 'x', 'trader')`, [id, username]);
    let ready = false;
    listener = listenForNotifications({ url: database.url, channels: [PRICE_ALERT_CHANGE_CHANNEL, PRICE_ALERT_TRIGGERED_CHANNEL], onNotification: (channel, payload) => heard.push([channel, payload]), onReconnect: () => (ready = true) });
    await waitUntil(() => ready || undefined, { message: 'listening' });
  });
  afterAll(async () => {
    await listener.close();
    await pool.end();
    await database.drop();
  });

  it("makes, lists and cancels a user's own alerts, telling the engine each time", async () => {
    heard.length = 0;
    const above = await store.create(ALICE, { instrumentId: FUTURE, condition: 'ABOVE', price: 2_620_000, note: 'breakout' });
    expect(above).toMatchObject({ userId: ALICE, instrumentId: FUTURE, condition: 'ABOVE', price: 2_620_000, note: 'breakout', status: 'ACTIVE', triggeredAt: null, triggeredPrice: null, cancelledAt: null });
    await pool.query('SELECT pg_sleep(0.01)');
    const below = await store.create(ALICE, { instrumentId: FUTURE, condition: 'BELOW', price: 2_580_000, note: '' });
    expect((await store.listOf(ALICE)).map((alert) => alert.id)).toEqual([below.id, above.id]);
    expect(await store.listOf(BOB)).toEqual([]);

    expect(await code(store.cancel(BOB, above.id))).toBe('PRICE_ALERT_NOT_FOUND');
    expect(await code(store.cancel(ALICE, '99999999-9999-4999-8999-999999999999' as PriceAlertId))).toBe('PRICE_ALERT_NOT_FOUND');
    const cancelled = await store.cancel(ALICE, above.id);
    expect(cancelled).toMatchObject({ id: above.id, status: 'CANCELLED', cancelledAt: expect.any(Number) });
    expect(await code(store.cancel(ALICE, above.id))).toBe('PRICE_ALERT_NOT_ACTIVE');
    expect((await store.active()).map((alert) => alert.id)).toContain(below.id);
    expect((await store.active()).map((alert) => alert.id)).not.toContain(above.id);
    await waitUntil(() => (heard.filter(([channel]) => channel === PRICE_ALERT_CHANGE_CHANNEL).length === 3 ? true : undefined), { message: 'two creates and a cancel told' });
    expect(heard.every(([, payload]) => payload === ALICE)).toBe(true);
  });

  it('fires an alert once, whoever looks twice, and tells the listeners with the whole alert', async () => {
    heard.length = 0;
    const alert = await store.create(BOB, { instrumentId: FUTURE, condition: 'BELOW', price: 2_580_000, note: 'support' });
    const at = Date.UTC(2026, 11, 9, 5, 31, 2, 345);
    const [first, second] = await Promise.all([store.trigger(alert.id, 2_579_950, at), store.trigger(alert.id, 2_579_900, at + 1)]);
    const fired = first ?? second;
    expect([first, second].filter((each) => each !== null)).toHaveLength(1);
    expect(fired).toMatchObject({ id: alert.id, status: 'TRIGGERED', triggeredAt: expect.any(Number), triggeredPrice: expect.any(Number) });
    const told = await waitUntil(() => heard.find(([channel]) => channel === PRICE_ALERT_TRIGGERED_CHANNEL), { message: 'the trigger told' });
    expect(fired?.ownerCanTrade).toBe(false); // a plain alert has no account to trade
    expect({ ...PriceAlertSchema.parse(JSON.parse(told[1])), ownerCanTrade: false }).toEqual(fired);
    expect(heard.filter(([channel]) => channel === PRICE_ALERT_TRIGGERED_CHANNEL)).toHaveLength(1);
    expect(await store.trigger(alert.id, 2_579_000, at + 2)).toBeNull();
    expect(await code(store.cancel(BOB, alert.id))).toBe('PRICE_ALERT_NOT_ACTIVE');
    // A cancelled alert never fires.
    const other = await store.create(BOB, { instrumentId: FUTURE, condition: 'ABOVE', price: 2_700_000, note: '' });
    await store.cancel(BOB, other.id);
    expect(await store.trigger(other.id, 2_700_000, at)).toBeNull();
  });

  it("keeps a GTT's order and account, tells it once with its outcome, and lists the fired ones still to finish", async () => {
    const user = asUserId('dddddddd-dddd-4ddd-8ddd-dddddddddddd');
    const account = asAccountId('dddddddd-0000-4ddd-8ddd-dddddddddddd');
    const othersAccount = asAccountId('bbbbbbbb-0000-4bbb-8bbb-bbbbbbbbbbbb');
    await pool.query(`INSERT INTO users (id, username, password_hash, role) VALUES ($1, 'dave', 'x', 'trader')`, [user]);
    await pool.query(`INSERT INTO accounts (id, user_id, name) VALUES ($1, $2, 'Paper'), ($3, $4, 'Paper')`, [account, user, othersAccount, BOB]);
    const order = { side: 'BUY', product: 'NRML', type: 'LIMIT', quantity: 75, price: paise(2_621_000) } as const;
    const gtt = await store.create(user, { instrumentId: FUTURE, condition: 'ABOVE', price: 2_620_000, note: '', gtt: { accountId: account, order } });
    expect(gtt).toMatchObject({ accountId: account, order, orderOutcome: null });
    const plain = await store.create(user, { instrumentId: FUTURE, condition: 'ABOVE', price: 2_620_000, note: '' });
    expect(plain).toMatchObject({ accountId: null, order: null, orderOutcome: null });
    // Someone else's account is no account of this user's: firing it could never trade.
    const misplaced = await store.create(user, { instrumentId: FUTURE, condition: 'ABOVE', price: 2_620_000, note: '', gtt: { accountId: othersAccount, order } });

    heard.length = 0;
    const at = Date.UTC(2026, 11, 9, 5, 40);
    const fired = await store.trigger(gtt.id, 2_620_050, at);
    expect(fired).toMatchObject({ id: gtt.id, status: 'TRIGGERED', ownerCanTrade: true, orderOutcome: null });
    expect((await store.trigger(misplaced.id, 2_620_050, at + 1))?.ownerCanTrade).toBe(false);
    expect((await store.unplaced()).map((each) => [each.id, each.ownerCanTrade])).toEqual([[gtt.id, true], [misplaced.id, false]]);
    await pool.query('SELECT pg_sleep(0.05)');
    expect(heard.filter(([channel]) => channel === PRICE_ALERT_TRIGGERED_CHANNEL)).toEqual([]); // told with its outcome, not before

    const outcome: PriceAlertOrderOutcome = { kind: 'ORDER', orderId: '261209-7' as never, clientOrderId: 'gtt0123456789abcdef0' as never, status: 'OPEN', reasonCode: null, reasonMessage: null };
    const recorded = await store.recordOrderOutcome(gtt.id, outcome);
    expect(recorded).toMatchObject({ id: gtt.id, orderOutcome: outcome });
    expect(await store.recordOrderOutcome(gtt.id, { kind: 'NOT_PLACED', code: 'X', message: 'second' })).toBeNull();
    expect(await store.recordOrderOutcome(plain.id, outcome)).toBeNull(); // not a GTT
    const told = await waitUntil(() => heard.find(([channel]) => channel === PRICE_ALERT_TRIGGERED_CHANNEL), { message: 'the outcome told' });
    expect(PriceAlertSchema.parse(JSON.parse(told[1]))).toEqual(recorded);
    expect((await store.unplaced()).map((each) => each.id)).toEqual([misplaced.id]);
    // Disabled: may no longer trade.
    await pool.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [user]);
    const later = await store.create(user, { instrumentId: FUTURE, condition: 'BELOW', price: 2_500_000, note: '', gtt: { accountId: account, order } });
    expect((await store.trigger(later.id, 2_499_000, at))?.ownerCanTrade).toBe(false);
    expect(await code(pool.query(`UPDATE price_alerts SET account_id = NULL WHERE id = $1`, [later.id]))).toMatchObject({ message: expect.stringContaining('price_alerts_order_has_account') });
  });

  it("ends an alert as EXPIRED at its contract's expiry close (as last listed), never an index's or a fired one's", async () => {
    const user = asUserId('eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee');
    await pool.query(`INSERT INTO users (id, username, password_hash, role) VALUES ($1, 'erin', 'x', 'trader')`, [user]);
    const weekly = 'NFO:NIFTY26D0824000CE';
    await pool.query(`INSERT INTO listed_instruments (id, definition, expiry, listed_on) VALUES ($1, '{}', '2026-12-08', '2026-12-01'), ($2, '{}', '2026-12-29', '2026-12-01')`, [weekly, FUTURE]);
    const onWeekly = await store.create(user, { instrumentId: weekly, condition: 'ABOVE', price: 20_000, note: '' });
    const firedOnWeekly = await store.create(user, { instrumentId: weekly, condition: 'BELOW', price: 10_000, note: '' });
    await store.trigger(firedOnWeekly.id, 9_995, Date.UTC(2026, 11, 8, 5));
    const onFuture = await store.create(user, { instrumentId: FUTURE, condition: 'ABOVE', price: 2_700_000, note: '' });
    const onIndex = await store.create(user, { instrumentId: 'NSE:NIFTY 50', condition: 'ABOVE', price: 2_700_000, note: '' });
    const close = Date.UTC(2026, 11, 8, 10, 0); // 15:30 IST on the weekly's expiry day

    expect(await store.expire(close - 1)).toEqual([]);
    const expired = await store.expire(close);
    expect(expired.map((alert) => [alert.id, alert.status, alert.expiredAt])).toEqual([[onWeekly.id, 'EXPIRED', close]]);
    expect(await store.expire(close + 86_400_000)).toEqual([]);
    const statuses = Object.fromEntries((await store.listOf(user)).map((alert) => [alert.id, alert.status]));
    expect(statuses).toEqual({ [onWeekly.id]: 'EXPIRED', [firedOnWeekly.id]: 'TRIGGERED', [onFuture.id]: 'ACTIVE', [onIndex.id]: 'ACTIVE' });
    expect(await code(store.cancel(user, onWeekly.id))).toBe('PRICE_ALERT_NOT_ACTIVE');
    expect(await store.trigger(onWeekly.id, 20_000, close + 1)).toBeNull();
  });

  it('ends an alert a year after it was set, an index\'s too', async () => {
    const user = asUserId('edededed-eded-4ded-8ded-edededededed');
    await pool.query(`INSERT INTO users (id, username, password_hash, role) VALUES ($1, 'ed', 'x', 'trader')`, [user]);
    const now = Date.UTC(2026, 11, 9, 6);
    const old = await store.create(user, { instrumentId: 'NSE:NIFTY 50', condition: 'ABOVE', price: 3_000_000, note: '' });
    const younger = await store.create(user, { instrumentId: 'NSE:NIFTY 50', condition: 'ABOVE', price: 3_000_000, note: '' });
    await pool.query(`UPDATE price_alerts SET created_at = to_timestamp($2::double precision / 1000) WHERE id = $1`, [old.id, now - PRICE_ALERT_LIFETIME_DAYS * 86_400_000]);
    await pool.query(`UPDATE price_alerts SET created_at = to_timestamp($2::double precision / 1000) WHERE id = $1`, [younger.id, now - PRICE_ALERT_LIFETIME_DAYS * 86_400_000 + 60_000]);
    expect((await store.expire(now)).map((alert) => alert.id)).toEqual([old.id]);
  });

  it('makes an OCO pair that names each other; the leg that fires cancels the other in the same update, and cancelling one cancels both', async () => {
    const user = asUserId('ffffffff-ffff-4fff-8fff-ffffffffffff');
    const account = asAccountId('ffffffff-0000-4fff-8fff-ffffffffffff');
    await pool.query(`INSERT INTO users (id, username, password_hash, role) VALUES ($1, 'frank', 'x', 'trader')`, [user]);
    await pool.query(`INSERT INTO accounts (id, user_id, name) VALUES ($1, $2, 'Paper')`, [account, user]);
    const sell = { side: 'SELL', product: 'NRML', type: 'MARKET', quantity: 75, price: null } as const;
    const target = { ...sell, type: 'LIMIT', price: paise(2_650_000) } as const;
    const pairOf = () => store.create(user, { instrumentId: FUTURE, condition: 'ABOVE', price: 2_650_000, note: 'exit', gtt: { accountId: account, order: target }, oco: { price: 2_550_000, order: sell } });

    const first = await pairOf();
    const listed = await store.listOf(user);
    const second = listed.find((alert) => alert.id !== first.id)!;
    expect(first).toMatchObject({ condition: 'ABOVE', price: 2_650_000, order: target, ocoWith: second.id, accountId: account });
    expect(second).toMatchObject({ condition: 'BELOW', price: 2_550_000, order: sell, ocoWith: first.id, accountId: account, note: 'exit', status: 'ACTIVE' });

    // The stop-loss fires: the target is cancelled by the same statement; it can no longer fire.
    const at = Date.UTC(2026, 11, 9, 6);
    const [stop, targetLate] = await Promise.all([store.trigger(second.id, 2_549_000, at), store.trigger(first.id, 2_651_000, at + 1)]);
    expect([stop, targetLate].filter((fired) => fired !== null)).toHaveLength(1);
    const statuses = Object.fromEntries((await store.listOf(user)).map((alert) => [alert.id, alert.status]));
    expect(Object.values(statuses).sort()).toEqual(['CANCELLED', 'TRIGGERED']);
    expect(await store.trigger(first.id, 2_660_000, at + 2)).toBeNull();
    expect(await store.trigger(second.id, 2_540_000, at + 2)).toBeNull();

    const again = await pairOf();
    const cancelled = await store.cancel(user, again.id);
    expect(cancelled).toMatchObject({ id: again.id, status: 'CANCELLED' });
    expect((await store.listOf(user)).find((alert) => alert.id === again.ocoWith)?.status).toBe('CANCELLED');
    expect((await store.active()).filter((alert) => alert.userId === user)).toEqual([]);
  });

  it('fires or cancels the two legs of a pair at the same moment in turn, never deadlocked, one winner each time', async () => {
    const user = asUserId('abababab-abab-4bab-8bab-abababababab');
    const account = asAccountId('abababab-0000-4bab-8bab-abababababab');
    await pool.query(`INSERT INTO users (id, username, password_hash, role) VALUES ($1, 'grace', 'x', 'trader')`, [user]);
    await pool.query(`INSERT INTO accounts (id, user_id, name) VALUES ($1, $2, 'Paper')`, [account, user]);
    const sell = { side: 'SELL', product: 'NRML', type: 'MARKET', quantity: 75, price: null } as const;
    const at = Date.UTC(2026, 11, 9, 6);
    for (let round = 0; round < 60; round += 1) {
      const first = await store.create(user, { instrumentId: FUTURE, condition: 'ABOVE', price: 2_650_000, note: '', gtt: { accountId: account, order: sell }, oco: { price: 2_550_000, order: sell } });
      const other = first.ocoWith!;
      // Both legs met at once (a fire each), or the trader cancelling one as the other fires: no statement fails.
      const outcomes = round % 2 === 0 ? await Promise.all([store.trigger(first.id, 2_650_000, at), store.trigger(other, 2_550_000, at)]) : await Promise.all([store.trigger(first.id, 2_650_000, at), store.cancel(user, other).catch((error: unknown) => (error instanceof DomainError ? null : Promise.reject(error)))]);
      const statuses = (await store.listOf(user)).filter((alert) => alert.id === first.id || alert.id === other).map((alert) => alert.status).sort();
      expect(statuses.filter((status) => status === 'TRIGGERED').length).toBeLessThanOrEqual(1);
      expect(statuses.filter((status) => status === 'ACTIVE')).toEqual([]);
      if (round % 2 === 0) expect(outcomes.filter((outcome) => outcome !== null)).toHaveLength(1);
    }
  });

  it("changes an active alert's level, note or GTT order, telling the engine; a fire at the old level no longer fires it", async () => {
    const user = asUserId('acacacac-acac-4cac-8cac-acacacacacac');
    const account = asAccountId('acacacac-0000-4cac-8cac-acacacacacac');
    await pool.query(`INSERT INTO users (id, username, password_hash, role) VALUES ($1, 'ivy', 'x', 'trader')`, [user]);
    await pool.query(`INSERT INTO accounts (id, user_id, name) VALUES ($1, $2, 'Paper')`, [account, user]);
    const sell = { side: 'SELL', product: 'NRML', type: 'MARKET', quantity: 75, price: null } as const;
    const stop = await store.create(user, { instrumentId: FUTURE, condition: 'BELOW', price: 2_500_000, note: 'stop', gtt: { accountId: account, order: sell } });
    const plain = await store.create(user, { instrumentId: FUTURE, condition: 'ABOVE', price: 2_700_000, note: '' });
    heard.length = 0;

    // Trailed up: the stop is now 2,550,000, twice the quantity.
    const trailed = await store.modify(user, stop.id, { price: 2_550_000, order: { ...sell, quantity: 150 } });
    expect(trailed).toMatchObject({ id: stop.id, condition: 'BELOW', price: 2_550_000, note: 'stop', order: { ...sell, quantity: 150 }, status: 'ACTIVE' });
    await waitUntil(() => heard.find(([channel, payload]) => channel === PRICE_ALERT_CHANGE_CHANNEL && payload === user), { message: 'the engine told' });
    // A watch that still holds the old level cannot fire it on the way: the update checks the level as it is now.
    expect(await store.trigger(stop.id, 2_560_000, Date.UTC(2026, 11, 9, 6))).toBeNull();
    expect(await store.trigger(stop.id, 2_549_000, Date.UTC(2026, 11, 9, 6))).toMatchObject({ id: stop.id, status: 'TRIGGERED', order: { quantity: 150 } });

    expect(await code(store.modify(user, stop.id, { note: 'late' }))).toBe('PRICE_ALERT_NOT_ACTIVE');
    expect(await code(store.modify(BOB, plain.id, { note: 'not mine' }))).toBe('PRICE_ALERT_NOT_FOUND');
    expect(await code(store.modify(user, plain.id, { order: sell }))).toBe('VALIDATION_FAILED');
    expect(await store.modify(user, plain.id, { note: 'breakout' })).toMatchObject({ note: 'breakout', price: 2_700_000, order: null });
    expect(await store.get(user, plain.id)).toMatchObject({ note: 'breakout' });
    expect(await store.get(BOB, plain.id)).toBeNull();
  });

  it(`keeps at most ${MAX_ACTIVE_PRICE_ALERTS} active alerts per user, even made at once`, async () => {
    const user = asUserId('cccccccc-cccc-4ccc-8ccc-cccccccccccc');
    await pool.query(`INSERT INTO users (id, username, password_hash, role) VALUES ($1, 'carol', 'x', 'trader')`, [user]);
    const outcomes = await Promise.all(
      Array.from({ length: MAX_ACTIVE_PRICE_ALERTS + 5 }, (_, index) => code(store.create(user, { instrumentId: FUTURE, condition: 'ABOVE', price: 2_600_000 + index, note: '' }))),
    );
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(MAX_ACTIVE_PRICE_ALERTS);
    expect(outcomes.filter((outcome) => outcome === 'PRICE_ALERT_LIMIT_REACHED')).toHaveLength(5);
    // A fired or cancelled one makes room.
    const [first] = await store.listOf(user);
    await store.cancel(user, first!.id);
    expect(await code(store.create(user, { instrumentId: FUTURE, condition: 'BELOW', price: 100, note: '' }))).toBeNull();
  });
});
