import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { forwardedClientIp } from './client-ip.ts';

const request = (peer: string, forwarded?: string) => ({ socket: { remoteAddress: peer }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;
const none = { all: false, proxies: new Set<string>() };
const proxy = { all: false, proxies: new Set(['10.0.0.5', '10.0.0.6']) };
const any = { all: true, proxies: new Set<string>() };

describe('forwardedClientIp', () => {
  it('is the peer unless the peer is a trusted proxy', () => {
    expect(forwardedClientIp(request('::ffff:203.0.113.9', '52.89.214.238'), none)).toBe('203.0.113.9');
    expect(forwardedClientIp(request('203.0.113.9', '52.89.214.238'), proxy)).toBe('203.0.113.9');
  });

  it('walks X-Forwarded-For from the right through the listed proxies only', () => {
    expect(forwardedClientIp(request('10.0.0.5', '52.89.214.238'), proxy)).toBe('52.89.214.238');
    expect(forwardedClientIp(request('10.0.0.5', '52.89.214.238, 10.0.0.6'), proxy)).toBe('52.89.214.238');
    // What the client wrote itself (left of the first untrusted hop) is never believed.
    expect(forwardedClientIp(request('10.0.0.5', '52.89.214.238, 198.51.100.7'), proxy)).toBe('198.51.100.7');
  });

  it('with TRUST_PROXY (one unnamed proxy) believes only the right-most hop', () => {
    expect(forwardedClientIp(request('10.1.1.1', '52.89.214.238, 198.51.100.7'), any)).toBe('198.51.100.7');
    expect(forwardedClientIp(request('10.1.1.1', '52.89.214.238'), any)).toBe('52.89.214.238');
    expect(forwardedClientIp(request('10.1.1.1'), any)).toBe('10.1.1.1');
  });
});
