import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTRPCClient, createWSClient, TRPCClientError, wsLink } from '@trpc/client';
import { WebSocket } from 'ws';
import type { EngineEventEnvelope, Instrument, Order, Tick } from '@strikedesk/domain';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { RunningEngine } from '../engine.ts';
import type { EngineRouter } from '../router-type.ts';
import { ACCOUNT_A, ACCOUNT_B, ManualClock, TEST_START, TEST_TOKEN, USER_A, USER_B, createTestDatabase, startTestEngine } from '../testing/test-engine.ts';
import { waitUntil } from '@strikedesk/domain/testing';

let database: TestDatabase;
let engine: RunningEngine;
const testClock = new ManualClock(TEST_START);
const cleanups: (() => void | Promise<void>)[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  engine = await startTestEngine(database, testClock);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await engine?.close();
  await database?.drop();
});

function connect(token: string) {
  const wsClient = createWSClient({ url: engine.url, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket, connectionParams: { token }, retryDelayMs: () => 50 });
  const client = createTRPCClient<EngineRouter>({ links: [wsLink({ client: wsClient })] });
  cleanups.push(() => wsClient.close());
  return client;
}

const firstFuture = async (client: ReturnType<typeof connect>): Promise<Instrument> => {
  const [future] = await client.instruments.search.query({ query: 'nifty fut', limit: 1 });
  if (!future) throw new Error('no future found');
  return future;
};

