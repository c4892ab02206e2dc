import { expect, test } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin, trpcMutation, trpcQuery } from './support/gateway-api.ts';
import { pickNiftyTargets } from './support/market.ts';
import { addToWatchlist, loginViaUi } from './support/ui.ts';

/**
 * Issue 4, the whole flow without credentials (ADR 0020): an admin adds a "simulated Zerodha"
 * account and assigns a trader; the trader connects it through the (fake) Kite login page, switches
 * the terminal to the live account, trades there — the order goes to the simulated broker, not the
 * paper one — and the admin sees the account connected with a reconciliation result.
 */
test('a trader connects a simulated Zerodha account through its login page and trades on it', async ({ page, request, browser }) => {
  const traderName = uniqueUsername('zerodha');
  const brokerName = `Sim Zerodha ${uniqueUsername('')}`;
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: traderName, password: E2E_USER_PASSWORD, role: 'trader' });
  const users = await trpcQuery<{ userId: string; username: string }[]>(request, adminToken, 'admin.users.list');
  const traderId = users.find((user) => user.username === traderName)?.userId;
  if (!traderId) throw new Error('trader not listed');
  const account = await trpcMutation<{ id: string }>(request, adminToken, 'admin.brokerAccounts.create', { broker: 'SIMULATED_KITE', name: brokerName });
  await trpcMutation(request, adminToken, 'admin.brokerAccounts.assign', { id: account.id, traderIds: [traderId] });

  await loginViaUi(page, traderName, E2E_USER_PASSWORD);

  await test.step('Settings → Broker shows the assigned account, not connected yet', async () => {
    await page.goto('/settings');
    const section = page.getByTestId('broker-section');
    await expect(section.getByTestId('broker-account-name')).toHaveText(brokerName);
    await expect(section.getByTestId('broker-connection')).toHaveText('Never connected');
  });

  await test.step('Connect Zerodha: the login page sends the browser back connected', async () => {
    await page.getByTestId('broker-connect').click();
    await expect(page.getByTestId('broker-login-result')).toHaveAttribute('data-kind', 'connected');
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByTestId('broker-section').getByTestId('broker-connection')).toHaveText('Connected');
  });

  const traderToken = await apiLogin(request, traderName, E2E_USER_PASSWORD);
  const { future } = await pickNiftyTargets(request, traderToken);

  await test.step('switch the terminal to the live account and buy the future at market', async () => {
    const switcher = page.getByTestId('account-switcher');
    await expect(switcher).toHaveAttribute('data-kind', 'paper');
    const select = page.getByTestId('account-switcher-select');
    const liveOption = select.locator('option', { hasText: brokerName });
    await select.selectOption((await liveOption.getAttribute('value')) ?? '');
    await expect(switcher).toHaveAttribute('data-kind', 'live');
    await expect(switcher).toHaveAttribute('data-state', 'ok');

    await page.getByTestId('nav-market-watch').click();
    await addToWatchlist(page, future);
    await page.getByTestId(`buy-${future.id}`).click();
    await page.getByTestId('ticket-type-MARKET').click();
    await page.getByTestId('ticket-submit').click();
    await expect(page.getByTestId('order-ticket')).toBeHidden();

    await page.getByTestId('nav-orders').click();
    const row = page.getByTestId('orders-grid').locator('tbody tr[data-testid^="order-row-"]').first();
    const orderId = ((await row.getAttribute('data-testid')) ?? '').replace('order-row-', '');
    await expect(page.getByTestId(`order-status-${orderId}`)).toHaveText('FILLED');
  });

  await test.step('the order went to the simulated Zerodha: the paper account has none', async () => {
    const accounts = await trpcQuery<{ id: string; kind: string }[]>(request, traderToken, 'auth.accounts');
    const live = accounts.find((candidate) => candidate.kind === 'live');
    expect(live).toBeTruthy();
    // This API session is on the paper account (a new session starts there).
    const paperOrders = await trpcQuery<unknown[]>(request, traderToken, 'orders.list');
    expect(paperOrders).toEqual([]);
  });

  await test.step('the admin sees the account connected, with a reconciliation result', async () => {
    await expect
      .poll(async () => {
        const listed = await trpcQuery<{ id: string; connection: string; lastReconciledAt: number | null }[]>(request, adminToken, 'admin.brokerAccounts.list');
        const mine = listed.find((candidate) => candidate.id === account.id);
        return mine ? `${mine.connection}/${mine.lastReconciledAt === null ? 'none' : 'reconciled'}` : 'missing';
      }, { timeout: 60_000 })
      .toBe('CONNECTED/reconciled');
  });

  await test.step('the admin makes the account the market-data source (from the next engine start), then the simulated market again', async () => {
    const context = await browser.newContext();
    const admin = await context.newPage();
    await loginViaUi(admin, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
    await admin.getByTestId('nav-admin').click();
    await admin.getByTestId(`broker-account-market-data-on-${brokerName}`).click();
    await expect(admin.getByTestId('toast-success').last()).toContainText(`Market data: ${brokerName}'s feed from the engine's next start.`);
    const row = admin.getByTestId(`broker-account-row-${brokerName}`);
    await expect(row.getByTestId(`broker-account-market-data-${brokerName}`)).toHaveText('Market source');
    await expect(row).toContainText('Applies when the engine next starts.');
    const listed = await trpcQuery<{ id: string; marketData: boolean }[]>(request, adminToken, 'admin.brokerAccounts.list');
    expect(listed.filter((candidate) => candidate.marketData).map((candidate) => candidate.id)).toEqual([account.id]);

    await admin.getByTestId(`broker-account-market-data-off-${brokerName}`).click();
    await expect(admin.getByTestId('toast-success').last()).toContainText("Market data: the simulated market from the engine's next start.");
    await expect(admin.getByTestId(`broker-account-market-data-on-${brokerName}`)).toBeVisible();
    await context.close();
  });
});
