import { expect, test } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin } from './support/gateway-api.ts';
import { loginViaUi, logoutViaUi } from './support/ui.ts';

test('a user changes their password in Settings; only the new one works afterwards', async ({ page, request }) => {
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  const username = uniqueUsername('pw');
  await apiCreateUser(request, adminToken, { username, password: E2E_USER_PASSWORD, role: 'viewer' });
  const newPassword = 'a-fresh-passphrase-789';

  await loginViaUi(page, username, E2E_USER_PASSWORD);
  await page.getByTestId('nav-settings').click();

  await page.getByTestId('settings-current-password').fill('not-my-password');
  await page.getByTestId('settings-new-password').fill(newPassword);
  await page.getByTestId('settings-confirm-password').fill(newPassword);
  await page.getByTestId('settings-password-submit').click();
  await expect(page.getByTestId('settings-password-error')).toHaveText('Your current password is not correct.');

  await page.getByTestId('settings-current-password').fill(E2E_USER_PASSWORD);
  await page.getByTestId('settings-password-submit').click();
  await expect(page.getByTestId('toast-success')).toContainText('Password changed');
  // This tab keeps its (new) session across a reload.
  await page.reload();
  await expect(page.getByTestId('user-name')).toHaveText(username);

  await logoutViaUi(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(E2E_USER_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password.');
  await loginViaUi(page, username, newPassword);
});
