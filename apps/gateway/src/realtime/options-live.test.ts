import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { AccountGreeks, ChainQuery, OptionChain } from '@strikedesk/domain';
import { loginAs, type GatewayClient } from '../testing/gateway-client.ts';
import { freshestChain } from './chain-subscriptions.ts';
import { marketBuy, pickTradableOption } from '../testing/market-fixtures.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { waitUntil } from '@strikedesk/domain/testing';

type Ack = { ok: true } | { ok: false; code: string; message: string };

let stack: TestStack;
let traderA: GatewayClient;
let traderB: GatewayClient;
let query: ChainQuery;
let otherQuery: ChainQuery;
const openSockets: Socket[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  await createTestUser(stack.gateway.identity, 'live-a', 'trader');
  await createTestUser(stack.gateway.identity, 'live-b', 'trader');
  [traderA, traderB] = [stack.client(), stack.client()];
  await loginAs(traderA, 'live-a', TEST_PASSWORD);
  await loginAs(traderB, 'live-b', TEST_PASSWORD);
  const [first, second] = await traderA.trpc.chain.expiries.query({ underlying: 'NIFTY' });
  if (!first || !second) throw new Error('NIFTY needs two expiries');
  query = { underlying: 'NIFTY', expiry: first.expiry, strikesEachSide: 5 };
  otherQuery = { underlying: 'NIFTY', expiry: second.expiry, strikesEachSide: 10 };
}, 60_000);
afterEach(() => {
  for (const socket of openSockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await stack?.close();
});

async function open(client: GatewayClient): Promise<Socket> {
  const socket = connect(stack.gateway.url, { path: '/socket.io', auth: { token: client.state.token }, transports: ['websocket'], reconnection: false });
  openSockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}
const emitWithAck = (socket: Socket, event: string, ...args: unknown[]) => socket.timeout(5_000).emitWithAck(event, ...args) as Promise<Ack>;
const collect = <T>(socket: Socket, event: string): T[] => {
  const items: T[] = [];
  socket.on(event, (item: T) => items.push(item));
  return items;
};
const subscriptions = () => stack.gateway.engine.chains.engineSubscriptionCount();

describe('chain:subscribe', () => {
  it('pushes live chains; sockets on one query share one engine subscription; unsubscribe stops pushes', async () => {
    const [one, two, three] = [await open(traderA), await open(traderB), await open(traderA)];
    const [chainsOne, chainsTwo, chainsThree] = [collect<OptionChain>(one, 'chain'), collect<OptionChain>(two, 'chain'), collect<OptionChain>(three, 'chain')];
    expect(await emitWithAck(one, 'chain:subscribe', query)).toEqual({ ok: true });
    expect(await emitWithAck(two, 'chain:subscribe', query)).toEqual({ ok: true });
    expect(subscriptions()).toBe(1);
    await waitUntil(() => chainsOne.length >= 3 && chainsTwo.length >= 3, { timeoutMs: 15_000, message: 'live chain pushes to both sockets' });
    const latest = chainsOne.at(-1);
    expect(latest).toMatchObject({ underlying: 'NIFTY', expiry: query.expiry });
    expect(latest?.rows).toHaveLength(11);
    expect(latest).toMatchObject({ strikesEachSide: 5 });
    expect(new Set(chainsOne.map((chain) => chain.timestamp)).size).toBeGreaterThan(1);

    // A new subscribe replaces the socket's chain: a second query is a second engine subscription.
    expect(await emitWithAck(three, 'chain:subscribe', otherQuery)).toEqual({ ok: true });
    expect(subscriptions()).toBe(2);

    expect(await emitWithAck(one, 'chain:unsubscribe')).toEqual({ ok: true });
    expect(subscriptions()).toBe(2); // socket two still follows the query
    const frozen = chainsOne.length;
    const seenByTwo = chainsTwo.length;
    await waitUntil(() => chainsTwo.length >= seenByTwo + 2, { timeoutMs: 15_000, message: 'two more pushes to the remaining socket' });
    expect(chainsOne).toHaveLength(frozen);

    // Replacing two's query with three's leaves the first query without sockets: its engine stream ends.
    expect(await emitWithAck(two, 'chain:subscribe', otherQuery)).toEqual({ ok: true });
    expect(subscriptions()).toBe(1);
    await waitUntil(() => chainsTwo.at(-1)?.expiry === otherQuery.expiry, { message: 'two now gets the other chain' });
    expect(chainsThree.every((chain) => chain.expiry === otherQuery.expiry)).toBe(true);
    two.disconnect();
    three.disconnect();
    await waitUntil(() => subscriptions() === 0, { message: 'engine subscription dropped with the last socket' });
  });

  it('answers junk with an error ack and keeps serving', async () => {
    const socket = await open(traderA);
    const junk: unknown[] = [undefined, null, 'NIFTY', 42, { underlying: 'NIFTY' }, { underlying: 'NIFTY', expiry: 'tomorrow' }, { ...query, strikesEachSide: 1_000 }, [query]];
    for (const payload of junk) {
      const ack = await emitWithAck(socket, 'chain:subscribe', payload);
      expect(ack).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    }
    expect(await emitWithAck(socket, 'chain:subscribe', { underlying: 'NIFTY', expiry: '2001-01-02' })).toMatchObject({ ok: false, code: 'EXPIRY_NOT_FOUND' });
    socket.emit('chain:subscribe', { bad: true }); // no ack callback at all
    socket.emit('chain:unsubscribe', 'junk');
    expect(subscriptions()).toBe(0);
    const chains = collect<OptionChain>(socket, 'chain');
    expect(await emitWithAck(socket, 'chain:subscribe', query)).toEqual({ ok: true });
    await waitUntil(() => chains.length > 0, { message: 'a chain after the junk' });
    expect((await fetch(`${stack.gateway.url}/healthz`)).status).toBe(200);
  });
});

describe('chain:subscribe, re-subscribing and coalescing', () => {
  it('re-subscribing to the same query keeps the one engine subscription (acquire before release)', async () => {
    const socket = await open(traderA);
    const chains = collect<OptionChain>(socket, 'chain');
    expect(await emitWithAck(socket, 'chain:subscribe', query)).toEqual({ ok: true });
    expect(subscriptions()).toBe(1);
    // A pass-through counter on the gateway's real chain streams: how many engine subscriptions are opened.
    const streams = stack.gateway.engine.chains;
    const realFollow = streams.follow;
    let opened = 0;
    streams.follow = (followed, listener) => {
      opened += 1;
      return realFollow(followed, listener);
    };
    try {
      for (let round = 0; round < 3; round += 1) expect(await emitWithAck(socket, 'chain:subscribe', query)).toEqual({ ok: true });
      expect(opened).toBe(0);
      expect(subscriptions()).toBe(1);
      const seen = chains.length;
      await waitUntil(() => chains.length >= seen + 2, { timeoutMs: 15_000, message: 'pushes continue after re-subscribing' });
      // Switching to another query opens its subscription, then drops the old one.
      expect(await emitWithAck(socket, 'chain:subscribe', otherQuery)).toEqual({ ok: true });
      expect(opened).toBe(1);
      expect(subscriptions()).toBe(1);
    } finally {
      streams.follow = realFollow;
    }
    socket.disconnect();
    await waitUntil(() => subscriptions() === 0, { message: 'released on disconnect' });
  });

  it('keeps at most one chain.get in flight per socket: a spamming client is coalesced to its last query', async () => {
    const socket = await open(traderA);
    const chains = collect<OptionChain>(socket, 'chain');
    const engine = stack.gateway.engine;
    const realChain = engine.chain;
    let calls = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    engine.chain = (asked) => {
      calls += 1;
      maxInFlight = Math.max(maxInFlight, (inFlight += 1));
      return realChain(asked).finally(() => (inFlight -= 1));
    };
    try {
      const spam = Array.from({ length: 30 }, (_, index) => (index % 2 === 0 ? otherQuery : query)); // the last is `query`
      const acks = await Promise.all(spam.map((payload) => emitWithAck(socket, 'chain:subscribe', payload)));
      expect(acks.every((ack) => ack.ok)).toBe(true);
      expect(maxInFlight).toBe(1);
      expect(calls).toBeLessThanOrEqual(3);
      await waitUntil(() => chains.at(-1)?.expiry === query.expiry && chains.at(-1)?.strikesEachSide === query.strikesEachSide, { message: 'the last query wins' });
      expect(subscriptions()).toBe(1);
    } finally {
      engine.chain = realChain;
    }
    socket.disconnect();
    await waitUntil(() => subscriptions() === 0, { message: 'released on disconnect' });
  });

  it('first paint is whichever of the fetched chain and the stream’s latest is newer', () => {
    const at = (timestamp: number) => ({ timestamp }) as OptionChain;
    const fetched = at(2_000);
    expect(freshestChain(fetched, undefined)).toBe(fetched);
    expect(freshestChain(fetched, at(1_000))).toBe(fetched); // a stale stream push no longer wins
    const newer = at(3_000);
    expect(freshestChain(fetched, newer)).toBe(newer);
    expect(freshestChain(fetched, at(2_000))).toBe(fetched);
  });
});

describe('greeks push', () => {
  it("reaches the owner's sockets only", async () => {
    const [socketA, socketB] = [await open(traderA), await open(traderB)];
    const [greeksA, greeksB] = [collect<AccountGreeks>(socketA, 'greeks'), collect<AccountGreeks>(socketB, 'greeks')];
    const option = await pickTradableOption(traderA);
    await traderA.trpc.orders.place.mutate(marketBuy(option));
    await traderB.trpc.orders.place.mutate(marketBuy(option));
    const [meA, meB] = [await traderA.trpc.auth.me.query(), await traderB.trpc.auth.me.query()];
    await waitUntil(() => greeksA.length >= 2 && greeksB.length >= 2, { timeoutMs: 15_000, message: 'greeks pushed to both owners' });
    expect(greeksA.every((greeks) => greeks.accountId === meA.accountId)).toBe(true);
    expect(greeksB.every((greeks) => greeks.accountId === meB.accountId)).toBe(true);
    expect(greeksA.at(-1)?.positions[0]?.instrumentId).toBe(option.instrument.id);
  });
});
