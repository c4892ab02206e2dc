import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityStore, type IdentityStore } from '@strikedesk/db/identity';
import { createTestDatabase, type TestDatabase } from '@strikedesk/db/testing';
import { waitUntil } from '@strikedesk/domain/testing';
import { createLogger } from '../logger.ts';
import { newRefreshToken } from './refresh-token.ts';
import { startSessionRevocations } from './session-revocations.ts';

// The database is the record of every revocation; the in-memory list must follow it even when
// no announcement reaches this gateway (a start, a lost Redis message).
let database: TestDatabase;
let identity: IdentityStore;
beforeAll(async () => {
  database = await createTestDatabase();
  identity = createIdentityStore(database.url);
});
afterAll(async () => {
  await identity?.close();
  await database?.drop();
});

const logger = createLogger('silent');
const inOneHour = () => new Date(Date.now() + 3_600_000);

async function session(username: string) {
  const user = await identity.users.create({ username, passwordHash: 'h', role: 'trader' });
  const refresh = newRefreshToken();
  const { familyId } = await identity.refreshSessions.create({ userId: user.userId, tokenHash: refresh.tokenHash, expiresAt: inOneHour() });
  // A token issued a second ago, for that session.
  return { user, tokenHash: refresh.tokenHash, access: { userId: user.userId, sessionId: familyId, issuedAt: Date.now() - 1_000 } };
}

describe('session revocations', () => {
  it('start with what the database revoked within a token lifetime, and no older', async () => {
    const recent = await session('recent');
    const old = await session('old');
    const alive = await session('alive');
    await identity.refreshSessions.revokeFamilyOfToken(recent.tokenHash);
    // Revoked two lifetimes ago: every token it voided has long expired.
    await identity.refreshSessions.revokeFamilyOfToken(old.tokenHash, new Date(Date.now() - 1_800_000));
    const revocations = await startSessionRevocations({ store: identity.revocations, redis: null, accessTokenTtlSeconds: 900, logger });
    try {
      expect(revocations.isRevoked(recent.access)).toBe(true);
      expect(revocations.isRevoked(old.access)).toBe(false);
      expect(revocations.isRevoked(alive.access)).toBe(false);
    } finally {
      await revocations.close();
    }
  });

  it('pick up a revocation they were not told of at the next database resync, and report it once', async () => {
    const revocations = await startSessionRevocations({ store: identity.revocations, redis: null, accessTokenTtlSeconds: 900, logger, resyncIntervalMs: 50 });
    const heard: string[] = [];
    revocations.onRevoked((revocation) => heard.push(revocation.kind === 'session' ? revocation.sessionId : revocation.userId));
    try {
      const elsewhere = await session('elsewhere');
      const disabled = await session('disabled-elsewhere');
      expect(revocations.isRevoked(elsewhere.access)).toBe(false);
      // As another gateway would have, had its announcement been lost.
      await identity.refreshSessions.revokeFamilyOfToken(elsewhere.tokenHash);
      await identity.users.disable(disabled.user.userId);
      await waitUntil(() => revocations.isRevoked(elsewhere.access) && revocations.isRevoked(disabled.access), {
        timeoutMs: 3_000,
        message: 'the resync found both revocations',
      });
      // Later resyncs read them again; listeners (socket ends) hear of each once: the ended
      // session, the disabled user, and the session their disable ended.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard.sort()).toEqual([elsewhere.access.sessionId, disabled.user.userId, disabled.access.sessionId].sort());
      expect(revocations.isRevoked({ ...disabled.access, sessionId: randomUUID(), issuedAt: Date.now() + 2_000 })).toBe(false);
    } finally {
      await revocations.close();
    }
  });
});
