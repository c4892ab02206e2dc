import { describe, expect, it } from 'vitest';
import { insecureCookieWarning, servedOverTls } from './cookie-security.ts';

describe('insecureCookieWarning', () => {
  it('is silent on loopback or with COOKIE_SECURE', () => {
    for (const HOST of ['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]']) {
      expect(insecureCookieWarning({ HOST, COOKIE_SECURE: false })).toBeNull();
    }
    expect(insecureCookieWarning({ HOST: '0.0.0.0', COOKIE_SECURE: true })).toBeNull();
  });

  it('warns when listening beyond loopback without Secure cookies', () => {
    for (const HOST of ['0.0.0.0', '::', '10.0.0.5', 'gateway.internal']) {
      expect(insecureCookieWarning({ HOST, COOKIE_SECURE: false })).toMatch(/COOKIE_SECURE is false/);
    }
  });
});

describe('servedOverTls', () => {
  it('is true with COOKIE_SECURE or an https:// PUBLIC_URL (a TLS proxy in front of a loopback gateway)', () => {
    expect(servedOverTls({ COOKIE_SECURE: true })).toBe(true);
    expect(servedOverTls({ COOKIE_SECURE: false, PUBLIC_URL: 'https://desk.example.in' })).toBe(true);
    expect(servedOverTls({ COOKIE_SECURE: false, PUBLIC_URL: 'http://127.0.0.1:3000' })).toBe(false);
    expect(servedOverTls({ COOKIE_SECURE: false })).toBe(false);
  });

  it('no warning beyond loopback when PUBLIC_URL is https: the cookie is Secure then', () => {
    expect(insecureCookieWarning({ HOST: '0.0.0.0', COOKIE_SECURE: false, PUBLIC_URL: 'https://desk.example.in' })).toBeNull();
  });
});
