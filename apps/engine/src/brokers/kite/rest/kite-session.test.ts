import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KiteClient } from './kite-client.ts';
import { startKiteHarness, type KiteHarness } from '../fake/fake-kite-harness.ts';
import { kiteErrorDetails } from './kite-errors.ts';
import { KITE_LOGIN_URL, kiteLoginUrl, sessionChecksum } from './kite-session.ts';

/** Login (request token → checksum exchange → access token) and logout against the fake Kite. */
let h: KiteHarness;
beforeEach(async () => {
  h = await startKiteHarness({ fake: { redirectUrl: 'https://terminal.example/brokers/kite/callback' } });
});
afterEach(async () => h.close());

const loggedOutClient = () => new KiteClient({ baseUrl: h.fake.url, apiKey: h.fake.apiKey, loginUrl: `${h.fake.url}/connect/login` });

describe('login', () => {
  it('builds the v3 login URL, configurable per account', () => {
    expect(kiteLoginUrl('key1')).toBe(`${KITE_LOGIN_URL}?v=3&api_key=key1`);
    expect(kiteLoginUrl('key1', { loginUrl: 'http://127.0.0.1:9/connect/login', redirectParams: { account: 'a1' } })).toBe(
      'http://127.0.0.1:9/connect/login?v=3&api_key=key1&redirect_params=account%3Da1',
    );
  });

  it('checksum is hex sha256 of api_key + request_token + api_secret', () => {
    expect(sessionChecksum('a', 'b', 'c')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('exchanges the redirect\'s request token for a working session', async () => {
    const client = loggedOutClient();
    await expect(client.profile()).rejects.toMatchObject({ code: 'BROKER_SESSION_EXPIRED', message: expect.stringMatching(/not connected/) });
    const redirect = await fetch(client.loginUrl({ account: 'a1' }), { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const back = new URL(redirect.headers.get('location')!);
    expect(back.origin + back.pathname).toBe('https://terminal.example/brokers/kite/callback');
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ action: 'login', status: 'success', account: 'a1' });
    const requestToken = back.searchParams.get('request_token')!;

    const session = await client.generateSession(requestToken, h.fake.apiSecret);
    expect(session).toMatchObject({ userId: 'ZX1234', broker: 'ZERODHA', accessToken: expect.any(String), refreshToken: null });
    expect(session.exchanges).toContain('NFO');
    expect(session.loginTime).toBeTypeOf('number');
    const exchange = h.fake.requests.find((r) => r.path === '/session/token')!;
    expect(exchange.headers.authorization).toBeUndefined();
    expect(exchange.body).toEqual({ api_key: h.fake.apiKey, request_token: requestToken, checksum: sessionChecksum(h.fake.apiKey, requestToken, h.fake.apiSecret) });
    await expect(client.profile()).resolves.toMatchObject({ userId: 'ZX1234' });
    expect(h.fake.requests.at(-1)?.headers.authorization).toBe(`token ${h.fake.apiKey}:${session.accessToken}`);
  });

  it('refuses a wrong checksum (wrong secret) and a used request token', async () => {
    const client = loggedOutClient();
    const requestToken = h.fake.issueRequestToken();
    const wrong = await client.generateSession(requestToken, 'not-the-secret').catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'BROKER_SESSION_EXPIRED', message: expect.stringMatching(/refused the login/) });
    expect(kiteErrorDetails(wrong)).toMatchObject({ errorType: 'TokenException', httpStatus: 403 });
    expect(client.hasSession).toBe(false);
    await client.generateSession(requestToken, h.fake.apiSecret);
    await expect(loggedOutClient().generateSession(requestToken, h.fake.apiSecret)).rejects.toMatchObject({ code: 'BROKER_SESSION_EXPIRED' });
  });
});

describe('logout', () => {
  it('invalidates the access token at Kite and stops the client from sending', async () => {
    await h.client.invalidateSession();
    const logout = h.fake.requests.at(-1)!;
    expect(logout).toMatchObject({ method: 'DELETE', path: '/session/token', query: { api_key: [h.fake.apiKey], access_token: [h.fake.accessToken] }, status: 200 });
    expect(h.client.hasSession).toBe(false);
    const sent = h.fake.requests.length;
    await expect(h.client.orders()).rejects.toMatchObject({ code: 'BROKER_SESSION_EXPIRED' });
    expect(h.fake.requests).toHaveLength(sent);
    // The old token is dead at Kite too.
    h.client.setAccessToken(h.fake.accessToken);
    await expect(h.client.orders()).rejects.toMatchObject({ code: 'BROKER_SESSION_EXPIRED' });
    await expect(h.client.invalidateSession()).resolves.toBeUndefined();
    // Logging out a token Kite already dropped is done, not an error.
    h.client.setAccessToken(h.fake.accessToken);
    await expect(h.client.invalidateSession()).resolves.toBeUndefined();
    expect(h.fake.requests.at(-1)).toMatchObject({ method: 'DELETE', status: 403 });
    expect(h.client.hasSession).toBe(false);
  });
});
