import { expect, test } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin, trpcQuery } from './support/gateway-api.ts';
import { loginViaUi } from './support/ui.ts';

test('a trader sets their Telegram chat id in Settings; it is kept, and a malformed one is refused', async ({ page, request }) => {
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  const username = uniqueUsername('notify');
  await apiCreateUser(request, adminToken, { username, password: E2E_USER_PASSWORD, role: 'trader' });

  await loginViaUi(page, username, E2E_USER_PASSWORD);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('notifications-section')).toContainText('@userinfobot');
  const chatId = page.getByTestId('notifications-chat-id');
  await expect(chatId).toHaveValue('');
  // Nothing saved yet: the defaults, rejections and failures.
  await expect(page.getByTestId('notifications-status-REJECTED')).toBeChecked();
  await expect(page.getByTestId('notifications-status-FAILED')).toBeChecked();
  await expect(page.getByTestId('notifications-status-EXECUTED')).not.toBeChecked();
  await expect(page.getByTestId('notifications-status-NO_ACTION')).not.toBeChecked();

  await chatId.fill('123456789');
  await page.getByTestId('notifications-status-EXECUTED').check();
  await page.getByTestId('notifications-save').click();
  await expect(page.getByTestId('toast-success')).toContainText('Notification settings saved');

  await page.reload();
  await expect(chatId).toHaveValue('123456789');
  await expect(page.getByTestId('notifications-status-EXECUTED')).toBeChecked();
  const token = await apiLogin(request, username, E2E_USER_PASSWORD);
  expect(await trpcQuery(request, token, 'notifications.get')).toEqual({ telegramChatId: '123456789', notifyStatuses: ['REJECTED', 'FAILED', 'EXECUTED'] });

  await chatId.fill('my chat');
  await page.getByTestId('notifications-save').click();
  await expect(page.getByTestId('notifications-error')).toContainText('chat id');
  // The refused id was not stored: the last good one stands.
  await page.reload();
  await expect(chatId).toHaveValue('123456789');
});
