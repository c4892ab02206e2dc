import { afterEach, describe, expect, it } from 'vitest';
import { createPool } from '@strikedesk/db/client';
import { DEFAULT_RISK_LIMITS, paise } from '@strikedesk/domain';
import type { RunningEngine } from '../engine.ts';
import { ACCOUNT_A, createTestDatabase, ManualClock, startTestEngine, TEST_START, USER_A, USER_B } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];

/** Account A buys one lot of the first chain's future at the market (crossing the spread: a day loss). */
const buyOneLot = (engine: RunningEngine) => {
  const future = engine.services.catalog.chains[0]!.future;
  return engine.services.orders.submit({
    accountId: ACCOUNT_A,
    userId: USER_A,
    origin: 'TERMINAL',
    order: { instrumentId: future.id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: future.lotSize, price: null, triggerPrice: null },
  });
};
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('daily loss stop', () => {
  it('is tried again when its halt could not be recorded, instead of never that day', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new ManualClock(TEST_START);
    const engine: RunningEngine = await startTestEngine(database, clock);
    cleanups.push(() => engine.close());
    const pool = createPool(database.url);
    cleanups.push(() => pool.end());
    const bought = await buyOneLot(engine);
    expect(bought.status).toBe('FILLED');
    await engine.services.riskLimits.set({ accountId: ACCOUNT_A, baseVersion: 0, limits: { ...DEFAULT_RISK_LIMITS, dailyLossLimit: paise(1), squareOffOnDailyLoss: true }, comment: '' }, USER_B);

    // The database refuses the halt (a real constraint, as an outage or a bad migration would).
    await pool.query(`ALTER TABLE trading_halts ADD CONSTRAINT no_halts_now CHECK (kind <> 'DAILY_LOSS')`);
    expect(await engine.services.dailyLoss.check()).toEqual([]);
    expect(engine.services.halts.find('ACCOUNT', ACCOUNT_A, 'DAILY_LOSS')).toBeUndefined();
    expect(engine.services.state.positionsOf(ACCOUNT_A).some((position) => position.netQuantity !== 0)).toBe(true);

    await pool.query('ALTER TABLE trading_halts DROP CONSTRAINT no_halts_now');
    expect(await engine.services.dailyLoss.check()).toEqual([ACCOUNT_A]);
    expect(engine.services.halts.find('ACCOUNT', ACCOUNT_A, 'DAILY_LOSS')).toMatchObject({ kind: 'DAILY_LOSS', flatten: true });
    expect(engine.services.state.positionsOf(ACCOUNT_A).every((position) => position.netQuantity === 0)).toBe(true);
  });

  it('squares off positions in both products that net to zero over them (brokers hold both)', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const engine: RunningEngine = await startTestEngine(database, new ManualClock(TEST_START));
    cleanups.push(() => engine.close());
    const future = engine.services.catalog.chains[0]!.future;
    const order = (side: 'BUY' | 'SELL', product: 'MIS' | 'NRML') =>
      engine.services.orders.submit({ accountId: ACCOUNT_A, userId: USER_A, origin: 'TERMINAL', order: { instrumentId: future.id, side, type: 'MARKET', product, quantity: future.lotSize, price: null, triggerPrice: null } });
    expect((await order('BUY', 'MIS')).status).toBe('FILLED');
    expect((await order('SELL', 'NRML')).status).toBe('FILLED'); // the spread crossed twice: a day loss
    await engine.services.riskLimits.set({ accountId: ACCOUNT_A, baseVersion: 0, limits: { ...DEFAULT_RISK_LIMITS, dailyLossLimit: paise(1), squareOffOnDailyLoss: true }, comment: '' }, USER_B);

    expect(await engine.services.dailyLoss.check()).toEqual([ACCOUNT_A]);
    expect(engine.services.halts.find('ACCOUNT', ACCOUNT_A, 'DAILY_LOSS')).toMatchObject({ flatten: true });
    expect(engine.services.state.positionsOf(ACCOUNT_A).map((position) => [position.product, position.netQuantity])).toEqual([
      ['MIS', 0],
      ['NRML', 0],
    ]);
  });

  it('after a restart, does not fire again for a stop released today however many other halts came since', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const pool = createPool(database.url);
    cleanups.push(() => pool.end());
    const clock = new ManualClock(TEST_START);
    const first = await startTestEngine(database, clock);
    // Today's daily-loss stop on account A, released by an admin; then 1,000 newer halts of another
    // kind (broker sessions, reconciliations on other accounts), released too.
    await pool.query(
      `INSERT INTO trading_halts (scope, account_id, kind, reason, engaged_at, released_by, released_at, release_note)
       VALUES ('ACCOUNT', $1, 'DAILY_LOSS', 'loss', $2, $3, $2, 'reviewed')`,
      [ACCOUNT_A, new Date(TEST_START - 60_000), USER_B],
    );
    await pool.query(
      `INSERT INTO trading_halts (scope, account_id, kind, reason, engaged_at, released_at, release_note)
       SELECT 'ACCOUNT', gen_random_uuid(), 'RECONCILIATION', 'other', $1, $1, 'ok' FROM generate_series(1, 1000)`,
      [new Date(TEST_START - 30_000)],
    );
    await first.close();

    const engine = await startTestEngine(database, clock);
    cleanups.push(() => engine.close());
    const bought = await buyOneLot(engine);
    expect(bought.status).toBe('FILLED'); // the spread crossed: a day loss
    await engine.services.riskLimits.set({ accountId: ACCOUNT_A, baseVersion: 0, limits: { ...DEFAULT_RISK_LIMITS, dailyLossLimit: paise(1), squareOffOnDailyLoss: true }, comment: '' }, USER_B);
    expect(await engine.services.dailyLoss.check()).toEqual([]);
    expect(engine.services.state.positionsOf(ACCOUNT_A).some((position) => position.netQuantity !== 0)).toBe(true);
  });
});
