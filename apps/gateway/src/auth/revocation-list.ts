import type { UserId } from '@strikedesk/domain';

/**
 * Something that voids access tokens before they expire:
 * - `session`: a refresh-token family was ended (logout, password change, theft detection); every
 *   access token naming it (`sid`) is void.
 * - `user`: the user was disabled at `at` (epoch ms); every token issued to them until then is void.
 */
export type Revocation =
  | { kind: 'session'; sessionId: string; userId: UserId; at: number }
  | { kind: 'user'; userId: UserId; at: number };

/** What a revocation is checked against: who a token is for, its session, when it was issued (ms). */
export type AccessIdentity = { userId: UserId; sessionId: string; issuedAt: number };

/**
 * Whether the revocation voids that token. `iat` has whole seconds, so a token issued in the same
 * second as a disable counts as issued before it: a disabled user cannot be issued one after.
 */
export function revokes(revocation: Revocation, access: AccessIdentity): boolean {
  if (revocation.kind === 'session') return revocation.sessionId === access.sessionId;
  return revocation.userId === access.userId && access.issuedAt <= revocation.at;
}

export type RevocationList = {
  /** Adds revocations; returns those that were not known yet (to act on once, e.g. end sockets). */
  add(revocations: readonly Revocation[]): Revocation[];
  isRevoked(access: AccessIdentity): boolean;
  size(): number;
};

/**
 * The revocations of the last `retentionMs`, in memory, so checking one on every call costs two
 * map lookups. A revocation matters only while a token issued before it can still be valid, i.e.
 * for one access-token lifetime (plus a margin for clock skew between gateways): the caller sets
 * retentionMs to that, and older entries are pruned. That bounds the memory by the revocations of
 * one lifetime — logins cost an argon2 hash each, so even a user logging in and out in a loop
 * adds at most some tens of thousands. There is deliberately no count cap: dropping a live entry
 * would let a revoked token back in.
 */
export function createRevocationList(options: { retentionMs: number; now?: () => number }): RevocationList {
  const now = options.now ?? Date.now;
  // Value: until when the entry is kept (its revocation time + retention).
  const sessions = new Map<string, number>();
  const users = new Map<UserId, { at: number; keepUntil: number }>();
  let nextPruneAt = 0;

  const prune = (time: number) => {
    if (time < nextPruneAt) return;
    nextPruneAt = time + Math.min(60_000, options.retentionMs);
    for (const [sessionId, keepUntil] of sessions) if (keepUntil <= time) sessions.delete(sessionId);
    for (const [userId, entry] of users) if (entry.keepUntil <= time) users.delete(userId);
  };

  return {
    add(revocations) {
      const time = now();
      prune(time);
      const added: Revocation[] = [];
      for (const revocation of revocations) {
        const keepUntil = revocation.at + options.retentionMs;
        // Already too old to void any unexpired token (e.g. loaded from the database at its edge).
        if (keepUntil <= time) continue;
        if (revocation.kind === 'session') {
          const known = sessions.get(revocation.sessionId);
          if (known === undefined) added.push(revocation);
          sessions.set(revocation.sessionId, Math.max(known ?? 0, keepUntil));
        } else {
          const known = users.get(revocation.userId);
          if (known === undefined || known.at < revocation.at) {
            added.push(revocation);
            users.set(revocation.userId, { at: revocation.at, keepUntil });
          }
        }
      }
      return added;
    },

    isRevoked(access) {
      prune(now());
      if (sessions.has(access.sessionId)) return true;
      const user = users.get(access.userId);
      return user !== undefined && revokes({ kind: 'user', userId: access.userId, at: user.at }, access);
    },

    size: () => sessions.size + users.size,
  };
}
