import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { Order, Tick } from '@strikedesk/domain';
import { loginAs, type GatewayClient } from '../testing/gateway-client.ts';
import { marketBuy, pickTradableOption, restingBuy, type TradableOption } from '../testing/market-fixtures.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { waitUntil } from '@strikedesk/domain/testing';
import type { SubscribeAck } from './socket-events.ts';

let stack: TestStack;
let traderA: GatewayClient;
let traderB: GatewayClient;
let option: TradableOption;
const openSockets: Socket[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  await createTestUser(stack.gateway.identity, 'trader-a', 'trader');
  await createTestUser(stack.gateway.identity, 'trader-b', 'trader');
  traderA = stack.client();
  traderB = stack.client();
  await loginAs(traderA, 'trader-a', TEST_PASSWORD);
  await loginAs(traderB, 'trader-b', TEST_PASSWORD);
  option = await pickTradableOption(traderA);
});
afterEach(() => {
  for (const socket of openSockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await stack?.close();
});

function open(token: unknown): Socket {
  const socket = connect(stack.gateway.url, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
  openSockets.push(socket);
  return socket;
}

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

const refused = (socket: Socket) =>
  new Promise<string>((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected with a bad token')));
    socket.once('connect_error', (error) => resolve(error.message));
  });

const emitWithAck = (socket: Socket, event: string, ...args: unknown[]) =>
  socket.timeout(5_000).emitWithAck(event, ...args) as Promise<SubscribeAck>;

describe('handshake', () => {
  it('refuses a missing, malformed or forged token with UNAUTHENTICATED', async () => {
    expect(await refused(open(undefined))).toBe('UNAUTHENTICATED');
    expect(await refused(open('not-a-jwt'))).toBe('UNAUTHENTICATED');
    expect(await refused(open({ nested: 'object' }))).toBe('UNAUTHENTICATED');
    const [header, , signature] = (traderA.state.token ?? '').split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'x', role: 'admin' })).toString('base64url');
    expect(await refused(open(`${header}.${forgedPayload}.${signature}`))).toBe('UNAUTHENTICATED');
  });
});

describe('ticks', () => {
  it('delivers ticks for subscribed instruments only, batched', async () => {
    const socket = open(traderA.state.token);
    const batches: Tick[][] = [];
    socket.on('ticks', (ticks: Tick[]) => batches.push(ticks));
    await connected(socket);
    expect(await emitWithAck(socket, 'subscribe', [option.instrument.id])).toEqual({ ok: true, count: 1 });
    await waitUntil(() => batches.length >= 2, { timeoutMs: 15_000, message: 'two tick batches' });
    const seen = new Set(batches.flat().map((tick) => tick.instrumentId));
    expect([...seen]).toEqual([option.instrument.id]);

    expect(await emitWithAck(socket, 'unsubscribe', [option.instrument.id])).toEqual({ ok: true, count: 0 });
  });
});

describe('junk from clients', () => {
  it('answers bad subscribe payloads with an error ack and keeps serving', async () => {
    const socket = open(traderA.state.token);
    await connected(socket);
    const junk: unknown[] = [undefined, null, 'NFO:NIFTY', { ids: [] }, [1, 2], ['lowercase:bad'], Array(501).fill(option.instrument.id)];
    for (const payload of junk) {
      const ack = await emitWithAck(socket, 'subscribe', payload);
      expect(ack).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
      if (!ack.ok) expect(ack.message).toMatch(/^subscribe takes a list of instrument ids/);
    }
    // No ack callback at all, and events nobody handles: must not crash anything.
    socket.emit('subscribe', 42);
    socket.emit('no-such-event', { x: 1 });
    expect(await emitWithAck(socket, 'subscribe', [option.instrument.id])).toEqual({ ok: true, count: 1 });
    expect((await fetch(`${stack.gateway.url}/healthz`)).status).toBe(200);
  });
});

describe('order pushes', () => {
  it("go to the owner's sockets only, plus a positions nudge on a fill", async () => {
    const socketA = open(traderA.state.token);
    const socketB = open(traderB.state.token);
    const ordersA: Order[] = [];
    const ordersB: Order[] = [];
    const positionsA: unknown[] = [];
    socketA.on('order', (order: Order) => ordersA.push(order));
    socketA.on('positions', (change: unknown) => positionsA.push(change));
    socketB.on('order', (order: Order) => ordersB.push(order));
    await Promise.all([connected(socketA), connected(socketB)]);

    const placedA = await traderA.trpc.orders.place.mutate(marketBuy(option));
    await waitUntil(() => ordersA.some((order) => order.orderId === placedA.orderId && order.status === 'FILLED'), {
      message: "trader A's order pushed through to FILLED",
    });
    const me = await traderA.trpc.auth.me.query();
    await waitUntil(() => positionsA.length > 0, { message: 'positions nudge after the fill' });
    expect(positionsA[0]).toEqual({ accountId: me.accountId });

    // B's own order arriving proves B's socket is live and caught up (one socket delivers in
    // order), so nothing of A's is still in flight to it.
    const placedB = await traderB.trpc.orders.place.mutate(restingBuy(option));
    await waitUntil(() => ordersB.some((order) => order.orderId === placedB.orderId), { message: "trader B's own order pushed" });
    expect(ordersB.every((order) => order.accountId !== placedA.accountId)).toBe(true);
    expect(ordersA.every((order) => order.accountId === placedA.accountId)).toBe(true);
  });
});

