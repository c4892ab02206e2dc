import { expect, test } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME } from './support/constants.ts';
import { loginViaUi } from './support/ui.ts';

test('unauthenticated visits go to the login page', async ({ page }) => {
  await page.goto('/orders');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('login-submit')).toBeVisible();
});

test('a wrong password shows the server message', async ({ page }) => {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(E2E_ADMIN_USERNAME);
  await page.getByTestId('login-password').fill('definitely-not-the-password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password.');
});

test('the session survives a reload and logout really ends it', async ({ page }) => {
  await loginViaUi(page, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);

  // The access token lives in memory only: a reload restores it from the refresh cookie.
  await page.reload();
  await expect(page.getByTestId('user-name')).toHaveText(E2E_ADMIN_USERNAME);

  await page.getByTestId('logout-button').click();
  await expect(page).toHaveURL(/\/login$/);

  await page.reload();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('login-submit')).toBeEnabled();
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('user-name')).toHaveCount(0);
});
