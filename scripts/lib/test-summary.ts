import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

export type Counts = { passed: number; failed: number; skipped: number };

const VitestReport = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number().default(0),
  numTodoTests: z.number().default(0),
  testResults: z
    .array(z.object({ status: z.string(), assertionResults: z.array(z.object({ status: z.string() })).default([]) }))
    .default([]),
});

const PlaywrightReport = z.object({
  stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number().default(0), skipped: z.number().default(0) }),
  errors: z.array(z.unknown()).default([]),
});

/**
 * Reads vitest's JSON report. A test file that failed without a failing test (it did not load, or a
 * hook failed) counts as one failure, not as zero tests; a file whose tests failed counts those.
 */
export function vitestCounts(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const report = VitestReport.parse(JSON.parse(readFileSync(file, 'utf8')));
  const brokenFiles = report.testResults.filter((result) => result.status === 'failed' && !result.assertionResults.some((test) => test.status === 'failed')).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/** Reads Playwright's JSON report; flaky tests passed on retry and count as passed. */
export function playwrightCounts(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const report = PlaywrightReport.parse(JSON.parse(readFileSync(file, 'utf8')));
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected + report.errors.length,
    skipped: report.stats.skipped,
  };
}

export const addCounts = (a: Counts, b: Counts): Counts => ({
  passed: a.passed + b.passed,
  failed: a.failed + b.failed,
  skipped: a.skipped + b.skipped,
});
