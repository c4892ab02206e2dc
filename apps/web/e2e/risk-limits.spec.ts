import { expect, test } from '@playwright/test';
import { ERROR_CODES } from '@strikedesk/domain';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin } from './support/gateway-api.ts';
import { pickNiftyTargets } from './support/market.ts';
import { addToWatchlist, loginViaUi, logoutViaUi } from './support/ui.ts';

test("the admin limits a trader's account to 1 lot per order: a 2-lot order is refused", async ({ page, request }) => {
  const traderName = uniqueUsername('limits');
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: traderName, password: E2E_USER_PASSWORD, role: 'trader' });
  const { future } = await pickNiftyTargets(request, adminToken);

  await test.step('the admin saves version 1 of the limits with max order size 1 lot', async () => {
    await loginViaUi(page, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('risk-limits-account').selectOption({ label: `${traderName} — Paper` });
    await expect(page.getByTestId('risk-limits-current-version')).toHaveText('0');
    await expect(page.getByTestId('risk-limit-maxOrderLots')).toHaveValue('500');
    await page.getByTestId('risk-limit-maxOrderLots').fill('1');
    await page.getByTestId('risk-limits-comment').fill('new trader: one lot at a time');
    await page.getByTestId('risk-limits-save').click();
    await expect(page.getByTestId('risk-limits-current-version')).toHaveText('1');
    await expect(page.getByTestId('risk-limit-maxOrderLots')).toHaveValue('1');
    await expect(page.getByTestId('risk-limits-changes-1')).toHaveText('Max order size (lots): 500 lots → 1 lot');
    await expect(page.getByTestId('risk-limits-version-1')).toContainText('new trader: one lot at a time');
    await logoutViaUi(page);
  });

  await test.step('the trader’s 2-lot order is refused with the max-quantity message', async () => {
    await loginViaUi(page, traderName, E2E_USER_PASSWORD);
    await addToWatchlist(page, future);
    await page.getByTestId(`buy-${future.id}`).click();
    await page.getByTestId('ticket-type-MARKET').click();
    await page.getByTestId('ticket-lots').fill('2');
    await page.getByTestId('ticket-submit').click();
    await expect(page.getByTestId('ticket-error')).toContainText(ERROR_CODES.RISK_MAX_ORDER_QUANTITY);
    await expect(page.getByTestId('ticket-error')).toContainText('refused by the risk checks (DENIED)');
    await page.getByTestId('order-ticket').getByRole('button', { name: 'Cancel' }).click();
  });

  await test.step('the orderbook names the limits version that refused it', async () => {
    await page.getByTestId('nav-orders').click();
    const limits = page.getByTestId('orders-grid').locator('tbody tr', { hasText: 'DENIED' }).locator('[data-testid^="order-risk-limits-"]');
    await expect(limits).toHaveText('v1');
    await expect(limits).toHaveAttribute('title', 'Checked against risk limits v1');
  });

  await test.step('the trader sees what binds them in Settings', async () => {
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('my-risk-limits-version')).toContainText('Version 1.');
    await expect(page.getByTestId('my-risk-limit-maxOrderLots')).toHaveText('1 lot');
    await expect(page.getByTestId('my-risk-limit-priceBandPercent')).toHaveText('20%');
  });
});
