import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { paise, PriceAlertSchema, type CreatePriceAlertInput, type PriceAlert, type PriceAlertId } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { failureOf, type GatewayClient } from '../testing/gateway-client.ts';
import { pickTradableOption, type TradableOption } from '../testing/market-fixtures.ts';
import { restCall } from '../testing/rest-client.ts';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

let stack: TestStack;
let trader: GatewayClient;
let viewer: GatewayClient;
let option: TradableOption;
const sockets: Socket[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  trader = await signedInUser(stack, 'alerter', 'trader');
  viewer = await signedInUser(stack, 'watcher', 'viewer');
  option = await pickTradableOption(trader);
}, 60_000);
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await stack?.close();
});

const pushesTo = async (client: GatewayClient) => {
  const socket = connect(stack.gateway.url, { path: '/socket.io', auth: { token: client.state.token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  const received: { alert: PriceAlert; instrumentName: string }[] = [];
  socket.on('priceAlert', (payload: { alert: PriceAlert; instrumentName: string }) => received.push(payload));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return received;
};

/** A socket of `client` counting the `priceAlertsStale` pushes it gets. */
const staleTo = async (client: GatewayClient): Promise<{ stale: number }> => {
  const socket = connect(stack.gateway.url, { path: '/socket.io', auth: { token: client.state.token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  const told = { stale: 0 };
  socket.on('priceAlertsStale', () => (told.stale += 1));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return told;
};

/**
 * An alert one tick past the last price on `condition`'s side, so the next move that way fires it —
 * read again while the price gets there first (it moves every 250 ms, between the read and the create).
 */
const oneTickAway = async (client: GatewayClient, input: { condition: 'ABOVE' | 'BELOW'; note: string; order?: CreatePriceAlertInput['order'] }): Promise<PriceAlert> => {
  for (let attempt = 1; ; attempt += 1) {
    const [tick] = await client.trpc.market.quotes.query({ instrumentIds: [option.instrument.id] });
    const step = option.instrument.tickSize * (input.condition === 'ABOVE' ? 1 : -1);
    try {
      return await client.trpc.alerts.create.mutate({ instrumentId: option.instrument.id, price: paise(tick!.lastPrice + step), ...input });
    } catch (error) {
      if (attempt === 10 || (await failureOf(Promise.reject(error))).appCode !== 'PRICE_ALERT_ALREADY_MET') throw error;
    }
  }
};

describe('price alerts', () => {
  it("makes, lists and cancels the caller's own alerts, any role", async () => {
    const last = option.tick.lastPrice;
    const made = await viewer.trpc.alerts.create.mutate({ instrumentId: option.instrument.id, condition: 'ABOVE', price: paise(last * 10), note: '  far away  ' });
    expect(made).toMatchObject({ instrumentId: option.instrument.id, condition: 'ABOVE', price: last * 10, note: 'far away', status: 'ACTIVE' });
    expect((await viewer.trpc.alerts.list.query()).map((alert) => alert.id)).toEqual([made.id]);
    expect(await trader.trpc.alerts.list.query()).toEqual([]);
    expect(await failureOf(trader.trpc.alerts.cancel.mutate({ id: made.id }))).toMatchObject({ appCode: 'PRICE_ALERT_NOT_FOUND', httpStatus: 404 });
    expect(await viewer.trpc.alerts.cancel.mutate({ id: made.id })).toMatchObject({ id: made.id, status: 'CANCELLED' });
    expect(await failureOf(viewer.trpc.alerts.cancel.mutate({ id: made.id }))).toMatchObject({ appCode: 'PRICE_ALERT_NOT_ACTIVE', httpStatus: 409 });
    expect(await failureOf(viewer.trpc.alerts.cancel.mutate({ id: 'not-a-uuid' as PriceAlertId }))).toMatchObject({ appCode: 'VALIDATION_FAILED' });
  });

  it('refuses a level already reached, an unknown instrument and a bad price, saying why', async () => {
    const [tick] = await trader.trpc.market.quotes.query({ instrumentIds: [option.instrument.id] });
    const refusal = await failureOf(trader.trpc.alerts.create.mutate({ instrumentId: option.instrument.id, condition: 'BELOW', price: paise(tick!.lastPrice * 10) }));
    expect(refusal).toMatchObject({ appCode: 'PRICE_ALERT_ALREADY_MET', httpStatus: 400 });
    expect(refusal.message).toMatch(new RegExp(`^${option.instrument.displayName} is already at or below ₹[\\d,.]+ \\(last price ₹[\\d,.]+\\): the alert would fire at once\\.$`));
    expect(await failureOf(trader.trpc.alerts.create.mutate({ instrumentId: 'NFO:NOSUCH26DECFUT' as never, condition: 'ABOVE', price: paise(100) }))).toMatchObject({ appCode: 'INSTRUMENT_NOT_FOUND' });
    expect(await failureOf(trader.trpc.alerts.create.mutate({ instrumentId: option.instrument.id, condition: 'ABOVE', price: paise(0) }))).toMatchObject({ appCode: 'VALIDATION_FAILED' });
  });

  it("fires when the live price reaches the level: the owner's terminals get it once, with the instrument's name", async () => {
    const mine = await pushesTo(trader);
    const theirs = await pushesTo(viewer);
    // One tick either side of the last price: the next move either way reaches one of them.
    const up = await oneTickAway(trader, { condition: 'ABOVE', note: 'up' });
    const down = await oneTickAway(trader, { condition: 'BELOW', note: 'down' });
    const [first] = await waitUntil(() => (mine.length > 0 ? mine : undefined), { timeoutMs: 20_000, message: 'an alert fired' });
    expect([up.id, down.id]).toContain(first!.alert.id);
    expect(first).toMatchObject({ instrumentName: option.instrument.displayName, alert: { status: 'TRIGGERED', userId: up.userId, triggeredPrice: expect.any(Number) } });
    const fired = first!.alert;
    expect(fired.condition === 'ABOVE' ? fired.triggeredPrice! >= fired.price : fired.triggeredPrice! <= fired.price).toBe(true);
    // The list says so too; another user heard nothing.
    const listed = await trader.trpc.alerts.list.query();
    expect(listed.find((alert) => alert.id === fired.id)).toMatchObject({ status: 'TRIGGERED', triggeredPrice: fired.triggeredPrice });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mine.filter((each) => each.alert.id === fired.id)).toHaveLength(1);
    expect(theirs).toEqual([]);
  });

  it('a GTT: refused for a viewer and for an order the ticket would refuse; when it fires, the order is in the orderbook and the push says so', async () => {
    const [tick] = await trader.trpc.market.quotes.query({ instrumentIds: [option.instrument.id] });
    const last = tick!.lastPrice;
    const lot = option.instrument.lotSize;
    const buy = { side: 'BUY', product: 'NRML', type: 'MARKET', quantity: lot, price: null } as const;
    const far = { instrumentId: option.instrument.id, condition: 'ABOVE', price: paise(last * 10) } as const;
    expect(await failureOf(viewer.trpc.alerts.create.mutate({ ...far, order: buy }))).toMatchObject({ appCode: 'VIEWER_CANNOT_TRADE', httpStatus: 403 });
    expect(await failureOf(trader.trpc.alerts.create.mutate({ ...far, order: { ...buy, quantity: lot + 1 } }))).toMatchObject({ appCode: 'QUANTITY_NOT_LOT_MULTIPLE' });
    expect(await failureOf(trader.trpc.alerts.create.mutate({ ...far, order: { ...buy, type: 'LIMIT' } }))).toMatchObject({ appCode: 'PRICE_REQUIRED' });
    expect(await failureOf(trader.trpc.alerts.create.mutate({ instrumentId: 'NSE:NIFTY 50' as never, condition: 'ABOVE', price: paise(1_000_000_00), order: buy }))).toMatchObject({ appCode: 'INSTRUMENT_NOT_TRADABLE' });
    expect(await failureOf(trader.trpc.alerts.create.mutate({ ...far, order: { ...buy, type: 'SL' } as never }))).toMatchObject({ appCode: 'VALIDATION_FAILED' });
    expect((await trader.trpc.alerts.list.query()).filter((alert) => alert.order !== null)).toEqual([]);

    const mine = await pushesTo(trader);
    const up = await oneTickAway(trader, { condition: 'ABOVE', note: 'gtt up', order: buy });
    expect(up).toMatchObject({ accountId: (await trader.trpc.auth.me.query()).accountId, order: buy, orderOutcome: null });
    const down = await oneTickAway(trader, { condition: 'BELOW', note: 'gtt down', order: buy });
    const pushed = await waitUntil(() => mine.find((each) => each.alert.id === up.id || each.alert.id === down.id), { timeoutMs: 20_000, message: 'a GTT fired' });
    expect(pushed.alert).toMatchObject({ status: 'TRIGGERED', order: buy, orderOutcome: { kind: 'ORDER', orderId: expect.any(String) } });
    const outcome = pushed.alert.orderOutcome;
    if (outcome?.kind !== 'ORDER') throw new Error('no order');
    const placed = (await trader.trpc.orders.list.query()).find((order) => order.orderId === outcome.orderId);
    expect(placed).toMatchObject({ origin: 'GTT', clientOrderId: outcome.clientOrderId, instrumentId: option.instrument.id, side: 'BUY', quantity: lot });
  });

  it('an OCO pair: both legs made and listed naming each other, refused when a leg is already met or lacks an order, cancelled together', async () => {
    const [tick] = await trader.trpc.market.quotes.query({ instrumentIds: [option.instrument.id] });
    const last = tick!.lastPrice;
    const sell = { side: 'SELL', product: 'NRML', type: 'MARKET', quantity: option.instrument.lotSize, price: null } as const;
    const pair = { instrumentId: option.instrument.id, condition: 'ABOVE', price: paise(last * 10), note: 'exit', order: sell, oco: { price: paise(option.instrument.tickSize), order: sell } } as const;
    expect(await failureOf(trader.trpc.alerts.create.mutate({ ...pair, order: undefined }))).toMatchObject({ appCode: 'VALIDATION_FAILED' });
    expect(await failureOf(trader.trpc.alerts.create.mutate({ ...pair, oco: { ...pair.oco, price: paise(last * 20) } }))).toMatchObject({ appCode: 'VALIDATION_FAILED' });
    expect(await failureOf(trader.trpc.alerts.create.mutate({ ...pair, oco: { ...pair.oco, price: paise(last * 5) } }))).toMatchObject({ appCode: 'PRICE_ALERT_ALREADY_MET' });
    expect(await failureOf(viewer.trpc.alerts.create.mutate(pair))).toMatchObject({ appCode: 'VIEWER_CANNOT_TRADE' });

    const first = await trader.trpc.alerts.create.mutate(pair);
    const second = (await trader.trpc.alerts.list.query()).find((alert) => alert.id === first.ocoWith);
    expect(second).toMatchObject({ condition: 'BELOW', price: option.instrument.tickSize, order: sell, ocoWith: first.id, status: 'ACTIVE' });
    await trader.trpc.alerts.cancel.mutate({ id: second!.id });
    const after = await trader.trpc.alerts.list.query();
    expect(after.filter((alert) => alert.id === first.id || alert.id === second!.id).map((alert) => alert.status)).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it('over REST with an API key: a GTT set into the key\'s account, listed and cancelled; a refusal carries its code', async () => {
    const { key } = await trader.trpc.apiKeys.create.mutate({ name: 'gtt-bot', scopes: ['read', 'trade'] });
    const api = (method: string, path: string, body?: unknown) => restCall(stack.gateway.url, method, path, { key, body });
    const [tick] = await trader.trpc.market.quotes.query({ instrumentIds: [option.instrument.id] });
    const order = { side: 'BUY', product: 'NRML', type: 'MARKET', quantity: option.instrument.lotSize, price: null };
    const request = { instrumentId: option.instrument.id, condition: 'ABOVE', price: tick!.lastPrice * 10, note: 'from a program', order };

    const refused = await api('POST', '/api/v1/alerts', { ...request, order: { ...order, quantity: option.instrument.lotSize + 1 } });
    expect(refused).toMatchObject({ status: 400, body: { error: 'QUANTITY_NOT_LOT_MULTIPLE' } });
    const created = await api('POST', '/api/v1/alerts', request);
    expect(created.status).toBe(201);
    const gtt = PriceAlertSchema.parse(created.body);
    expect(gtt).toMatchObject({ status: 'ACTIVE', order, accountId: (await trader.trpc.auth.me.query()).accountId, note: 'from a program' });
    const listed = await api('GET', '/api/v1/alerts');
    expect(z.object({ alerts: z.array(PriceAlertSchema) }).parse(listed.body).alerts.map((alert) => alert.id)).toContain(gtt.id);
    expect(await api('DELETE', `/api/v1/alerts/${gtt.id}`)).toMatchObject({ status: 200, body: { id: gtt.id, status: 'CANCELLED' } });
    expect(await api('DELETE', `/api/v1/alerts/${gtt.id}`)).toMatchObject({ status: 409, body: { error: 'PRICE_ALERT_NOT_ACTIVE' } });
  });

  it('changes an alert: a new level (not one already reached), a GTT\'s order, either leg of an OCO pair; over REST too', async () => {
    const [tick] = await trader.trpc.market.quotes.query({ instrumentIds: [option.instrument.id] });
    const last = tick!.lastPrice;
    const lot = option.instrument.lotSize;
    const sell = { side: 'SELL', product: 'NRML', type: 'MARKET', quantity: lot, price: null } as const;
    const target = await trader.trpc.alerts.create.mutate({ instrumentId: option.instrument.id, condition: 'ABOVE', price: paise(last * 10), note: 'target', order: sell, oco: { price: paise(option.instrument.tickSize), order: sell } });
    const stopId = target.ocoWith!;

    expect(await trader.trpc.alerts.modify.mutate({ id: target.id, price: paise(last * 12), order: { ...sell, quantity: 2 * lot } })).toMatchObject({ id: target.id, price: last * 12, order: { quantity: 2 * lot }, ocoWith: stopId });
    expect(await failureOf(trader.trpc.alerts.modify.mutate({ id: target.id, price: paise(Math.max(1, Math.floor(last / 2))) }))).toMatchObject({ appCode: 'PRICE_ALERT_ALREADY_MET' });
    expect(await failureOf(trader.trpc.alerts.modify.mutate({ id: target.id, order: { ...sell, quantity: lot + 1 } }))).toMatchObject({ appCode: 'QUANTITY_NOT_LOT_MULTIPLE' });
    // The stop-loss trailed up, still below the price (a leg past its pair is refused too, reachable only while no price is known).
    expect(await trader.trpc.alerts.modify.mutate({ id: stopId, price: paise(2 * option.instrument.tickSize) })).toMatchObject({ id: stopId, condition: 'BELOW', price: 2 * option.instrument.tickSize });
    expect(await failureOf(viewer.trpc.alerts.modify.mutate({ id: target.id, note: 'not mine' }))).toMatchObject({ appCode: 'PRICE_ALERT_NOT_FOUND' });
    expect(await failureOf(trader.trpc.alerts.modify.mutate({ id: target.id }))).toMatchObject({ appCode: 'VALIDATION_FAILED' });
    const plain = await viewer.trpc.alerts.create.mutate({ instrumentId: option.instrument.id, condition: 'ABOVE', price: paise(last * 10), note: '' });
    expect(await failureOf(viewer.trpc.alerts.modify.mutate({ id: plain.id, order: sell }))).toMatchObject({ appCode: 'VALIDATION_FAILED' });

    const { key } = await trader.trpc.apiKeys.create.mutate({ name: 'trailer', scopes: ['read', 'trade'] });
    const patched = await restCall(stack.gateway.url, 'PATCH', `/api/v1/alerts/${target.id}`, { key, body: { note: 'moved by a program' } });
    expect(patched).toMatchObject({ status: 200, body: { id: target.id, note: 'moved by a program', price: last * 12 } });
    expect(await restCall(stack.gateway.url, 'PATCH', `/api/v1/alerts/${target.id}`, { key, body: { condition: 'BELOW' } })).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    await trader.trpc.alerts.cancel.mutate({ id: target.id });
  });

  it("ends an alert on a contract that expired, and has its owner's terminals read their alerts again", async () => {
    const told = await staleTo(viewer);
    const { userId } = await viewer.trpc.auth.me.query();
    // Set while the weekly was listed (the gateway now refuses one on an expired contract), then told to the engine.
    const client = new pg.Client({ connectionString: stack.database.url });
    await client.connect();
    try {
      await client.query(`INSERT INTO listed_instruments (id, definition, expiry, listed_on) VALUES ('NFO:NIFTY26D0124000CE', '{}', '2026-12-01', '2026-11-25') ON CONFLICT (id) DO NOTHING`);
      await client.query(`INSERT INTO price_alerts (id, user_id, instrument_id, condition, price) VALUES ('c3c3c3c3-c3c3-4c3c-8c3c-c3c3c3c3c3c3', $1, 'NFO:NIFTY26D0124000CE', 'ABOVE', 10000)`, [userId]);
      await client.query(`SELECT pg_notify('strikedesk_price_alert_changes', $1)`, [userId]);
    } finally {
      await client.end();
    }
    await waitUntil(() => (told.stale > 0 ? true : undefined), { timeoutMs: 15_000, message: "the owner's terminal was told to read its alerts again" });
    expect((await viewer.trpc.alerts.list.query()).find((alert) => alert.id === 'c3c3c3c3-c3c3-4c3c-8c3c-c3c3c3c3c3c3')).toMatchObject({ status: 'EXPIRED', expiredAt: expect.any(Number) });
  });

  it("tells every terminal to read its alerts again when the gateway's notifications were interrupted", async () => {
    const told = await staleTo(viewer);
    // The listening connections dropped (a database restart, a proxy's idle cut): a fire told meanwhile went unheard.
    const client = new pg.Client({ connectionString: stack.database.url });
    await client.connect();
    try {
      await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'strikedesk-listen' AND datname = current_database()`);
    } finally {
      await client.end();
    }
    await waitUntil(() => (told.stale > 0 ? true : undefined), { timeoutMs: 15_000, message: 'the terminal was told to read its alerts again' });
  });
});
