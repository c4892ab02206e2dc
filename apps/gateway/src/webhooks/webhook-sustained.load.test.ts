import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitUntil } from '@strikedesk/domain/testing';
import { runAlertLoad, tallyProcessing } from '../testing/alert-load.ts';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { createLiveStrategy } from '../testing/webhook-fixtures.ts';

let stack: TestStack;
const urls: string[] = [];
// 100 alerts/s over 20 strategies of 20 traders: 5 orders/s per account, inside the SEBI 10/s.
const STRATEGIES = 20;

beforeAll(async () => {
  stack = await startTestStack();
  for (let index = 0; index < STRATEGIES; index += 1) {
    const trader = await signedInUser(stack, `load-${index}`, 'trader');
    urls.push((await createLiveStrategy(trader, stack.gateway.url)).url);
  }
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

it('100 alerts/s for a minute, one in ten resent: every alert processed, none twice', async () => {
  const load = await runAlertLoad({ urls, ratePerSecond: 100, seconds: 60, resendEvery: 10 });
  expect(load.failureCauses).toEqual({});
  expect(load.replies).toEqual({ '200 accepted': load.uniqueAlerts, '200 duplicate': load.sent - load.uniqueAlerts });

  const tally = await waitUntil(
    async () => {
      const current = await tallyProcessing(stack.database.url, load.uniqueAlerts);
      return current.pending === 0 ? current : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 500, message: 'every signal processed' },
  );
  expect(tally).toMatchObject({ signals: load.uniqueAlerts, byStatus: { EXECUTED: load.uniqueAlerts }, orders: load.uniqueAlerts, duplicatesExecuted: 0 });
}, 180_000);
