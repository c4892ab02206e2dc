import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendRawHttp, UNPARSEABLE_TARGET_REQUEST } from '../../raw-http-request.ts';
import { maxRequestsInWindow } from './fake-kite-harness.ts';
import { startFakeKiteServer, type RunningFakeKite } from './fake-kite-server.ts';

/** The fake Kite's own protocol, over raw HTTP (no client in between). */
let fake: RunningFakeKite;
beforeEach(async () => {
  fake = await startFakeKiteServer();
});
afterEach(async () => fake.close());

const auth = (): Record<string, string> => ({ 'X-Kite-Version': '3', Authorization: `token ${fake.apiKey}:${fake.accessToken}` });
const call = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${fake.url}${path}`, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const placeForm = (fields: Record<string, string> = {}) =>
  new URLSearchParams({ exchange: 'NFO', tradingsymbol: 'NIFTY26DEC24000CE', transaction_type: 'BUY', order_type: 'MARKET', quantity: '65', product: 'NRML', validity: 'DAY', tag: 'raw1', ...fields });

describe('fake Kite protocol', () => {
  it('wants the version header and a valid token, answering in the error envelope', async () => {
    expect(await call('/orders', { headers: { Authorization: auth()['Authorization']! } })).toEqual({
      status: 400,
      body: { status: 'error', message: 'Invalid or missing `X-Kite-Version` header.', data: null, error_type: 'InputException' },
    });
    expect(await call('/orders', { headers: { ...auth(), Authorization: `token ${fake.apiKey}:wrong` } })).toMatchObject({ status: 403, body: { error_type: 'TokenException' } });
    expect(await call('/nowhere', { headers: auth() })).toMatchObject({ status: 404, body: { error_type: 'GeneralException' } });
    expect(await call('/orders', { headers: auth() })).toEqual({ status: 200, body: { status: 'success', data: [] } });
  });

  it('walks a MARKET order through Kite\'s states to COMPLETE, with a trade id', async () => {
    fake.setMarketPrice('NFO:NIFTY26DEC24000CE', 12_050);
    const placed = await call('/orders/regular', { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: placeForm() });
    const orderId = (placed.body['data'] as { order_id: string }).order_id;
    expect(orderId).toMatch(/^\d{15}$/);
    const history = (await call(`/orders/${orderId}`, { headers: auth() })).body['data'] as { status: string; average_price: number }[];
    expect(history.map((h) => h.status)).toEqual(['PUT ORDER REQ RECEIVED', 'VALIDATION PENDING', 'OPEN PENDING', 'OPEN', 'COMPLETE']);
    expect(history.at(-1)?.average_price).toBe(120.5);
    const trades = (await call(`/orders/${orderId}/trades`, { headers: auth() })).body['data'] as { trade_id: string; order_timestamp: string }[];
    expect(trades).toHaveLength(1);
    expect(trades[0]?.trade_id).toMatch(/^\d+$/);
    expect(trades[0]?.order_timestamp).toMatch(/^\d{2}:\d{2}:\d{2}$/);
  });

  it('validates orders before the OMS: lot size, tick size, tag length, required fields', async () => {
    const post = (fields: Record<string, string>) =>
      call('/orders/regular', { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: placeForm(fields) });
    expect((await post({ quantity: '60' })).body).toMatchObject({ error_type: 'InputException' });
    expect((await post({ order_type: 'LIMIT', price: '100.03' })).body).toMatchObject({ error_type: 'InputException' });
    expect((await post({ tag: 'x'.repeat(21) })).body).toMatchObject({ error_type: 'InputException' });
    expect((await post({ product: '' })).body).toMatchObject({ error_type: 'InputException', message: 'Missing `product`.' });
    expect((await post({ tradingsymbol: 'NIFTY 50', exchange: 'NSE' })).body).toMatchObject({ error_type: 'InputException' });
    expect(fake.book.orders).toHaveLength(0);
  });

  it('allows 25 modifications per order', async () => {
    const placed = await call('/orders/regular', { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: placeForm({ order_type: 'LIMIT', price: '100' }) });
    const orderId = (placed.body['data'] as { order_id: string }).order_id;
    const modify = (price: number) =>
      call(`/orders/regular/${orderId}`, { method: 'PUT', headers: { ...auth(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ price: String(price) }) });
    for (let i = 1; i <= 25; i += 1) expect((await modify(100 + i)).status).toBe(200);
    expect((await modify(200)).body).toMatchObject({ error_type: 'OrderException', message: 'Maximum allowed order modifications exceeded.' });
    expect(fake.book.order(orderId)?.price).toBe(12_500);
  });

  it('publishes postback-shaped order updates with a verifiable checksum', async () => {
    const updates: Record<string, unknown>[] = [];
    fake.onOrderUpdate((payload) => updates.push(payload));
    await call('/orders/regular', { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: placeForm() });
    expect(updates.map((u) => u['status'])).toEqual(['PUT ORDER REQ RECEIVED', 'VALIDATION PENDING', 'OPEN PENDING', 'OPEN', 'COMPLETE']);
    const last = updates.at(-1)!;
    const expected = createHash('sha256').update(`${String(last['order_id'])}${String(last['order_timestamp'])}${fake.apiSecret}`).digest('hex');
    expect(last).toMatchObject({ checksum: expected, user_id: 'ZX1234', unfilled_quantity: 0, tag: 'raw1' });
  });

  it('answers a request target it cannot read with 400 and goes on serving (simulated accounts run it inside the engine)', async () => {
    expect(await sendRawHttp(fake.port, UNPARSEABLE_TARGET_REQUEST)).toBe(400);
    expect(await call('/orders', { headers: auth() })).toEqual({ status: 200, body: { status: 'success', data: [] } });
  });

  it('records arrival times for rate-limit checks', () => {
    // Half-open windows: a request exactly one window later starts the next one.
    expect(maxRequestsInWindow([0, 100, 999, 1_000, 1_500, 1_999], 1_000)).toBe(3);
    expect(maxRequestsInWindow([5, 0, 999, 998], 1_000)).toBe(4);
    expect(maxRequestsInWindow([], 1_000)).toBe(0);
  });
});
