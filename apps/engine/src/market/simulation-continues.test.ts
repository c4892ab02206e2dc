import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, ManualClock, startTestEngine, TEST_START } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The simulated market across an engine restart (the daily 08:45 one, an upgrade, a crash). It
 * used to start again from the configured spot each time, so a trader holding positions overnight
 * saw them jump to wherever that spot lies — the whole move since the first start, as a day's P&L.
 */
describe('the simulated market after a restart', () => {
  it('starts where it last stood: the index at its last recorded price, the strikes centred there', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new ManualClock(TEST_START);
    const first = await startTestEngine(database, clock, { env: { RECORD_TICKS: 'true' } });
    const chain = first.services.catalog.chains[0]!;
    const configured = first.services.market.latest(chain.index.id)!.lastPrice;
    const firstAtm = chain.expiries[0]!.strikes[Math.floor(chain.expiries[0]!.strikes.length / 2)]!.strike;
    // A week's rally: 6% above the configured spot.
    first.runner.setSpot(chain.spec.underlying, Math.round(configured * 1.06));
    clock.advance(1_000);
    first.runner.stepNow();
    const lastStood = first.services.market.latest(chain.index.id)!.lastPrice;
    expect(lastStood).toBeGreaterThan(configured * 1.05);
    await first.close(); // the recorder's last batch is written on the way out

    clock.advance(60_000);
    const second = await startTestEngine(database, clock, { env: { RECORD_TICKS: 'true' } });
    cleanups.push(() => second.close());
    const again = second.services.catalog.chains.find((each) => each.spec.underlying === chain.spec.underlying)!;
    expect(second.services.market.latest(again.index.id)!.lastPrice).toBe(lastStood);
    const atm = again.expiries[0]!.strikes[Math.floor(again.expiries[0]!.strikes.length / 2)]!.strike;
    expect(atm).toBeGreaterThan(firstAtm);
    expect(Math.abs(atm - lastStood)).toBeLessThanOrEqual(again.spec.strikeStep);
  });

  it('starts from the configured spot on a new database, and beside a standalone paper venue', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new ManualClock(TEST_START);
    const first = await startTestEngine(database, clock, { env: { RECORD_TICKS: 'true' } });
    const chain = first.services.catalog.chains[0]!;
    const configured = first.services.market.latest(chain.index.id)!.lastPrice;
    first.runner.setSpot(chain.spec.underlying, Math.round(configured * 1.06));
    clock.advance(1_000);
    first.runner.stepNow();
    await first.close();
    // Its listing comes from the configured spot: the engine's must match it.
    const beside = await startTestEngine(database, clock, { env: { RECORD_TICKS: 'true', PAPER_VENUE_URL: 'http://127.0.0.1:1' } });
    cleanups.push(() => beside.close());
    expect(beside.services.market.latest(chain.index.id)!.lastPrice).toBe(configured);
  });
});
