import { afterAll, beforeAll } from 'vitest';
import { DEFAULT_RISK_LIMITS, type AccountId, type Instrument, type Order, type PlaceOrderInput, type RiskLimits } from '@strikedesk/domain';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { RunningEngine } from '../engine.ts';
import { createTestDatabase, ManualClock, startTestEngine, TEST_START, USER_A, USER_B } from './test-engine.ts';

/**
 * One engine (on the simulated market) for a test file about the account risk limits, started in
 * beforeAll and closed in afterAll: terminal orders of 1 lot of MIS on the first chain's future
 * unless told otherwise, a second apart, and limits set on top of the engine defaults.
 */
export function useLimitsEngine() {
  let database: TestDatabase | undefined;
  let running: RunningEngine | undefined;
  const clock = new ManualClock(TEST_START);
  beforeAll(async () => {
    database = await createTestDatabase();
    running = await startTestEngine(database, clock);
  });
  afterAll(async () => {
    await running?.close();
    await database?.drop();
  });
  const engine = (): RunningEngine => {
    if (!running) throw new Error('the engine starts in beforeAll');
    return running;
  };
  const future = (): Instrument => engine().services.catalog.chains[0]!.future;
  const submit = (account: AccountId, order: Partial<PlaceOrderInput>): Promise<Order> => {
    clock.advance(1_000);
    return engine().services.orders.submit({
      accountId: account,
      userId: USER_A,
      origin: 'TERMINAL',
      order: { instrumentId: future().id, side: 'BUY', type: 'MARKET', product: 'MIS', quantity: future().lotSize, price: null, triggerPrice: null, ...order },
    });
  };
  const setLimits = (account: AccountId, limits: Partial<RiskLimits>) =>
    engine().services.riskLimits.set({ accountId: account, baseVersion: engine().services.riskLimits.get(account).version, limits: { ...DEFAULT_RISK_LIMITS, ...limits }, comment: '' }, USER_B);
  return { engine, clock, future, submit, setLimits };
}
