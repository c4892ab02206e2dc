import { describe, expect, it } from 'vitest';
import { asUserId } from '@strikedesk/domain';
import { createRevocationList, type Revocation } from './revocation-list.ts';

const alice = asUserId('5d0c6f52-7f0e-4a51-9a43-0d8c4f4b8a11');
const bob = asUserId('7e1d7a63-8f1f-4b62-8b54-1e9d5c5c9b22');
const RETENTION = 960_000;

describe('revocation list', () => {
  it("refuses every token of a revoked session, and only that session's", () => {
    let time = 1_000_000;
    const list = createRevocationList({ retentionMs: RETENTION, now: () => time });
    list.add([{ kind: 'session', sessionId: 's1', userId: alice, at: time }]);
    expect(list.isRevoked({ userId: alice, sessionId: 's1', issuedAt: time - 5_000 })).toBe(true);
    expect(list.isRevoked({ userId: alice, sessionId: 's2', issuedAt: time - 5_000 })).toBe(false);
    time += 1_000;
    // Even one issued later (an account switch racing the logout) belongs to the ended session.
    expect(list.isRevoked({ userId: alice, sessionId: 's1', issuedAt: time })).toBe(true);
  });

  it('a disabled user: tokens issued up to the disable are refused, those issued later are not', () => {
    const time = 2_000_000;
    const list = createRevocationList({ retentionMs: RETENTION, now: () => time });
    list.add([{ kind: 'user', userId: alice, at: time - 500 }]);
    // iat is whole seconds: a token of the same second counts as before the disable.
    expect(list.isRevoked({ userId: alice, sessionId: 'a', issuedAt: time - 1_000 })).toBe(true);
    expect(list.isRevoked({ userId: alice, sessionId: 'b', issuedAt: time + 1_000 })).toBe(false);
    expect(list.isRevoked({ userId: bob, sessionId: 'c', issuedAt: time - 1_000 })).toBe(false);
  });

  it('forgets revocations once every token they could void has expired, and ignores ones already that old', () => {
    let time = 3_000_000;
    const list = createRevocationList({ retentionMs: RETENTION, now: () => time });
    list.add([
      { kind: 'session', sessionId: 's1', userId: alice, at: time },
      { kind: 'user', userId: bob, at: time },
    ]);
    expect(list.add([{ kind: 'session', sessionId: 'ancient', userId: alice, at: time - RETENTION }])).toEqual([]);
    expect(list.size()).toBe(2);
    time += RETENTION - 1;
    expect(list.isRevoked({ userId: alice, sessionId: 's1', issuedAt: 0 })).toBe(true);
    time += 61_000;
    expect(list.isRevoked({ userId: alice, sessionId: 's1', issuedAt: 0 })).toBe(false);
    expect(list.size()).toBe(0);
  });

  it('reports only what it did not know yet (a revocation heard twice is acted on once)', () => {
    const time = 4_000_000;
    const list = createRevocationList({ retentionMs: RETENTION, now: () => time });
    const first: Revocation = { kind: 'session', sessionId: 's1', userId: alice, at: time };
    expect(list.add([first])).toEqual([first]);
    expect(list.add([first, { kind: 'session', sessionId: 's2', userId: alice, at: time }])).toEqual([
      { kind: 'session', sessionId: 's2', userId: alice, at: time },
    ]);
    const disabled: Revocation = { kind: 'user', userId: bob, at: time };
    expect(list.add([disabled])).toEqual([disabled]);
    expect(list.add([disabled])).toEqual([]);
  });
});
