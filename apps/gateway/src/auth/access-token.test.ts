import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { asAccountId, asUserId, type SessionUser } from '@strikedesk/domain';
import { bearerToken, createAccessTokens } from './access-token.ts';

const user: SessionUser = {
  userId: asUserId('5d0c6f52-7f0e-4a51-9a43-0d8c4f4b8a11'),
  accountId: asAccountId('0b6a2f3e-9a8d-4a6c-8d53-2f0b1f2e3c44'),
  username: 'alice',
  role: 'trader',
};
const secret = 'a'.repeat(32);
const sessionId = '3f1e2d4c-5b6a-4978-8a1b-2c3d4e5f6a7b';

describe('access tokens', () => {
  it('round-trips the session user and its session, and reports issue and expiry times in epoch ms', async () => {
    const tokens = createAccessTokens({ secret, ttlSeconds: 900 });
    const now = new Date();
    const issued = await tokens.issue(user, sessionId, now);
    const issuedAt = Math.floor(now.getTime() / 1000) * 1000;
    expect(issued.accessTokenExpiresAt).toBe(issuedAt + 900_000);
    expect(await tokens.verifyAccess(issued.accessToken)).toEqual({ user, sessionId, issuedAt, expiresAt: issuedAt + 900_000 });
  });

  it('refuses expired, foreign-key and unsigned tokens', async () => {
    const tokens = createAccessTokens({ secret, ttlSeconds: 60 });
    const expired = await tokens.issue(user, sessionId, new Date(Date.now() - 120_000));
    expect(await tokens.verifyAccess(expired.accessToken)).toBeNull();
    const foreign = await createAccessTokens({ secret: 'b'.repeat(32), ttlSeconds: 60 }).issue(user, sessionId);
    expect(await tokens.verifyAccess(foreign.accessToken)).toBeNull();
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: user.userId, role: 'admin' })).toString('base64url')}.`;
    expect(await tokens.verifyAccess(unsigned)).toBeNull();
    const wrongClaims = await new SignJWT({ role: 'superuser', sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.userId)
      .setIssuer('strikedesk-gateway')
      .setAudience('strikedesk')
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(secret));
    expect(await tokens.verifyAccess(wrongClaims)).toBeNull();
  });

  it('refuses a token that names no session: it could not be revoked', async () => {
    const tokens = createAccessTokens({ secret, ttlSeconds: 60 });
    const sessionless = await new SignJWT({ role: user.role, accountId: user.accountId, username: user.username })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.userId)
      .setIssuer('strikedesk-gateway')
      .setAudience('strikedesk')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(secret));
    expect(await tokens.verifyAccess(sessionless)).toBeNull();
  });

  it('reads bearer tokens only', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
