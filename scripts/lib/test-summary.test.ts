import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vitestCounts, vitestFailures } from './test-summary.ts';

const report = (content: object): string => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sd-summary-')), 'vitest.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};

describe("the final line's counts from vitest's report", () => {
  it('counts a failing test once, however many describe blocks hold it', () => {
    const file = report({
      numPassedTests: 9,
      numFailedTests: 1,
      numFailedTestSuites: 2, // the file and its describe block
      testResults: [{ status: 'failed', assertionResults: [{ status: 'passed' }, { status: 'failed' }] }, { status: 'passed', assertionResults: [{ status: 'passed' }] }],
    });
    expect(vitestCounts(file)).toEqual({ passed: 9, failed: 1, skipped: 0 });
  });

  it('counts a file that failed to load (no tests ran) as a failure, not as nothing', () => {
    const file = report({ numPassedTests: 5, numFailedTests: 0, numFailedTestSuites: 1, testResults: [{ status: 'failed', assertionResults: [] }] });
    expect(vitestCounts(file)).toEqual({ passed: 5, failed: 1, skipped: 0 });
  });
});

describe('the failures named above the final line', () => {
  it('names each failed test with its file and first message line, and a file that failed without tests', () => {
    const file = report({
      numPassedTests: 1,
      numFailedTests: 1,
      testResults: [
        {
          name: '/repo/apps/a.test.ts',
          status: 'failed',
          assertionResults: [
            { status: 'passed', fullName: 'works' },
            { status: 'failed', fullName: 'suite breaks', failureMessages: ['AssertionError: expected 1 to be 2\n    at x.ts:1'] },
          ],
        },
        { name: '/repo/apps/b.test.ts', status: 'failed', message: 'Error: hook timed out\nstack', assertionResults: [] },
        { name: '/repo/apps/c.test.ts', status: 'passed', assertionResults: [{ status: 'passed', fullName: 'fine' }] },
      ],
    });
    expect(vitestFailures(file, '/repo')).toEqual(['apps/a.test.ts › suite breaks: AssertionError: expected 1 to be 2', 'apps/b.test.ts: Error: hook timed out']);
  });
});
