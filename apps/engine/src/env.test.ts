import { describe, expect, it } from 'vitest';
import { EngineEnvError, loadEngineEnv } from './env.ts';

const required = { ENGINE_TOKEN: 'x'.repeat(16), DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' };

describe('loadEngineEnv', () => {
  it('applies defaults', () => {
    expect(loadEngineEnv(required)).toEqual({
      ...required,
      ENGINE_HOST: '127.0.0.1',
      ENGINE_PORT: 4100,
      SIM_SEED: 42,
      SIM_TICK_MS: 250,
      MARKET_ALWAYS_OPEN: true,
      RECORD_TICKS: true,
      SNAPSHOT_EVERY_EVENTS: 50_000,
      RECONCILE_INTERVAL_MS: 30_000,
      LOG_LEVEL: 'info',
      TELEGRAM_API_URL: 'https://api.telegram.org',
      BROKER_DAILY_LOGOUT_IST: 16 * 60,
      DAILY_RESTART_IST: 8 * 60 + 45,
    });
  });
  it('reads the daily restart for a new listing as an IST minute, or off', () => {
    expect(loadEngineEnv({ ...required, DAILY_RESTART_IST: '07:30' }).DAILY_RESTART_IST).toBe(450);
    expect(loadEngineEnv({ ...required, DAILY_RESTART_IST: 'off' }).DAILY_RESTART_IST).toBeNull();
    expect(() => loadEngineEnv({ ...required, DAILY_RESTART_IST: '8:45' })).toThrow(/DAILY_RESTART_IST/);
  });
  it('reads the daily broker logout as an IST minute, or off', () => {
    expect(loadEngineEnv({ ...required, BROKER_DAILY_LOGOUT_IST: '09:05' }).BROKER_DAILY_LOGOUT_IST).toBe(545);
    expect(loadEngineEnv({ ...required, BROKER_DAILY_LOGOUT_IST: 'off' }).BROKER_DAILY_LOGOUT_IST).toBeNull();
    expect(() => loadEngineEnv({ ...required, BROKER_DAILY_LOGOUT_IST: '25:00' })).toThrow(/BROKER_DAILY_LOGOUT_IST/);
  });
  it('parses overrides, allowing port 0', () => {
    const env = loadEngineEnv({ ...required, ENGINE_PORT: '0', SIM_SEED: '7', MARKET_ALWAYS_OPEN: 'false', RECORD_TICKS: '0' });
    expect(env).toMatchObject({ ENGINE_PORT: 0, SIM_SEED: 7, MARKET_ALWAYS_OPEN: false, RECORD_TICKS: false });
  });
  it('requires a long enough token and a database url, without echoing secrets', () => {
    expect(() => loadEngineEnv({ DATABASE_URL: required.DATABASE_URL })).toThrow(EngineEnvError);
    expect(() => loadEngineEnv({ ...required, ENGINE_TOKEN: 'short-secret' })).toThrow(/ENGINE_TOKEN/);
    expect(() => loadEngineEnv({ ...required, ENGINE_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
    expect(() => loadEngineEnv({ ENGINE_TOKEN: required.ENGINE_TOKEN })).toThrow(/DATABASE_URL/);
  });
  it('rejects a bad port or boolean', () => {
    expect(() => loadEngineEnv({ ...required, ENGINE_PORT: '70000' })).toThrow(/ENGINE_PORT/);
    expect(() => loadEngineEnv({ ...required, RECORD_TICKS: 'maybe' })).toThrow(/RECORD_TICKS/);
  });
});
