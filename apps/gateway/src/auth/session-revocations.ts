import type { Redis } from 'ioredis';
import type { RevocationsRepository } from '@strikedesk/db/identity';
import type { Logger } from '../logger.ts';
import { startRedisRevocationFeed, type RevocationFeed } from './redis-revocation-feed.ts';
import { createRevocationList, type AccessIdentity, type Revocation } from './revocation-list.ts';

/** Extra time a revocation is kept beyond the token lifetime: clock skew between gateways. */
export const REVOCATION_SKEW_MARGIN_MS = 60_000;
/** How often the database is re-read anyway: a safety net for an announcement lost in Redis. */
export const REVOCATION_RESYNC_INTERVAL_MS = 30_000;
/** How long a start waits for the Redis subscription before going on without it (it resyncs once subscribed). */
const FIRST_SUBSCRIPTION_WAIT_MS = 3_000;

export type SessionRevocations = {
  /** Sessions or users this gateway just ended (already committed): refused here at once, and announced. */
  revoke(revocations: readonly Revocation[]): void;
  /** In memory: costs nothing measurable per call. */
  isRevoked(access: AccessIdentity): boolean;
  /** Each revocation learned, this gateway's or another's, once: live sockets end with it. */
  onRevoked(listener: (revocation: Revocation) => void): () => void;
  close(): Promise<void>;
};

/** The database rows as revocations: its families are the `sid`s of access tokens. */
async function recentRevocations(store: RevocationsRepository, since: Date): Promise<Revocation[]> {
  const { families, users } = await store.since(since);
  return [
    ...families.map((family): Revocation => ({ kind: 'session', sessionId: family.familyId, userId: family.userId, at: family.revokedAt })),
    ...users.map((user): Revocation => ({ kind: 'user', userId: user.userId, at: user.disabledAt })),
  ];
}

/**
 * The revocations that still matter (one access-token lifetime), kept in memory and checked on
 * every authenticated call and socket handshake. Loaded from the database before the gateway
 * serves anything, so a restart does not forget a logout; shared between gateways through Redis
 * when there is one (see startRedisRevocationFeed).
 */
export async function startSessionRevocations(deps: {
  store: RevocationsRepository;
  redis: Redis | null;
  accessTokenTtlSeconds: number;
  logger: Logger;
  resyncIntervalMs?: number;
}): Promise<SessionRevocations> {
  const retentionMs = deps.accessTokenTtlSeconds * 1000 + REVOCATION_SKEW_MARGIN_MS;
  const list = createRevocationList({ retentionMs });
  const listeners = new Set<(revocation: Revocation) => void>();
  const learn = (revocations: readonly Revocation[]) => {
    for (const revocation of list.add(revocations)) {
      for (const listener of listeners) listener(revocation);
    }
  };
  const resync = async () => learn(await recentRevocations(deps.store, new Date(Date.now() - retentionMs)));

  // Not caught: a gateway that cannot tell which tokens are revoked must not start serving.
  await resync();
  const timer = setInterval(() => {
    resync().catch((error: unknown) => deps.logger.warn({ err: error }, 'session revocations: resync from the database failed'));
  }, deps.resyncIntervalMs ?? REVOCATION_RESYNC_INTERVAL_MS);
  timer.unref();

  let feed: RevocationFeed | null = null;
  if (deps.redis) {
    const started = startRedisRevocationFeed({ redis: deps.redis, onRevocations: learn, onSubscribed: resync, logger: deps.logger });
    feed = started;
    const waited = await Promise.race([
      started.firstSubscription.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), FIRST_SUBSCRIPTION_WAIT_MS).unref()),
    ]);
    if (!waited) deps.logger.warn('session revocations: not subscribed to Redis yet; revocations by other gateways arrive by database resync until then');
  }

  return {
    revoke(revocations) {
      learn(revocations);
      feed?.publish(revocations);
    },
    isRevoked: (access) => list.isRevoked(access),
    onRevoked(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      clearInterval(timer);
      listeners.clear();
      await feed?.close();
    },
  };
}
