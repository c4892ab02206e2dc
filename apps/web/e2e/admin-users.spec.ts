import { expect, test, type Page } from '@playwright/test';
import { ERROR_CODES } from '@strikedesk/domain';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin } from './support/gateway-api.ts';
import { loginViaUi } from './support/ui.ts';

async function tryLogin(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

test('an admin disables, enables, changes the role of and resets the password of a trader who is logged in meanwhile', async ({ page, browser, request }) => {
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  const username = uniqueUsername('desk');
  await apiCreateUser(request, adminToken, { username, password: E2E_USER_PASSWORD, role: 'trader' });

  // The trader, in a browser of their own (their own cookie).
  const traderContext = await browser.newContext();
  const trader = await traderContext.newPage();
  await loginViaUi(trader, username, E2E_USER_PASSWORD);
  await expect(trader.getByTestId('user-role')).toHaveText('trader');

  await loginViaUi(page, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await page.getByTestId('nav-admin').click();
  const row = page.getByTestId(`user-row-${username}`);
  await expect(page.getByTestId(`user-status-${username}`)).toHaveText('Active');
  // The admin's own row: no way to lock themselves out.
  await expect(page.getByTestId(`user-disable-${E2E_ADMIN_USERNAME}`)).toBeDisabled();
  await expect(page.getByTestId(`user-role-${E2E_ADMIN_USERNAME}`)).toBeDisabled();

  // Disable, after a confirmation: the trader's open terminal is logged out at once.
  await row.getByTestId(`user-disable-${username}`).click();
  const disableDialog = page.getByTestId('user-disable-dialog');
  await expect(disableDialog).toContainText(`Disable ${username}?`);
  await disableDialog.getByTestId('user-disable-confirm').click();
  await expect(disableDialog).toBeHidden();
  await expect(page.getByTestId(`user-status-${username}`)).toHaveText('Disabled');
  await expect(trader).toHaveURL(/\/login$/);
  await tryLogin(trader, username, E2E_USER_PASSWORD);
  await expect(trader.getByTestId('login-error')).toHaveText(ERROR_CODES.USER_DISABLED);

  // Enable: they can log in again.
  await row.getByTestId(`user-enable-${username}`).click();
  await expect(page.getByTestId(`user-status-${username}`)).toHaveText('Active');
  await loginViaUi(trader, username, E2E_USER_PASSWORD);

  // Make them a viewer: logged out, and back in as a viewer.
  await page.getByTestId(`user-role-${username}`).selectOption('viewer');
  await expect(page.getByTestId('toast-success').filter({ hasText: `${username} is now a viewer` })).toBeVisible();
  await expect(page.getByTestId(`user-role-${username}`)).toHaveValue('viewer');
  await expect(trader).toHaveURL(/\/login$/);
  await loginViaUi(trader, username, E2E_USER_PASSWORD);
  await expect(trader.getByTestId('user-role')).toHaveText('viewer');

  // Reset the password: confirmed, shown once; the old one stops working, the new one must be changed.
  await row.getByTestId(`user-reset-${username}`).click();
  const resetDialog = page.getByTestId('user-reset-dialog');
  await resetDialog.getByTestId('user-reset-confirm').click();
  const field = resetDialog.getByTestId('user-reset-password');
  await expect(field).toHaveValue(/^[A-Za-z0-9_-]{24}$/);
  const oneTimePassword = await field.inputValue();
  await resetDialog.getByTestId('user-reset-done').click();
  await expect(resetDialog).toBeHidden();
  await expect(page.getByTestId(`user-must-change-${username}`)).toBeVisible();

  await expect(trader).toHaveURL(/\/login$/);
  await tryLogin(trader, username, E2E_USER_PASSWORD);
  await expect(trader.getByTestId('login-error')).toHaveText('Wrong username or password.');
  await loginViaUi(trader, username, oneTimePassword);
  await expect(trader.getByTestId('must-change-password-banner')).toBeVisible();

  await traderContext.close();
});
