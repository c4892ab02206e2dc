import { defineConfig } from 'vitest/config';

// Load tests (`*.load.test.ts`, e.g. 100 TradingView alerts/s for a minute) run on their own after
// the rest (scripts/test.ts sets STRIKEDESK_LOAD_TESTS=1): beside the parallel suite they would
// measure the machine's contention, not the system.
const loadTests = process.env['STRIKEDESK_LOAD_TESTS'] === '1';
const LOAD_PATTERN = '**/*.load.test.ts';

export default defineConfig({
  test: {
    include: loadTests ? ['apps/*/src/**/*.load.test.ts'] : ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'apps/web/e2e/**', ...(loadTests ? [] : [LOAD_PATTERN])],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
