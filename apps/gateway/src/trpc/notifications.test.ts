import { afterAll, beforeAll, expect, it } from 'vitest';
import { failureOf } from '../testing/gateway-client.ts';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ engine: false });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

it("each user keeps their own Telegram chat and choice of outcomes; a malformed chat id is refused", async () => {
  const alice = await signedInUser(stack, 'notify-alice', 'trader');
  const bob = await signedInUser(stack, 'notify-bob', 'viewer');
  expect(await alice.trpc.notifications.get.query()).toEqual({ telegramChatId: null, notifyStatuses: ['REJECTED', 'FAILED'] });

  const saved = await alice.trpc.notifications.set.mutate({ telegramChatId: '-1001234567', notifyStatuses: ['REJECTED', 'FAILED', 'EXECUTED'] });
  expect(saved).toEqual({ telegramChatId: '-1001234567', notifyStatuses: ['REJECTED', 'FAILED', 'EXECUTED'] });
  expect(await alice.trpc.notifications.get.query()).toEqual(saved);
  expect(await bob.trpc.notifications.get.query()).toMatchObject({ telegramChatId: null });

  const bad = await failureOf(alice.trpc.notifications.set.mutate({ telegramChatId: 'my chat', notifyStatuses: [] }));
  expect(bad).toMatchObject({ appCode: 'VALIDATION_FAILED', httpStatus: 400 });
  expect(bad.message).toContain('chat id');
});
