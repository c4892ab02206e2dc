import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

export type Counts = { passed: number; failed: number; skipped: number };

const VitestReport = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number().default(0),
  numTodoTests: z.number().default(0),
  testResults: z
    .array(
      z.object({
        name: z.string().default('?'),
        status: z.string(),
        message: z.string().default(''),
        assertionResults: z
          .array(z.object({ status: z.string(), fullName: z.string().default('?'), failureMessages: z.array(z.string()).default([]) }))
          .default([]),
      }),
    )
    .default([]),
});

const firstLine = (text: string): string => (text.split('\n').find((line) => line.trim() !== '') ?? '').trim().slice(0, 300);

/**
 * One line per failed test (or test file that failed without a failing test) of vitest's JSON
 * report: CI shows only the end of a run's output, so the summary names what failed right there.
 */
export function vitestFailures(file: string, root: string): string[] {
  if (!existsSync(file)) return [];
  const report = VitestReport.parse(JSON.parse(readFileSync(file, 'utf8')));
  return report.testResults.flatMap((result) => {
    const path = result.name.startsWith(root) ? result.name.slice(root.length + 1) : result.name;
    const failed = result.assertionResults.filter((test) => test.status === 'failed');
    if (failed.length === 0) return result.status === 'failed' ? [`${path}: ${firstLine(result.message) || 'the file failed to run'}`] : [];
    return failed.map((test) => `${path} › ${test.fullName}: ${firstLine(test.failureMessages[0] ?? '')}`);
  });
}

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
