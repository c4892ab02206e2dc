import { expect, test } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import type { CreatedApiKey } from '@strikedesk/domain';
import { apiCreateUser, apiLogin, trpcMutation } from './support/gateway-api.ts';
import { loginViaUi } from './support/ui.ts';

test('a trader creates an API key in Settings, a program uses it, and revoking it shuts the program out', async ({ page, request }) => {
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  const username = uniqueUsername('keys');
  await apiCreateUser(request, adminToken, { username, password: E2E_USER_PASSWORD, role: 'trader' });

  await loginViaUi(page, username, E2E_USER_PASSWORD);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('api-keys-grid')).toContainText('No API keys yet.');

  await page.getByTestId('api-key-create').click();
  await page.getByTestId('api-key-create-submit').click();
  await expect(page.getByTestId('create-api-key-error')).toContainText('Name the key');
  await page.getByTestId('api-key-name').fill('Python algo');
  await page.getByTestId('api-key-trade').check();
  await page.getByTestId('api-key-create-submit').click();

  const shown = page.getByTestId('created-api-key');
  await expect(shown).toHaveValue(/^sdk_[0-9a-f]{12}_[A-Za-z0-9_-]{32}$/);
  const key = await shown.inputValue();
  const prefix = key.slice(4, 16);
  await page.getByTestId('created-api-key-done').click();

  const row = page.getByTestId(`api-key-row-${prefix}`);
  await expect(row).toContainText('Python algo');
  await expect(row).toContainText('Paper'); // the account it acts on: the header's, the only one here
  await expect(row).toContainText(`sdk_${prefix}_…`);
  await expect(row).toContainText('trade');
  await expect(row).toContainText('never');
  // The secret is nowhere on the page once the dialog is closed.
  await expect(page.locator('body')).not.toContainText(key.slice(17));

  const used = await request.get('/api/v1/orders', { headers: { authorization: `Bearer ${key}` } });
  expect(used.status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId(`api-key-row-${prefix}`)).not.toContainText('never');

  await page.getByTestId(`api-key-revoke-${prefix}`).click();
  await expect(page.getByTestId('revoke-api-key-dialog')).toContainText(`sdk_${prefix}_…`);
  await page.getByTestId('revoke-api-key-confirm').click();
  await expect(page.getByTestId('toast-success')).toContainText('revoked');
  await expect(page.getByTestId(`api-key-row-${prefix}`)).toContainText('revoked');
  await expect(page.getByTestId(`api-key-revoke-${prefix}`)).toHaveCount(0);

  const refused = await request.get('/api/v1/orders', { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: 'API_KEY_INVALID' });
});

test('a viewer can only create read keys', async ({ page, request }) => {
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  const username = uniqueUsername('keysview');
  await apiCreateUser(request, adminToken, { username, password: E2E_USER_PASSWORD, role: 'viewer' });
  await loginViaUi(page, username, E2E_USER_PASSWORD);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('api-key-create').click();
  await expect(page.getByTestId('create-api-key-dialog')).toContainText('view-only');
  await expect(page.getByTestId('api-key-trade')).toHaveCount(0);
  await page.getByTestId('api-key-name').fill('Sheet');
  await page.getByTestId('api-key-create-submit').click();
  const key = await page.getByTestId('created-api-key').inputValue();
  await page.getByTestId('created-api-key-done').click();
  await expect(page.getByTestId(`api-key-row-${key.slice(4, 16)}`)).toContainText('read');
  const place = await request.post('/api/v1/orders', { headers: { 'x-api-key': key }, data: { instrumentId: 'NFO:NIFTY', side: 'BUY', type: 'MARKET', product: 'MIS', quantity: 1 } });
  expect(place.status()).toBe(403);
  expect(await place.json()).toMatchObject({ error: 'API_KEY_SCOPE' });
});

test("an admin sees every user's keys with their owner, revokes one, and a password reset can revoke the rest", async ({ page, request }) => {
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  const username = uniqueUsername('keysadm');
  await apiCreateUser(request, adminToken, { username, password: E2E_USER_PASSWORD, role: 'trader' });
  const traderToken = await apiLogin(request, username, E2E_USER_PASSWORD);
  const leaked = await trpcMutation<CreatedApiKey>(request, traderToken, 'apiKeys.create', { name: 'Leaked bot', scopes: ['trade'] });
  const other = await trpcMutation<CreatedApiKey>(request, traderToken, 'apiKeys.create', { name: 'Sheet', scopes: ['read'] });
  const works = async (key: string) => (await request.get('/api/v1/orders', { headers: { authorization: `Bearer ${key}` } })).status();

  await loginViaUi(page, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  // The keys arrive before the users (and their accounts): the account column must still fill in.
  await page.route('**/trpc/admin.users.list**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.getByTestId('nav-admin').click();
  const row = page.getByTestId(`admin-api-key-row-${leaked.apiKey.prefix}`);
  await expect(row).toContainText(username);
  await expect(row).toContainText('Leaked bot');
  await expect(row).toContainText('Paper');
  await row.getByTestId(`api-key-revoke-${leaked.apiKey.prefix}`).click();
  await expect(page.getByTestId('revoke-api-key-dialog')).toContainText(`${username}'s`);
  await page.getByTestId('revoke-api-key-confirm').click();
  await expect(row).toContainText('revoked');
  expect(await works(leaked.key)).toBe(401);
  expect(await works(other.key)).toBe(200);

  await page.getByTestId(`user-row-${username}`).getByTestId(`user-reset-${username}`).click();
  const resetDialog = page.getByTestId('user-reset-dialog');
  await resetDialog.getByText('Also revoke all of their API keys').click();
  await resetDialog.getByTestId('user-reset-confirm').click();
  await expect(resetDialog.getByTestId('user-reset-revoked-keys')).toContainText('1 API key of theirs revoked');
  await resetDialog.getByTestId('user-reset-done').click();
  await expect(page.getByTestId(`admin-api-key-row-${other.apiKey.prefix}`)).toContainText('revoked');
  expect(await works(other.key)).toBe(401);
});
