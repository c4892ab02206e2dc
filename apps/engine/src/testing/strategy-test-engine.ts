import { afterEach } from 'vitest';
import { applyTemplate, type PortfolioDefinitionInput } from '@strikedesk/domain';
import type { RunningEngine } from '../engine.ts';
import { definition } from './portfolio-fixtures.ts';
import { createSignalFixtures } from './signal-fixtures.ts';
import { createTestDatabase, ManualClock, startTestEngine, TEST_START } from './test-engine.ts';

/**
 * The world of an engine test that drives strategies through stored alerts: a fresh database with
 * the gateway's rows (signal-fixtures) and engines started on it. Call once at a test file's top
 * level: it registers the afterEach that closes what a test opened, newest first — engines before
 * the fixtures' pool, the pool before its database is dropped.
 */
export function useStrategyEngines() {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  /** The database and fixtures, no engine yet: alerts can be stored "while the engine is down". */
  async function withFixtures() {
    const database = await createTestDatabase();
    const fixtures = await createSignalFixtures(database);
    cleanups.push(() => database.drop(), () => fixtures.close());
    // Closing an engine twice is harmless, so a test may close one itself to restart.
    const start = async (clock = new ManualClock(TEST_START)): Promise<RunningEngine> => {
      const engine = await startTestEngine(database, clock);
      cleanups.push(() => engine.close());
      return engine;
    };
    return { database, fixtures, start };
  }

  /** The fixtures and an engine already running on them. */
  async function withEngine(clock = new ManualClock(TEST_START)) {
    const world = await withFixtures();
    return { ...world, engine: await world.start(clock) };
  }

  /**
   * A running engine with a short-strangle portfolio for TV_PORTFOLIO / SCHEDULED_PORTFOLIO
   * strategies to target; `portfolio` overrides parts of its definition (e.g. an entry rule).
   */
  async function withPortfolio(options: { clock?: ManualClock; portfolio?: Omit<Partial<PortfolioDefinitionInput>, 'legs'> } = {}) {
    const clock = options.clock ?? new ManualClock(TEST_START);
    const world = await withEngine(clock);
    // One simulator step by hand (tests start engines without autoStep): quotes before the portfolio is created.
    world.engine.runner.stepNow();
    const portfolio = await world.engine.services.portfolios.create(world.fixtures.userId, world.fixtures.accountId, definition({ legs: applyTemplate('SHORT_STRANGLE'), ...options.portfolio }));
    return { ...world, clock, portfolio };
  }

  return { withFixtures, withEngine, withPortfolio };
}
