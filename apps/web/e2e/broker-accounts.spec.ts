import { expect, test, type Response } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin } from './support/gateway-api.ts';
import { loginViaUi } from './support/ui.ts';

const KITE_SECRET = 'e2eKiteSecret7Q2';
const XTS_INTERACTIVE_SECRET = 'e2eXtsInteractive9Z';
const XTS_MARKET_DATA_SECRET = 'e2eXtsMarketData4K';
const SECRETS = [KITE_SECRET, XTS_INTERACTIVE_SECRET, XTS_MARKET_DATA_SECRET];

test('an admin adds a Zerodha and an XTS account, edits one without retyping its secret, assigns a trader; no secret ever comes back', async ({ page, request }) => {
  const traderName = uniqueUsername('brokertrader');
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: traderName, password: E2E_USER_PASSWORD, role: 'trader' });
  const suffix = uniqueUsername('');
  const zerodha = `Zerodha ${suffix}`;
  const xts = `XTS ${suffix}`;

  // Everything the page fetched from the gateway, read in full at the end.
  const answers: { url: string; body: Promise<string> }[] = [];
  page.on('response', (response: Response) => {
    if (response.url().includes('/trpc/')) answers.push({ url: response.url(), body: response.text().catch(() => '') });
  });

  await loginViaUi(page, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await page.getByTestId('nav-admin').click();
  const section = page.getByTestId('broker-accounts-section');
  await expect(section).toBeVisible();

  await test.step('add a Zerodha account', async () => {
    await page.getByTestId('broker-account-add').click();
    const dialog = page.getByTestId('broker-account-dialog');
    await dialog.getByTestId('broker-account-broker').selectOption('KITE');
    await dialog.getByTestId('broker-account-name').fill(zerodha);
    await dialog.getByTestId('broker-account-api-key').fill('e2ekiteapikey01');
    await expect(dialog.getByTestId('broker-account-api-secret')).toHaveAttribute('type', 'password');
    await dialog.getByTestId('broker-account-api-secret').fill(KITE_SECRET);
    await dialog.getByTestId('broker-account-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('toast-success').last()).toContainText(`Added ${zerodha}`);
  });

  await test.step('add an XTS account: the root URL must be https', async () => {
    await page.getByTestId('broker-account-add').click();
    const dialog = page.getByTestId('broker-account-dialog');
    await dialog.getByTestId('broker-account-broker').selectOption('XTS');
    await dialog.getByTestId('broker-account-name').fill(xts);
    await dialog.getByTestId('broker-account-root-url').fill('http://xts.example-broker.in');
    await dialog.getByTestId('broker-account-client-id').fill('DLR01');
    await dialog.getByTestId('broker-account-interactive-app-key').fill('e2e-interactive-app');
    await dialog.getByTestId('broker-account-interactive-secret').fill(XTS_INTERACTIVE_SECRET);
    await dialog.getByTestId('broker-account-market-data-app-key').fill('e2e-marketdata-app');
    await dialog.getByTestId('broker-account-market-data-secret').fill(XTS_MARKET_DATA_SECRET);
    await dialog.getByTestId('broker-account-submit').click();
    await expect(dialog).toContainText('XTS root URL must be https://');
    await dialog.getByTestId('broker-account-root-url').fill('https://xts.example-broker.in');
    await dialog.getByTestId('broker-account-submit').click();
    await expect(dialog).toBeHidden();
  });

  await test.step('both are listed as never connected', async () => {
    for (const [name, broker] of [
      [zerodha, 'Zerodha (Kite Connect)'],
      [xts, 'XTS (Symphony)'],
    ] as const) {
      const row = page.getByTestId(`broker-account-row-${name}`);
      await expect(row).toContainText(broker);
      await expect(page.getByTestId(`broker-account-status-${name}`)).toHaveText('Never connected');
      await expect(row).toContainText('Never'); // last tick
      await expect(row).toContainText('Not yet'); // last reconciliation
      await expect(page.getByTestId(`broker-account-enabled-${name}`)).toHaveText('Enabled');
    }
  });

  await test.step('edit the Zerodha account without retyping its secret', async () => {
    await page.getByTestId(`broker-account-edit-${zerodha}`).click();
    const dialog = page.getByTestId('broker-account-dialog');
    await expect(dialog.getByTestId('broker-account-api-key')).toHaveValue('e2ekiteapikey01');
    await expect(dialog.getByTestId('broker-account-api-secret')).toHaveValue('');
    await expect(dialog).toContainText('leave empty to keep it');
    await dialog.getByTestId('broker-account-api-key').fill('e2ekiteapikey02');
    await dialog.getByTestId('broker-account-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('toast-success').last()).toContainText(`Saved ${zerodha}`);
    // The secret is still stored: the dialog says so again.
    await page.getByTestId(`broker-account-edit-${zerodha}`).click();
    await expect(dialog.getByTestId('broker-account-api-key')).toHaveValue('e2ekiteapikey02');
    await expect(dialog).toContainText('Stored encrypted — leave empty to keep it');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  await test.step('assign the trader to the Zerodha account', async () => {
    await page.getByTestId(`broker-account-traders-${zerodha}`).click();
    const dialog = page.getByTestId('broker-account-traders-dialog');
    await dialog.getByTestId(`broker-account-trader-${traderName}`).check();
    await dialog.getByTestId('broker-account-traders-save').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId(`broker-account-traders-list-${zerodha}`)).toHaveText(traderName);
  });

  await test.step('remove the XTS account: disabled first, then confirmed', async () => {
    await page.getByTestId(`broker-account-remove-${xts}`).click();
    await expect(page.getByTestId('broker-account-remove-blocked')).toBeVisible();
    await page.getByTestId('broker-account-remove-dialog').getByRole('button', { name: 'OK' }).click();
    await page.getByTestId(`broker-account-toggle-${xts}`).click();
    // Disabling cuts its trader off: it asks first.
    await expect(page.getByTestId(`broker-account-enabled-${xts}`)).not.toHaveText('Disabled');
    await page.getByTestId('broker-account-disable-confirm').click();
    await expect(page.getByTestId(`broker-account-enabled-${xts}`)).toHaveText('Disabled');
    await page.getByTestId(`broker-account-remove-${xts}`).click();
    await page.getByTestId('broker-account-remove-confirm').click();
    await expect(page.getByTestId(`broker-account-row-${xts}`)).toHaveCount(0);
  });

  await test.step('neither the page nor anything it fetched holds a secret', async () => {
    await page.reload();
    await expect(page.getByTestId(`broker-account-row-${zerodha}`)).toBeVisible();
    const html = await page.content();
    for (const secret of SECRETS) expect(html).not.toContain(secret);
    const fetched = await Promise.all(answers.map(async (answer) => ({ url: answer.url, body: await answer.body })));
    const lists = fetched.filter((answer) => answer.url.includes('admin.brokerAccounts.list'));
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.at(-1)?.body).toContain('"hasApiSecret":true');
    for (const answer of fetched) {
      for (const secret of SECRETS) expect(answer.body, `${answer.url} answered with a secret`).not.toContain(secret);
    }
  });
});
