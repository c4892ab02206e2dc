import { expect, test } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin, apiPlaceMarketOrder } from './support/gateway-api.ts';
import { pickNiftyTargets } from './support/market.ts';
import { addToWatchlist, loginViaUi, logoutViaUi } from './support/ui.ts';


test('positions show live Greeks; a NIFTY delta limit set by the admin refuses a futures order', async ({ page, request }) => {
  const traderName = uniqueUsername('greeks');
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: traderName, password: E2E_USER_PASSWORD, role: 'trader' });
  const traderToken = await apiLogin(request, traderName, E2E_USER_PASSWORD);
  const { option, future } = await pickNiftyTargets(request, traderToken);

  await test.step('the trader buys one lot of the near-the-money call', async () => {
    const order = await apiPlaceMarketOrder(request, traderToken, { instrumentId: option.id, side: 'BUY', quantity: option.lotSize });
    expect(order.status).toBe('FILLED');
  });

  await test.step('Positions show a positive delta for it and in the NIFTY summary', async () => {
    await loginViaUi(page, traderName, E2E_USER_PASSWORD);
    await page.getByTestId('nav-positions').click();
    const deltaLots = page.getByTestId(`position-delta-lots-${option.id}|MIS`);
    await expect(deltaLots).toHaveText(/^\+\d+\.\d{2}$/);
    await expect(deltaLots).not.toHaveText('+0.00');
    const summary = page.getByTestId('greeks-summary');
    await expect(summary).toBeVisible();
    await expect(page.getByTestId('greeks-underlying-NIFTY')).toBeVisible();
    await expect(page.getByTestId('greeks-underlying-NIFTY-delta-lots')).toHaveText(/^\+\d+\.\d{2}$/);
    await expect(page.getByTestId('greeks-total-delta-rupees')).toHaveText(/^\+[\d,]+$/);
    await expect(page.getByTestId(`position-theta-${option.id}|MIS`)).toHaveText(/^-[\d,]+$|^0$/);
    await logoutViaUi(page);
  });

  await test.step('the admin sets a NIFTY limit of 1 lot of delta for the trader', async () => {
    await loginViaUi(page, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('greek-limit-user').selectOption({ label: `${traderName} — Paper` });
    await page.getByTestId('greek-limit-underlying').selectOption('NIFTY');
    await page.getByTestId('greek-limit-delta').fill('1');
    await page.getByTestId('greek-limit-vega').fill('');
    await page.getByTestId('greek-limit-save').click();
    const row = page.getByTestId(`greek-limit-row-${traderName}-NIFTY`);
    await expect(row).toBeVisible();
    await expect(row).toContainText('No limit');
    await expect(page.getByTestId('greek-limits-grid')).toContainText(traderName);
    await logoutViaUi(page);
  });

  await test.step('3 lots of the NIFTY future would breach it: the ticket shows the refusal', async () => {
    await loginViaUi(page, traderName, E2E_USER_PASSWORD);
    await addToWatchlist(page, future);
    await page.getByTestId(`buy-${future.id}`).click();
    await expect(page.getByTestId('order-ticket')).toBeVisible();
    await page.getByTestId('ticket-type-MARKET').click();
    await page.getByTestId('ticket-lots').fill('3');
    // The what-if shows where this order would take the net delta (an estimate).
    await expect(page.getByTestId('ticket-delta')).toHaveText('1.000');
    await expect(page.getByTestId('ticket-net-delta-after')).toHaveText(/^\+3\.\d{2} lots$/);
    await page.getByTestId('ticket-submit').click();
    await expect(page.getByTestId('ticket-error')).toContainText('refused by the risk checks (DENIED)');
    await expect(page.getByTestId('ticket-error')).toContainText(/net delta/i);
    await expect(page.getByTestId('toast-error')).toHaveCount(0); // said once, in the ticket
  });
});
