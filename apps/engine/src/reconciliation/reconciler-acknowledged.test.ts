import { afterEach, expect, it } from 'vitest';
import type { AccountId } from '@strikedesk/domain';
import { createPool } from '@strikedesk/db/client';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { BrokerPosition } from '../brokers/broker.ts';
import type { RunningEngine } from '../engine.ts';
import { ScriptedBroker } from '../testing/scripted-broker.ts';
import { ACCOUNT_A, ACCOUNT_B, createTestDatabase, ManualClock, startTestEngine, TEST_START, USER_A } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An engine on its own database whose books the test scripts, confirming mismatches after 10 ms. */
async function engineOnScriptedBooks(): Promise<{ database: TestDatabase; broker: ScriptedBroker; engine: RunningEngine; start: () => Promise<RunningEngine> }> {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const broker = new ScriptedBroker();
  const start = async () => {
    const engine = await startTestEngine(database, new ManualClock(TEST_START), { createBroker: () => broker, reconciler: { confirmAfterMs: 10 } });
    cleanups.push(() => engine.close());
    return engine;
  };
  return { database, broker, engine: await start(), start };
}

it("an admin acknowledging one account's mismatch does not silence the same difference on another account", async () => {
  const { broker, engine, start } = await engineOnScriptedBooks();
  const future = engine.services.catalog.chains[0]!.future;
  // One lot bought from the broker's own terminal: the journal knows nothing of it.
  const oneLot = (accountId: AccountId): BrokerPosition => ({ accountId, instrumentId: future.id, product: 'NRML', netQuantity: future.lotSize });

  broker.booksSource = () => ({ orders: [], trades: [], positions: [oneLot(ACCOUNT_A)] });
  expect((await engine.services.reconciler.run(false)).blockedAccounts).toEqual([ACCOUNT_A]);
  await engine.services.halts.release(engine.services.halts.find('ACCOUNT', ACCOUNT_A, 'RECONCILIATION')!.id, USER_A, 'bought in Kite, fine');
  expect((await engine.services.reconciler.run(false)).blockedAccounts).toEqual([]); // acknowledged for A

  // The same lot bought the same way on account B is news there.
  broker.booksSource = () => ({ orders: [], trades: [], positions: [oneLot(ACCOUNT_A), oneLot(ACCOUNT_B)] });
  expect((await engine.services.reconciler.run(false)).blockedAccounts).toEqual([ACCOUNT_B]);
  expect(engine.services.halts.find('ACCOUNT', ACCOUNT_B, 'RECONCILIATION')).toBeDefined();

  // And after a restart (acknowledgements read back from the released halts) the same holds.
  await engine.close();
  const restarted = await start();
  expect(restarted.services.halts.find('ACCOUNT', ACCOUNT_A, 'RECONCILIATION')).toBeUndefined();
  expect(restarted.services.halts.find('ACCOUNT', ACCOUNT_B, 'RECONCILIATION')).toBeDefined();
});

it("an acknowledged mismatch does not have the account's books read again under its lock at every run", async () => {
  const { broker, engine } = await engineOnScriptedBooks();
  const future = engine.services.catalog.chains[0]!.future;
  let reads = 0;
  broker.booksSource = () => {
    reads += 1;
    return { orders: [], trades: [], positions: [{ accountId: ACCOUNT_A, instrumentId: future.id, product: 'NRML', netQuantity: future.lotSize }] };
  };
  await engine.services.reconciler.run(false);
  await engine.services.halts.release(engine.services.halts.find('ACCOUNT', ACCOUNT_A, 'RECONCILIATION')!.id, USER_A, 'bought in Kite, fine');

  // The re-read is there so a live update racing the first read does not block the account; an
  // acknowledged difference blocks nothing, and reading the books again held the account's
  // commands and broker events back for a whole read, every run.
  reads = 0;
  expect((await engine.services.reconciler.run(false)).blockedAccounts).toEqual([]);
  expect(reads).toBe(1);
});

it('remembers an acknowledgement across a restart however many halts of other kinds came since', async () => {
  const { database, broker, engine, start } = await engineOnScriptedBooks();
  const future = engine.services.catalog.chains[0]!.future;
  broker.booksSource = () => ({ orders: [], trades: [], positions: [{ accountId: ACCOUNT_A, instrumentId: future.id, product: 'NRML', netQuantity: future.lotSize }] });
  expect((await engine.services.reconciler.run(false)).blockedAccounts).toEqual([ACCOUNT_A]);
  await engine.services.halts.release(engine.services.halts.find('ACCOUNT', ACCOUNT_A, 'RECONCILIATION')!.id, USER_A, 'bought in Kite, fine');
  await engine.close();

  // A year of daily broker-session halts on another account, all released.
  const pool = createPool(database.url);
  try {
    await pool.query(
      `INSERT INTO trading_halts (scope, account_id, kind, reason, flatten, details, released_at)
       SELECT 'ACCOUNT', $1, 'BROKER_SESSION', 'session expired', false, '{}'::jsonb, now() FROM generate_series(1, 1200)`,
      [ACCOUNT_B],
    );
  } finally {
    await pool.end();
  }
  const restarted = await start();
  expect(restarted.services.halts.find('ACCOUNT', ACCOUNT_A, 'RECONCILIATION')).toBeUndefined();
  expect((await restarted.services.reconciler.run(false)).blockedAccounts).toEqual([]);
});
