import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

export type Counts = { passed: number; failed: number; skipped: number };

const VitestReport = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number().default(0),
  numTodoTests: z.number().default(0),
  numTotalTestSuites: z.number().default(0),
  numFailedTestSuites: z.number().default(0),
});

const PlaywrightReport = z.object({
  stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number().default(0), skipped: z.number().default(0) }),
  errors: z.array(z.unknown()).default([]),
});

/** Reads vitest's JSON report. A suite that failed to load counts as a failure, not as zero tests. */
export function vitestCounts(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const report = VitestReport.parse(JSON.parse(readFileSync(file, 'utf8')));
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + report.numFailedTestSuites,
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
