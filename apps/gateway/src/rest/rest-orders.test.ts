import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_RISK_LIMITS, ERROR_CODES, OrderSchema, PositionViewSchema, type Order, type Paise, type PositionView } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import type { GatewayClient } from '../testing/gateway-client.ts';
import { marketBuy, pickTradableOption, restingBuy, type TradableOption } from '../testing/market-fixtures.ts';
import { restCall } from '../testing/rest-client.ts';
import { signedInAdmin, signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { readGatewayVersion } from '../version.ts';
import { API_V1_ROUTES } from './api-v1-routes.ts';
import { buildOpenApiDocument } from './openapi-document.ts';

let stack: TestStack;
let trader: GatewayClient;
let option: TradableOption;
let key: string;

beforeAll(async () => {
  stack = await startTestStack();
  trader = await signedInUser(stack, 'rest-trader', 'trader');
  option = await pickTradableOption(trader);
  ({ key } = await trader.trpc.apiKeys.create.mutate({ name: 'algo', scopes: ['trade'] }));
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const api = (method: string, path: string, options: Parameters<typeof restCall>[3] = {}) => restCall(stack.gateway.url, method, path, { key, ...options });
const orderOf = (body: unknown): Order => OrderSchema.parse(body);

describe('REST orders and positions with an API key', () => {
  it('places an order through the engine (origin API) that the trader sees in the terminal, and reads orders and positions back', async () => {
    const placed = await api('POST', '/api/v1/orders', { body: { ...marketBuy(option), clientOrderId: 'rest-1' } });
    expect(placed.status).toBe(201);
    expect(placed.headers.get('cache-control')).toBe('no-store');
    const order = orderOf(placed.body);
    expect(order).toMatchObject({ origin: 'API', clientOrderId: 'rest-1', instrumentId: option.instrument.id, status: 'FILLED', riskLimitsVersion: 0 });

    // The same clientOrderId again is the same order, not a second one.
    const retried = await api('POST', '/api/v1/orders', { body: { ...marketBuy(option), clientOrderId: 'rest-1' } });
    expect(orderOf(retried.body).orderId).toBe(order.orderId);

    const terminal = await trader.trpc.orders.list.query();
    expect(terminal.filter((seen) => seen.orderId === order.orderId)).toEqual([expect.objectContaining({ origin: 'API', status: 'FILLED' })]);

    const listed = await api('GET', '/api/v1/orders', { keyHeader: 'x-api-key' });
    expect(listed.status).toBe(200);
    expect(z.object({ orders: z.array(OrderSchema) }).parse(listed.body).orders.map((seen) => seen.orderId)).toContain(order.orderId);

    const positions = await api('GET', '/api/v1/positions');
    expect(positions.status).toBe(200);
    const rows = z.object({ positions: z.array(PositionViewSchema) }).parse(positions.body).positions;
    expect(rows.find((row) => row.instrumentId === option.instrument.id)).toMatchObject({ netQuantity: option.instrument.lotSize, product: 'MIS' });
    // The same book both ways; the marks (LTP, unrealized and day P&L) may move between the two reads.
    const unmarked = (views: readonly PositionView[]) => views.map(({ lastPrice: _last, unrealizedPnl: _unrealized, dayPnl: _day, ...book }) => book);
    expect(unmarked(rows)).toEqual(unmarked(await trader.trpc.positions.list.query()));
  });

  it('modifies (PATCH) and cancels (DELETE) a working order; an order id outside the account is ORDER_NOT_FOUND', async () => {
    const placed = orderOf((await api('POST', '/api/v1/orders', { body: restingBuy(option) })).body);
    expect(placed.status).toBe('OPEN');

    const newPrice = (placed.price! - option.instrument.tickSize) as Paise;
    const modified = await api('PATCH', `/api/v1/orders/${encodeURIComponent(placed.orderId)}`, { body: { price: newPrice } });
    expect(modified.status).toBe(200);
    expect(orderOf(modified.body).orderId).toBe(placed.orderId);
    await waitUntil(async () => (await trader.trpc.orders.list.query()).find((seen) => seen.orderId === placed.orderId && seen.price === newPrice), {
      message: 'the modification is applied',
    });

    const canceled = await api('DELETE', `/api/v1/orders/${encodeURIComponent(placed.orderId)}`);
    expect(canceled.status).toBe(200);
    expect(['PENDING_CANCEL', 'CANCELED']).toContain(orderOf(canceled.body).status);
    await waitUntil(async () => (await trader.trpc.orders.list.query()).find((seen) => seen.orderId === placed.orderId && seen.status === 'CANCELED'), {
      message: 'the order is cancelled',
    });
    const again = await api('DELETE', `/api/v1/orders/${encodeURIComponent(placed.orderId)}`);
    expect(again).toMatchObject({ status: 409, body: { error: 'ORDER_NOT_CANCELABLE' } });

    const other = await signedInUser(stack, 'rest-other', 'trader');
    const othersOrder = await other.trpc.orders.place.mutate(restingBuy(option));
    const foreign = await api('DELETE', `/api/v1/orders/${encodeURIComponent(othersOrder.orderId)}`);
    expect(foreign).toMatchObject({ status: 404, body: { error: 'ORDER_NOT_FOUND', message: ERROR_CODES.ORDER_NOT_FOUND } });
    expect((await other.trpc.orders.list.query()).find((seen) => seen.orderId === othersOrder.orderId)?.status).toBe('OPEN');
  });

  it('a clientOrderId reused for a different order is 409 DUPLICATE_CLIENT_ORDER_ID with the order it names; a retry after a modify is still its own order', async () => {
    const first = orderOf((await api('POST', '/api/v1/orders', { body: { ...restingBuy(option), clientOrderId: 'reuse-1' } })).body);
    const countBefore = (await trader.trpc.orders.list.query()).length;

    // e.g. a client's counter restarted: the same id, another order.
    const reused = await api('POST', '/api/v1/orders', { body: { ...marketBuy(option), side: 'SELL', clientOrderId: 'reuse-1' } });
    expect(reused.status).toBe(409);
    const refusal = z.object({ error: z.string(), message: z.string(), order: OrderSchema }).parse(reused.body);
    expect(refusal).toMatchObject({ error: 'DUPLICATE_CLIENT_ORDER_ID', order: { orderId: first.orderId, side: 'BUY', type: 'LIMIT' } });
    expect(refusal.message).toContain('new clientOrderId');
    // The same order at another price is another order too.
    const repriced = { ...restingBuy(option), price: (first.price! - option.instrument.tickSize) as Paise, clientOrderId: 'reuse-1' };
    expect(await api('POST', '/api/v1/orders', { body: repriced })).toMatchObject({ status: 409, body: { error: 'DUPLICATE_CLIENT_ORDER_ID' } });
    expect((await trader.trpc.orders.list.query()).length).toBe(countBefore);

    // A retry of the original request after the order was modified is still that order.
    const modified = await api('PATCH', `/api/v1/orders/${encodeURIComponent(first.orderId)}`, { body: { price: repriced.price } });
    expect(modified.status).toBe(200);
    const retried = await api('POST', '/api/v1/orders', { body: { ...restingBuy(option), clientOrderId: 'reuse-1' } });
    expect(retried.status).toBe(201);
    expect(orderOf(retried.body).orderId).toBe(first.orderId);
    await api('DELETE', `/api/v1/orders/${encodeURIComponent(first.orderId)}`);
  });

  it('refuses unknown fields (a misspelt clientOrderId places nothing) and the engine-only attribution fields', async () => {
    const before = (await trader.trpc.orders.list.query()).length;
    const misspelt = await api('POST', '/api/v1/orders', { body: { ...marketBuy(option), clientOrderID: 'typo-1' } });
    expect(misspelt).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    expect((misspelt.body as { message: string }).message).toContain('clientOrderID');
    for (const attribution of [{ strategyId: 'someone-s-strategy' }, { portfolioId: 'a-running-portfolio' }]) {
      expect(await api('POST', '/api/v1/orders', { body: { ...marketBuy(option), ...attribution } })).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    }
    expect((await trader.trpc.orders.list.query()).length).toBe(before);
  });

  it('refuses a PATCH that changes nothing (it would still cost one of the broker\'s modifications of the order)', async () => {
    const working = orderOf((await api('POST', '/api/v1/orders', { body: restingBuy(option) })).body);
    const path = `/api/v1/orders/${encodeURIComponent(working.orderId)}`;
    const nothing = await api('PATCH', path, { body: {} });
    expect(nothing).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    expect((nothing.body as { message: string }).message).toContain('at least one of quantity, price, triggerPrice, type');
    expect(await api('PATCH', path, { body: { limitPrice: working.price } })).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    const history = await trader.trpc.orders.history.query({ orderId: working.orderId });
    expect(history.entries.map((entry) => entry.event.type)).not.toContain('OrderModifyRequested');
    await api('DELETE', path);
  });

  it('reads one order by id (GET /api/v1/orders/{orderId}); another account\'s order is ORDER_NOT_FOUND', async () => {
    const placed = orderOf((await api('POST', '/api/v1/orders', { body: marketBuy(option) })).body);
    const read = await api('GET', `/api/v1/orders/${encodeURIComponent(placed.orderId)}`);
    expect(read.status).toBe(200);
    expect(orderOf(read.body)).toMatchObject({ orderId: placed.orderId, status: 'FILLED', origin: 'API' });

    const other = await signedInUser(stack, 'rest-reader-other', 'trader');
    const othersOrder = await other.trpc.orders.place.mutate(marketBuy(option));
    expect(await api('GET', `/api/v1/orders/${encodeURIComponent(othersOrder.orderId)}`)).toMatchObject({ status: 404, body: { error: 'ORDER_NOT_FOUND' } });
    expect(await api('GET', '/api/v1/orders/no-such-order')).toMatchObject({ status: 404, body: { error: 'ORDER_NOT_FOUND' } });
  });

  it('a modify into a shape the order checks refuse answers their code (400 TRIGGER_PRICE_REQUIRED), one the OpenAPI document names for modifyOrder', async () => {
    const working = orderOf((await api('POST', '/api/v1/orders', { body: restingBuy(option) })).body);
    const path = `/api/v1/orders/${encodeURIComponent(working.orderId)}`;
    expect(await api('PATCH', path, { body: { type: 'SL' } })).toMatchObject({ status: 400, body: { error: 'TRIGGER_PRICE_REQUIRED' } });
    expect(await api('PATCH', path, { body: { price: null } })).toMatchObject({ status: 400, body: { error: 'PRICE_REQUIRED' } });

    const document = buildOpenApiDocument(API_V1_ROUTES, readGatewayVersion());
    const documented = document.paths?.['/api/v1/orders/{orderId}']?.patch?.responses?.['400']?.description;
    expect(documented).toContain('TRIGGER_PRICE_REQUIRED');
    expect(documented).toContain('PRICE_REQUIRED');
    await api('DELETE', path);
  });

  it('answers a risk denial with the status and code of its reason, and the DENIED order as recorded', async () => {
    const { tickSize } = option.instrument;
    const farAbove = (Math.ceil((option.tick.lastPrice * 2) / tickSize) * tickSize) as Paise;
    const denied = await api('POST', '/api/v1/orders', { body: { ...restingBuy(option), price: farAbove } });
    expect(denied.status).toBe(412);
    const body = z.object({ error: z.string(), message: z.string(), order: OrderSchema }).parse(denied.body);
    expect(body.error).toBe('RISK_PRICE_BAND');
    expect(body.message).toContain(ERROR_CODES.RISK_PRICE_BAND);
    expect(body.order).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_PRICE_BAND', origin: 'API' });
    // Recorded like any denial: the trader sees it in the orderbook with its reason.
    expect((await trader.trpc.orders.list.query()).find((seen) => seen.orderId === body.order.orderId)).toMatchObject({ status: 'DENIED' });
  });

  it("answers the engine's order-rate refusal with 429 and Retry-After, so a program knows when to try again", async () => {
    // Another trader, limited to one order a second: this file's other tests keep the default limits.
    const paced = await signedInUser(stack, 'rest-paced', 'trader');
    const admin = await signedInAdmin(stack);
    const { accountId } = await paced.trpc.auth.me.query();
    await admin.trpc.admin.risk.limits.set.mutate({ accountId, baseVersion: 0, limits: { ...DEFAULT_RISK_LIMITS, ordersPerSecond: 1 }, comment: 'one a second' });
    const { key: pacedKey } = await paced.trpc.apiKeys.create.mutate({ name: 'fast algo', scopes: ['trade'] });
    const place = () => restCall(stack.gateway.url, 'POST', '/api/v1/orders', { key: pacedKey, body: restingBuy(option) });
    // Sent together, so they meet the engine within one second however slow the machine.
    const answers = await Promise.all([place(), place(), place()]);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused).toHaveLength(2);
    for (const answer of refused) {
      expect(answer).toMatchObject({ status: 429, body: { error: 'RISK_ORDER_RATE', order: { status: 'DENIED' } } });
      expect(answer.headers.get('retry-after')).toBe('1');
    }
    // A refusal that waiting does not cure carries no Retry-After.
    const farAbove = (Math.ceil((option.tick.lastPrice * 2) / option.instrument.tickSize) * option.instrument.tickSize) as Paise;
    const banded = await api('POST', '/api/v1/orders', { body: { ...restingBuy(option), price: farAbove } });
    expect(banded.status).toBe(412);
    expect(banded.headers.get('retry-after')).toBeNull();
  });

  it('refuses an invalid body with VALIDATION_FAILED naming the field, before the engine sees it', async () => {
    const before = (await trader.trpc.orders.list.query()).length;
    const negative = await api('POST', '/api/v1/orders', { body: { ...marketBuy(option), quantity: -5 } });
    expect(negative).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    expect((negative.body as { message: string }).message).toMatch(/^quantity: /);

    const missing = await api('POST', '/api/v1/orders', { body: { side: 'BUY' } });
    expect(missing).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    expect((missing.body as { message: string }).message).toContain('instrumentId');

    expect(await api('POST', '/api/v1/orders', { rawBody: '{"side":', headers: { 'content-type': 'application/json' } })).toMatchObject({
      status: 400,
      body: { error: 'VALIDATION_FAILED', message: 'The request body is not valid JSON.' },
    });
    expect(await api('POST', '/api/v1/orders', { rawBody: 'side=BUY', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).toMatchObject({
      status: 415,
      body: { error: 'VALIDATION_FAILED' },
    });
    expect(await api('PATCH', '/api/v1/orders/x', { body: { quantity: 'lots' } })).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    expect((await trader.trpc.orders.list.query()).length).toBe(before);
  });

  it('serves the OpenAPI document without a key', async () => {
    const served = await restCall(stack.gateway.url, 'GET', '/api/v1/openapi.json');
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^application\/json/);
    expect(served.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(API_V1_ROUTES, readGatewayVersion()))));
  });

  it('answers unknown paths 404 and wrong methods 405 with Allow, without needing a key', async () => {
    expect(await restCall(stack.gateway.url, 'GET', '/api/v1/nothing')).toMatchObject({ status: 404, body: { error: 'VALIDATION_FAILED' } });
    expect(await restCall(stack.gateway.url, 'GET', '/api')).toMatchObject({ status: 404 });
    const wrong = await restCall(stack.gateway.url, 'PUT', '/api/v1/orders');
    expect(wrong).toMatchObject({ status: 405, body: { error: 'VALIDATION_FAILED' } });
    expect(wrong.headers.get('allow')).toBe('GET, POST');
  });
});
