import { afterEach, expect, it } from 'vitest';
import { createNotificationSettingsStore } from '@strikedesk/db/client';
import { waitUntil } from '@strikedesk/domain/testing';
import { startFakeTelegram } from '../testing/fake-telegram.ts';
import { createSignalFixtures } from '../testing/signal-fixtures.ts';
import { createTestDatabase, ManualClock, startTestEngine, TEST_START } from '../testing/test-engine.ts';

const BOT_TOKEN = '123456:test-bot-token-abcdefghijklmnop';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

it("a rejected signal reaches the trader's Telegram chat through the installation's bot", async () => {
  const telegram = await startFakeTelegram(cleanups, { throttleFirst: true });
  const database = await createTestDatabase();
  const fixtures = await createSignalFixtures(database);
  cleanups.push(() => database.drop(), () => fixtures.close());
  await createNotificationSettingsStore(fixtures.pool).set(fixtures.userId, { telegramChatId: '987654321', notifyStatuses: ['REJECTED', 'FAILED'] });
  const strategy = await fixtures.createStrategy();
  const engine = await startTestEngine(database, new ManualClock(TEST_START), { env: { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_URL: telegram.url } });
  cleanups.push(() => engine.close());

  await engine.services.killSwitch.engage({ accountId: fixtures.accountId, userId: fixtures.userId, halt: { scope: 'ACCOUNT', reason: 'lunch break', flatten: false } });
  const rejected = await fixtures.receive(strategy, { action: 'BUY', contracts: 1 });

  const [message] = await waitUntil(() => telegram.received.length > 0 && telegram.received, { timeoutMs: 10_000, message: 'telegram got a message' });
  expect(message!.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
  expect(message!.body.chat_id).toBe('987654321');
  expect(message!.body.text).toContain(`signal #${rejected} of "NIFTY trend" rejected`);
  expect(message!.body.text).toContain('KILL_SWITCH_ENGAGED');
});
