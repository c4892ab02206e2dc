import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { asUserId } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { createLogger } from '../logger.ts';
import { startRedisRevocationFeed, type RevocationFeed } from './redis-revocation-feed.ts';
import type { Revocation } from './revocation-list.ts';

// Needs the local Redis. Two feeds stand for two gateways.
const REDIS_URL = 'redis://127.0.0.1:6379';
const logger = createLogger('silent');
const alice = asUserId('5d0c6f52-7f0e-4a51-9a43-0d8c4f4b8a11');
const redis: Redis[] = [];
const feeds: RevocationFeed[] = [];

function gatewayFeed(connectionName: string) {
  const connection = new Redis(REDIS_URL);
  redis.push(connection);
  const heard: Revocation[] = [];
  const state = { subscriptions: 0 };
  const feed = startRedisRevocationFeed({
    redis: connection,
    logger,
    connectionName,
    onRevocations: (revocations) => heard.push(...revocations),
    onSubscribed: async () => {
      state.subscriptions += 1;
    },
  });
  feeds.push(feed);
  return { feed, heard, state };
}

beforeAll(async () => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await probe.connect().catch(() => {
    throw new Error(`this test needs Redis at ${REDIS_URL}`);
  });
  redis.push(probe);
});
afterAll(async () => {
  await Promise.all(feeds.map((feed) => feed.close()));
  await Promise.all(redis.map((connection) => connection.quit().catch(() => undefined)));
});

describe('redis revocation feed', () => {
  it("delivers one gateway's revocations to the other, not back to itself; after losing its connection a subscriber re-reads, then hears again", async () => {
    const name = `sd-revocations-test-${randomBytes(4).toString('hex')}`;
    const one = gatewayFeed(`${name}-one`);
    const two = gatewayFeed(`${name}-two`);
    await Promise.all([one.feed.firstSubscription, two.feed.firstSubscription]);
    expect(two.state.subscriptions).toBe(1);

    const logout: Revocation = { kind: 'session', sessionId: `s-${name}`, userId: alice, at: Date.now() };
    one.feed.publish([logout]);
    await waitUntil(() => two.heard.length > 0, { timeoutMs: 3_000, message: 'gateway two heard the logout' });
    expect(two.heard).toEqual([logout]);
    expect(one.heard).toEqual([]);

    // Cut gateway two's subscriber only (found by its connection name): announcements made while
    // it is away are lost, so it must re-read the database once subscribed again.
    const probe = redis[0]!;
    const clients = String(await probe.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
    const id = /id=(\d+) [^\n]*name=([^ ]+)/g;
    const ids = [...clients.matchAll(id)].filter((match) => match[2] === `${name}-two`).map((match) => match[1]);
    expect(ids).toHaveLength(1);
    await probe.call('CLIENT', 'KILL', 'ID', ids[0]!);
    await waitUntil(() => two.state.subscriptions === 2, { timeoutMs: 5_000, message: 'gateway two resubscribed and re-read' });

    const disable: Revocation = { kind: 'user', userId: alice, at: Date.now() };
    one.feed.publish([disable]);
    await waitUntil(() => two.heard.length > 1, { timeoutMs: 3_000, message: 'gateway two hears again after reconnecting' });
    expect(two.heard).toEqual([logout, disable]);
  });
});
