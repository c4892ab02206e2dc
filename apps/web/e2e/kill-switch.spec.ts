import { expect, test } from '@playwright/test';
import { ERROR_CODES } from '@strikedesk/domain';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin, apiPlaceMarketOrder, apiPlaceRestingBuy } from './support/gateway-api.ts';
import { pickNiftyTargets } from './support/market.ts';
import { addToWatchlist, loginViaUi } from './support/ui.ts';

test('a trader halts their account from the header and squares off; an admin releases it and trading resumes', async ({ page, browser, request }) => {
  const traderName = uniqueUsername('halt');
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: traderName, password: E2E_USER_PASSWORD, role: 'trader' });
  const traderToken = await apiLogin(request, traderName, E2E_USER_PASSWORD);
  const { option } = await pickNiftyTargets(request, traderToken);
  const positionKey = `${option.id}|MIS`;

  const bought = await apiPlaceMarketOrder(request, traderToken, { instrumentId: option.id, side: 'BUY', quantity: option.lotSize });
  expect(bought.status).toBe('FILLED');
  const resting = await apiPlaceRestingBuy(request, traderToken, option);
  expect(resting.status).toBe('OPEN');

  await loginViaUi(page, traderName, E2E_USER_PASSWORD);
  await addToWatchlist(page, option);
  await expect(page.getByTestId('halt-banner')).toHaveCount(0);
  const killSwitch = page.getByTestId('kill-switch-button');
  await expect(killSwitch).toHaveAttribute('data-state', 'off');

  await test.step('engage the kill switch from the header, squaring off', async () => {
    await page.getByTestId('kill-switch-button').click();
    const dialog = page.getByTestId('kill-switch-dialog');
    await expect(dialog).toBeVisible();
    await page.getByTestId('kill-switch-confirm').click();
    await expect(page.getByTestId('kill-switch-error')).toContainText('reason');
    await page.getByTestId('kill-switch-reason').fill('runaway strategy');
    await page.getByTestId('kill-switch-flatten').check();
    await page.getByTestId('kill-switch-confirm').click();
    await expect(dialog).toBeHidden();
    const banner = page.getByTestId('halt-banner');
    await expect(banner).toContainText('Kill switch engaged on your account since');
    await expect(banner).toContainText('by you: runaway strategy');
    await expect(banner).toContainText('until an admin releases it');
    // Exit alerts and closing orders are refused too: the banner says where squaring off still works.
    await expect(banner).toContainText('TradingView alerts (exits included)');
    await expect(banner).toContainText('Square off on Positions still works');
    // The header's switch itself says it is on, and opening it again does not offer to "engage" it.
    await expect(killSwitch).toHaveAttribute('data-state', 'engaged');
    await expect(killSwitch).toHaveText('Kill switch ON');
    await killSwitch.click();
    await expect(dialog).toContainText('Kill switch engaged');
    await expect(dialog).toContainText('by you: runaway strategy');
    await expect(page.getByTestId('kill-switch-confirm')).toHaveText('Square off all positions');
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(dialog).toBeHidden();
  });

  await test.step('the resting order is cancelled and the position is flat', async () => {
    await page.getByTestId('nav-orders').click();
    await expect(page.getByTestId(`order-status-${resting.orderId}`)).toHaveText('CANCELED');
    const exitRow = page.getByTestId('orders-grid').locator('tbody tr', { hasText: 'Kill switch' });
    await expect(exitRow).toHaveCount(1);
    await expect(exitRow).toContainText('FILLED');
    await page.getByTestId('nav-positions').click();
    await expect(page.getByTestId(`position-qty-${positionKey}`)).toHaveText('0 (0 lots)');
    await expect(page.getByTestId(`position-day-sell-${positionKey}`)).toContainText(String(option.lotSize));
    await expect(page.getByTestId(`position-square-off-${positionKey}`)).toHaveCount(0);
  });

  await test.step('a new order is refused with the kill-switch message', async () => {
    await page.getByTestId('nav-market-watch').click();
    await page.getByTestId(`buy-${option.id}`).click();
    // Said before sending, not only after the engine's denial.
    await expect(page.getByTestId('ticket-halt-notice')).toContainText('Trading halted — kill switch engaged on your account');
    await page.getByTestId('ticket-type-MARKET').click();
    await page.getByTestId('ticket-submit').click();
    await expect(page.getByTestId('ticket-error')).toContainText(ERROR_CODES.KILL_SWITCH_ENGAGED);
    await expect(page.getByTestId('ticket-error')).toContainText('runaway strategy');
  });

  await test.step('the admin releases it in Admin: the banner goes at once and the trader trades again', async () => {
    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    await loginViaUi(adminPage, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
    await adminPage.getByTestId('nav-admin').click();
    const row = adminPage.getByTestId('active-halts').locator('tbody tr', { hasText: traderName });
    await expect(row).toContainText('runaway strategy');
    await expect(row).toContainText('1 open order(s) cancelled');
    await expect(row).toContainText('1 square-off order(s) sent');
    await row.getByRole('button', { name: 'Release…' }).click();
    await adminPage.getByTestId('release-halt-note').fill('talked to the trader');
    await adminPage.getByTestId('release-halt-confirm').click();
    await expect(adminPage.getByTestId('active-halts').locator('tbody tr', { hasText: traderName })).toHaveCount(0);
    await expect(adminPage.getByTestId('recent-halts').locator('tbody tr', { hasText: traderName })).toContainText('talked to the trader');
    await adminContext.close();

    // Pushed over the trader's socket: no reload.
    await expect(page.getByTestId('halt-banner')).toHaveCount(0);
    await expect(killSwitch).toHaveAttribute('data-state', 'off');
    await expect(killSwitch).toHaveText('Kill switch');
    await expect(page.getByTestId('ticket-halt-notice')).toHaveCount(0);
    await page.getByTestId('ticket-submit').click();
    await expect(page.getByTestId('toast-success').last()).toContainText('FILLED');
    await expect(page.getByTestId('order-ticket')).toBeHidden();
  });
});
