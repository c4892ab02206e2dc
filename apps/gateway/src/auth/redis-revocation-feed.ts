import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { UserIdSchema } from '@strikedesk/domain';
import type { Logger } from '../logger.ts';
import type { Revocation } from './revocation-list.ts';

export const REVOCATION_CHANNEL = 'sd:session-revocations';

const RevocationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('session'), sessionId: z.string().min(1).max(64), userId: UserIdSchema, at: z.number() }),
  z.object({ kind: z.literal('user'), userId: UserIdSchema, at: z.number() }),
]);
const AnnouncementSchema = z.object({ origin: z.string(), revocations: z.array(RevocationSchema).max(100_000) });

export type RevocationFeed = {
  /** Tells the other gateways. Fire and forget: the database already holds the revocation. */
  publish(revocations: readonly Revocation[]): void;
  close(): Promise<void>;
};

/**
 * Redis pub/sub between gateways: each keeps its own in-memory list and hears the others'
 * revocations within milliseconds, so checking a token never waits on Redis (a per-call Redis
 * lookup costs a round trip, ~0.2 ms on loopback, on every call and handshake — and fails them
 * all when Redis does). Pub/sub delivers only to connected subscribers, so whenever the
 * subscription is (re)established `onSubscribed` runs: the caller re-reads the recent revocations
 * from the database, where every revocation is committed before it is announced.
 */
export function startRedisRevocationFeed(deps: {
  /** The gateway's command connection; the subscriber is a duplicate (a subscribed connection can only listen). */
  redis: Redis;
  onRevocations(revocations: Revocation[]): void;
  onSubscribed(): Promise<void>;
  logger: Logger;
  /** Shown in Redis CLIENT LIST (tests find their own subscriber by it). */
  connectionName?: string;
}): RevocationFeed & { firstSubscription: Promise<void> } {
  // Our own announcements come back to us too; this gateway has already applied them.
  const origin = randomUUID();
  // Resubscribed by hand (below) rather than by ioredis: only then do we know when the
  // subscription is live again, which is when the database must be re-read.
  const subscriber = deps.redis.duplicate({ autoResubscribe: false, connectionName: deps.connectionName ?? 'sd-session-revocations' });
  subscriber.on('error', (error) => deps.logger.warn({ err: error }, 'session revocation subscriber: redis error'));
  subscriber.on('message', (channel: string, message: string) => {
    if (channel !== REVOCATION_CHANNEL) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      parsed = null;
    }
    const announcement = AnnouncementSchema.safeParse(parsed);
    if (!announcement.success) {
      deps.logger.warn('session revocation subscriber: unreadable announcement ignored');
      return;
    }
    if (announcement.data.origin !== origin) deps.onRevocations(announcement.data.revocations);
  });

  let resolveFirst: () => void = () => undefined;
  const firstSubscription = new Promise<void>((resolve) => {
    resolveFirst = resolve;
  });
  const subscribe = async () => {
    try {
      await subscriber.subscribe(REVOCATION_CHANNEL);
    } catch (error) {
      deps.logger.warn({ err: error }, 'session revocation subscriber: subscribing failed; retried on reconnect');
      return;
    }
    // Subscribed first, then read: a revocation committed meanwhile is either read or announced.
    await deps.onSubscribed().catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'session revocations: re-reading after (re)subscribing failed; the periodic resync catches up');
    });
    resolveFirst();
  };
  // 'ready' comes at the first connection and after every reconnection.
  subscriber.on('ready', () => void subscribe());

  return {
    firstSubscription,
    publish(revocations) {
      if (revocations.length === 0) return;
      deps.redis.publish(REVOCATION_CHANNEL, JSON.stringify({ origin, revocations })).catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'session revocation could not be announced; other gateways learn it when they resync');
      });
    },
    async close() {
      subscriber.removeAllListeners('ready');
      await subscriber.quit().catch(() => undefined);
    },
  };
}
