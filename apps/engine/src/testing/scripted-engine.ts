import type { RunningEngine } from '../engine.ts';
import { ScriptedBroker } from './scripted-broker.ts';
import { createTestDatabase, ManualClock, startTestEngine, TEST_START } from './test-engine.ts';

/**
 * An engine on its own test database whose venue is a ScriptedBroker (the test answers every
 * request). What to undo is pushed onto `cleanups` (the test file runs them after each test).
 */
export async function startScriptedEngine(cleanups: (() => Promise<void>)[], clock = new ManualClock(TEST_START)): Promise<{ engine: RunningEngine; broker: ScriptedBroker; clock: ManualClock }> {
  const broker = new ScriptedBroker();
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const engine = await startTestEngine(database, clock, { createBroker: () => broker });
  cleanups.push(() => engine.close());
  return { engine, broker, clock };
}
