import { describe, expect, it } from 'vitest';
import { formatFailures } from './crash-checks.ts';
import { runCrashHarness } from './crash-harness.ts';

/**
 * The short crash run inside `npm test`: 6 SIGKILLs of the engine under order flow against the
 * paper venue process, then every check (no acknowledged order lost, no duplicate broker order,
 * positions equal the fills, the gateway's event stream without gap or duplicate, no
 * reconciliation halt). `npm run test:crash` is the long run. CRASH_SEED replays a seed.
 */
describe('crash harness (short)', () => {
  it(
    'survives SIGKILLs of the engine under order flow without losing, duplicating or misbooking anything',
    async () => {
      const seed = Number(process.env['CRASH_SEED'] ?? Math.floor(Math.random() * 1_000_000));
      const lines: string[] = [];
      const report = await runCrashHarness({
        kills: 6,
        seed,
        runBetweenKillsMs: { min: 300, max: 1_200 },
        startupKillChance: 0.2,
        longCycleChance: 0,
        say: (line) => lines.push(line),
      });
      process.stdout.write(`${report.passed ? '' : `${lines.join('\n')}\n`}${report.summary}\n`);
      expect(report.kills).toBeGreaterThanOrEqual(5);
      expect(report.ordersAcknowledged).toBeGreaterThan(0);
      expect(report.passed, `${report.summary}\n${formatFailures(report.failures)}`).toBe(true);
    },
    120_000,
  );
});