describe('engine tRPC over WebSocket', () => {
  it('refuses a connection with a bad token', async () => {
    const socket = new WebSocket(`${engine.url}?connectionParams=1`);
    const messages: string[] = [];
    socket.on('message', (data: Buffer) => messages.push(data.toString()));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ method: 'connectionParams', data: { token: 'wrong-token-wrong-token' } }));
    socket.send(JSON.stringify({ id: 1, method: 'query', params: { path: 'health.ping', input: undefined } }));
    await new Promise((resolve) => socket.once('close', resolve));
    const error = messages.map((text) => JSON.parse(text) as { error?: { data?: { appCode?: string; code?: string } } }).find((m) => m.error);
    expect(error?.error?.data).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'UNAUTHENTICATED' });
    expect(messages.some((text) => text.includes('"lastSeq"'))).toBe(false);
  });

  it('answers health, search and quotes with the right token', async () => {
    const client = connect(TEST_TOKEN);
    const health = await client.health.ping.query();
    expect(health.startedAt).toBeGreaterThan(0);
    const hits = await client.instruments.search.query({ query: 'nifty 26000 ce', limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.displayName).toMatch(/^NIFTY .* 26000 CE$/);
    const [quote] = await client.market.quotes.query({ instrumentIds: [hits[0]?.id ?? ''] as Instrument['id'][] });
    expect(quote?.instrumentId).toBe(hits[0]?.id);
    expect(await client.instruments.get.query({ instrumentIds: [hits[0]?.id ?? '', 'NFO:NOSUCH26DECFUT'] as Instrument['id'][] })).toHaveLength(1);
  });

  it('submits and lists orders; errors carry appCode and no stack', async () => {
    const client = connect(TEST_TOKEN);
    const future = await firstFuture(client);
    const order = await client.orders.submit.mutate({ accountId: ACCOUNT_A, userId: USER_A, order: { instrumentId: future.id, side: 'BUY', type: 'MARKET', product: 'MIS', quantity: 65 } });
    await waitUntil(async () => (await client.orders.list.query({ accountId: ACCOUNT_A })).find((o) => o.orderId === order.orderId && o.status === 'FILLED'));
    const orders = await client.orders.list.query({ accountId: ACCOUNT_A });
    expect(orders[0]?.orderId).toBe(order.orderId); // newest first
    expect(await client.orders.list.query({ accountId: ACCOUNT_B })).toEqual([]);
    const positions = await client.positions.list.query({ accountId: ACCOUNT_A });
    expect(positions.find((p) => p.instrumentId === future.id)?.netQuantity).toBe(65);

    const notFound = await client.orders.cancel.mutate({ accountId: ACCOUNT_B, userId: USER_B, cancel: { orderId: order.orderId } }).catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(TRPCClientError);
    const shape = (notFound as TRPCClientError<EngineRouter>).data;
    expect(shape).toMatchObject({ appCode: 'ORDER_NOT_FOUND', code: 'NOT_FOUND' });
    expect(JSON.stringify(shape)).not.toContain('stack');

    const invalid = await client.orders.submit.mutate({ accountId: 'not-a-uuid', userId: USER_A, order: { instrumentId: future.id, side: 'BUY', type: 'MARKET', product: 'MIS', quantity: 65 } } as never).catch((error: unknown) => error);
    expect((invalid as TRPCClientError<EngineRouter>).data?.appCode).toBe('VALIDATION_FAILED');
    expect((invalid as TRPCClientError<EngineRouter>).message).toContain('accountId');
  });

  it('events.stream resumes after lastEventId with no gap and no duplicate, then goes live', async () => {
    const client = connect(TEST_TOKEN);
    const future = await firstFuture(client);
    const [quote] = await client.market.quotes.query({ instrumentIds: [future.id] });
    if (!quote) throw new Error('no quote');
    // A sell 5% above the market rests (inside the 20% price band).
    const price = Math.ceil((quote.lastPrice * 1.05) / 5) * 5;
    const place = (): Promise<Order> =>
      client.orders.submit.mutate({ accountId: ACCOUNT_A, userId: USER_A, order: { instrumentId: future.id, side: 'SELL', type: 'LIMIT', price, product: 'NRML', quantity: 65 } });
    for (let i = 0; i < 3; i += 1) await place();
    const { lastSeq } = await client.health.ping.query();
    const resumeFrom = lastSeq - 4;

    const received: { id: string; envelope: EngineEventEnvelope }[] = [];
    const subscription = client.events.stream.subscribe(
      { lastEventId: String(resumeFrom) },
      { onData: (data) => received.push({ id: data.id, envelope: data.data as EngineEventEnvelope }) },
    );
    cleanups.push(() => subscription.unsubscribe());
    // Live traffic racing the backlog read must neither be lost nor repeated.
    const live = await Promise.all([place(), place()]);
    const liveLast = await waitUntil(async () => {
      const { lastSeq: now } = await client.health.ping.query();
      return received.at(-1)?.envelope.seq === now && now >= lastSeq + 4 ? now : undefined;
    }, { message: 'live events' });

    const seqs = received.map((item) => item.envelope.seq);
    expect(seqs).toEqual(Array.from({ length: liveLast - resumeFrom }, (_, index) => resumeFrom + 1 + index));
    expect(received.map((item) => item.id)).toEqual(seqs.map(String));
    for (const order of live) expect(received.some((item) => item.envelope.order.orderId === order.orderId && item.envelope.event.type === 'OrderSubmitted')).toBe(true);
    // The envelope carries the order as it stood after that event.
    const submitted = received.find((item) => item.envelope.event.type === 'OrderSubmitted');
    expect(submitted?.envelope.order.status).toBe('SUBMITTED');
  });

  it('events.stream refuses a resume point past the journal with EVENT_STREAM_AHEAD instead of going quiet', async () => {
    const client = connect(TEST_TOKEN);
    const { lastSeq } = await client.health.ping.query();
    const outcome = await new Promise<unknown>((resolve) => {
      const timer = setTimeout(() => resolve('no error within 3 s'), 3_000);
      const subscription = client.events.stream.subscribe(
        // A gateway that followed a journal the engine no longer has (reset database).
        { lastEventId: String(lastSeq + 1_000) },
        {
          onData: () => resolve('data'),
          onError: (error) => {
            clearTimeout(timer);
            resolve(error);
          },
        },
      );
      cleanups.push(() => subscription.unsubscribe());
    });
    expect(outcome).toBeInstanceOf(TRPCClientError);
    const error = outcome as TRPCClientError<EngineRouter>;
    expect(error.data).toMatchObject({ appCode: 'EVENT_STREAM_AHEAD', code: 'PRECONDITION_FAILED' });
    expect(error.message).toMatch(/resubscribe from the live end/);
  });

  it('market.ticks streams batches as the simulator steps', async () => {
    const client = connect(TEST_TOKEN);
    const batches: Tick[][] = [];
    const subscription = client.market.ticks.subscribe(undefined, { onData: (ticks) => batches.push(ticks) });
    cleanups.push(() => subscription.unsubscribe());
    await client.health.ping.query(); // the subscription request is on the wire before we step
    await waitUntil(() => {
      testClock.advance(250);
      engine.runner.stepNow();
      return batches.length > 0 || undefined;
    }, { message: 'a tick batch' });
    expect(batches[0]?.length).toBeGreaterThan(0);
  });

  it('market.ticks conflates for a gateway whose socket is backed up instead of queueing every batch', async () => {
    const sockets: WebSocket[] = [];
    class RecordingWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets.push(this);
      }
    }
    const wsClient = createWSClient({ url: engine.url, WebSocket: RecordingWebSocket as unknown as typeof globalThis.WebSocket, connectionParams: { token: TEST_TOKEN } });
    cleanups.push(() => wsClient.close());
    const client = createTRPCClient<EngineRouter>({ links: [wsLink({ client: wsClient })] });
    const batches: Tick[][] = [];
    const subscription = client.market.ticks.subscribe(undefined, { onData: (ticks) => batches.push(ticks) });
    cleanups.push(() => subscription.unsubscribe());
    await client.health.ping.query();
    const socket = sockets[0];
    if (!socket) throw new Error('no socket');

    // The gateway stops reading (TCP backpressure) while the market moves: each batch is ~0.7 MB.
    socket.pause();
    const steps = 80;
    for (let step = 0; step < steps; step += 1) {
      testClock.advance(250);
      engine.runner.stepNow();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = batches.length;
    socket.resume();
    let seen = -1;
    await waitUntil(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const settled = batches.length === seen;
      seen = batches.length;
      return settled;
    }, { timeoutMs: 20_000, message: 'the backlog to drain' });

    // Only what the kernel buffers held plus a conflated catch-up arrives, not one batch per step.
    expect(batches.length - before).toBeLessThan(steps / 2);
    // ...and the catch-up carries the latest prices.
    const last = new Map<string, Tick>();
    for (const batch of batches) for (const tick of batch) last.set(tick.instrumentId, tick);
    const sample = [...last.keys()].slice(0, 50);
    for (const instrumentId of sample) expect(last.get(instrumentId)).toEqual(engine.services.market.latest(instrumentId));
  }, 30_000);
});
