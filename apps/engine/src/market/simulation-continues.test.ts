import { afterEach, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@strikedesk/db/testing';
import { createTestDatabase, ManualClock, startTestEngine, TEST_START } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const RECORDING = { RECORD_TICKS: 'true' };

/** A first engine on a new database whose market rallies 6% above the configured spot, then stops. */
async function afterARally(): Promise<{ database: TestDatabase; clock: ManualClock; underlying: string; indexId: string; configured: number; lastStood: number; firstAtm: number }> {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const clock = new ManualClock(TEST_START);
  const first = await startTestEngine(database, clock, { env: RECORDING });
  const chain = first.services.catalog.chains[0]!;
  const configured = first.services.market.latest(chain.index.id)!.lastPrice;
  const strikes = chain.expiries[0]!.strikes;
  first.runner.setSpot(chain.spec.underlying, Math.round(configured * 1.06));
  clock.advance(1_000);
  first.runner.stepNow();
  const lastStood = first.services.market.latest(chain.index.id)!.lastPrice;
  await first.close(); // the recorder's last batch is written on the way out
  return { database, clock, underlying: chain.spec.underlying, indexId: chain.index.id, configured, lastStood, firstAtm: strikes[Math.floor(strikes.length / 2)]!.strike };
}

/**
 * The simulated market across an engine restart (the daily 08:45 one, an upgrade, a crash). It
 * used to start again from the configured spot each time, so a trader holding positions overnight
 * saw them jump to wherever that spot lies — the whole move since the first start, as a day's P&L.
 */
describe('the simulated market after a restart', () => {
  it('starts where it last stood: the index at its last recorded price, the strikes centred there', async () => {
    const { database, clock, underlying, configured, lastStood, firstAtm } = await afterARally();
    expect(lastStood).toBeGreaterThan(configured * 1.05);
    clock.advance(60_000);
    const second = await startTestEngine(database, clock, { env: RECORDING });
    cleanups.push(() => second.close());
    const chain = second.services.catalog.chains.find((each) => each.spec.underlying === underlying)!;
    expect(second.services.market.latest(chain.index.id)!.lastPrice).toBe(lastStood);
    const strikes = chain.expiries[0]!.strikes;
    const atm = strikes[Math.floor(strikes.length / 2)]!.strike;
    expect(atm).toBeGreaterThan(firstAtm);
    expect(Math.abs(atm - lastStood)).toBeLessThanOrEqual(chain.spec.strikeStep);
  });

  it('starts from the configured spot beside a standalone paper venue, whose listing comes from it', async () => {
    const { database, clock, indexId, configured } = await afterARally();
    const beside = await startTestEngine(database, clock, { env: { ...RECORDING, PAPER_VENUE_URL: 'http://127.0.0.1:1' } });
    cleanups.push(() => beside.close());
    expect(beside.services.market.latest(indexId)!.lastPrice).toBe(configured);
  });
});
