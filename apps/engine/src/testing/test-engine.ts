import { asAccountId, asUserId, paise, type Paise } from '@strikedesk/domain';
import { createTestDatabase, type TestDatabase } from '@strikedesk/db/testing';
import { pino } from 'pino';
import { startEngine, type RunningEngine, type StartEngineOptions } from '../engine.ts';
import { loadEngineEnv } from '../env.ts';

export { TEST_TOKEN } from './test-token.ts';
import { TEST_TOKEN } from './test-token.ts';
export const ACCOUNT_A = asAccountId('11111111-1111-4111-8111-111111111111');
export const ACCOUNT_B = asAccountId('22222222-2222-4222-8222-222222222222');
export const USER_A = asUserId('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
export const USER_B = asUserId('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb');

/** A clock tests move by hand, so two engine instances see the very same simulated market. */
export class ManualClock {
  constructor(public time: number) {}
  now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

// Wednesday 2026-12-09 11:00 IST: inside the session, NIFTY weeklies listed.
export const TEST_START = Date.UTC(2026, 11, 9, 5, 30);

export type TestEngineOptions = Pick<
  StartEngineOptions,
  'createBroker' | 'wrapJournal' | 'onFatal' | 'shutdownGraceMs' | 'logger' | 'greeksIntervalMs' | 'reconciler' | 'background' | 'portfolioRetryPauseMs' | 'brokerLinks'
> & {
  /** Env overrides, e.g. MARKET_ALWAYS_OPEN: 'false' to test market hours. */
  env?: Record<string, string>;
};

export async function startTestEngine(database: TestDatabase, clock = new ManualClock(TEST_START), options: TestEngineOptions = {}): Promise<RunningEngine> {
  const { env: overrides, ...engineOptions } = options;
  const env = loadEngineEnv({
    ENGINE_PORT: '0',
    ENGINE_TOKEN: TEST_TOKEN,
    DATABASE_URL: database.url,
    RECORD_TICKS: 'false',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  // No background timers unless asked: tests run reconciliation and the daily-loss check by hand.
  return startEngine(env, { logger: pino({ level: 'silent' }), background: false, ...engineOptions, clock, autoStep: false });
}

export { createTestDatabase };

/** A buy limit that rests: 5% under the last price, on the tick (inside the default 20% price band). */
export function restingBuyPrice(engine: RunningEngine, instrumentId: string): Paise {
  const tick = engine.services.market.latest(instrumentId);
  const instrument = engine.services.catalog.get(instrumentId);
  if (!tick || !instrument) throw new Error(`no quote for ${instrumentId}`);
  return paise(Math.floor((tick.lastPrice * 0.95) / instrument.tickSize) * instrument.tickSize);
}

/** A sell limit that rests: 5% over the last price, on the tick. */
export function restingSellPrice(engine: RunningEngine, instrumentId: string): Paise {
  const tick = engine.services.market.latest(instrumentId);
  const instrument = engine.services.catalog.get(instrumentId);
  if (!tick || !instrument) throw new Error(`no quote for ${instrumentId}`);
  return paise(Math.ceil((tick.lastPrice * 1.05) / instrument.tickSize) * instrument.tickSize);
}
