import { describe, expect, it } from 'vitest';
import { GatewayEnvError, loadGatewayEnv } from './env.ts';

const required = {
  ENGINE_TOKEN: 'x'.repeat(16),
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  JWT_SECRET: 's'.repeat(32),
};

describe('loadGatewayEnv', () => {
  it('applies the documented defaults', () => {
    expect(loadGatewayEnv(required)).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3000,
      ENGINE_URL: 'ws://127.0.0.1:4100',
      ACCESS_TOKEN_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_SECONDS: 604_800,
      ADMIN_USERNAME: 'admin',
      COOKIE_SECURE: false,
      TRUST_PROXY: false,
      LOG_LEVEL: 'info',
    });
    const env = loadGatewayEnv(required);
    expect([env.ADMIN_PASSWORD, env.REDIS_URL, env.WEB_URL]).toEqual([undefined, undefined, undefined]);
  });

  it('parses numbers and booleans from strings; empty optional values count as unset', () => {
    const env = loadGatewayEnv({ ...required, PORT: '0', COOKIE_SECURE: 'true', REDIS_URL: '', WEB_URL: 'http://127.0.0.1:3001' });
    expect(env).toMatchObject({ PORT: 0, COOKIE_SECURE: true, WEB_URL: 'http://127.0.0.1:3001' });
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('names every problem: short secrets, missing database', () => {
    const attempt = () => loadGatewayEnv({ ENGINE_TOKEN: 'short', JWT_SECRET: 'short' });
    expect(attempt).toThrow(GatewayEnvError);
    expect(attempt).toThrow(/ENGINE_TOKEN: ENGINE_TOKEN must be at least 16/);
    expect(attempt).toThrow(/JWT_SECRET: JWT_SECRET must be at least 32/);
    expect(attempt).toThrow(/DATABASE_URL/);
  });
});

describe('ADMIN_USERNAME', () => {
  it('is normalised like a login username', () => {
    expect(loadGatewayEnv({ ...required, ADMIN_USERNAME: ' Admin ' }).ADMIN_USERNAME).toBe('admin');
    expect(() => loadGatewayEnv({ ...required, ADMIN_USERNAME: 'a' })).toThrow(/ADMIN_USERNAME/);
  });
});

describe('PUBLIC_URL', () => {
  it('keeps only the origin; empty means unset; anything but http(s) is refused', () => {
    expect(loadGatewayEnv({ ...required, PUBLIC_URL: 'https://desk.example.in/' }).PUBLIC_URL).toBe('https://desk.example.in');
    expect(loadGatewayEnv({ ...required, PUBLIC_URL: '' }).PUBLIC_URL).toBeUndefined();
    expect(() => loadGatewayEnv({ ...required, PUBLIC_URL: 'ftp://desk.example.in' })).toThrow(/PUBLIC_URL/);
  });
});

describe('LOGIN_FAILURES_PER_ADDRESS and MAX_CONNECTIONS', () => {
  it('default to 30 wrong passwords per address and 1000 connections; take numbers; refuse nonsense', () => {
    expect(loadGatewayEnv(required)).toMatchObject({ LOGIN_FAILURES_PER_ADDRESS: 30, MAX_CONNECTIONS: 1000 });
    expect(loadGatewayEnv({ ...required, LOGIN_FAILURES_PER_ADDRESS: '200', MAX_CONNECTIONS: '5000' })).toMatchObject({
      LOGIN_FAILURES_PER_ADDRESS: 200,
      MAX_CONNECTIONS: 5000,
    });
    expect(() => loadGatewayEnv({ ...required, LOGIN_FAILURES_PER_ADDRESS: '0' })).toThrow(/LOGIN_FAILURES_PER_ADDRESS/);
    expect(() => loadGatewayEnv({ ...required, MAX_CONNECTIONS: '5' })).toThrow(/MAX_CONNECTIONS/);
  });
});
