import { expect, test } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin } from './support/gateway-api.ts';
import { callLtpSnapshot, openChain } from './support/chain.ts';
import { paiseFromText, rupeesText } from './support/money.ts';
import { loginViaUi, readPrice } from './support/ui.ts';

const DEFAULT_STRIKES_EACH_SIDE = 15;

test('a trader reads the live NIFTY option chain and buys the ATM call at the ask from it', async ({ page, request }) => {
  const traderName = uniqueUsername('chain');
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: traderName, password: E2E_USER_PASSWORD, role: 'trader' });
  await loginViaUi(page, traderName, E2E_USER_PASSWORD);

  const atmStrike = await test.step('NIFTY, nearest expiry, loads around ATM', async () => {
    const strike = await openChain(page);
    await expect(page.getByTestId('chain-underlying')).toHaveValue('NIFTY');
    const firstExpiry = await page.getByTestId('chain-expiry').locator('option').first().getAttribute('value');
    await expect(page.getByTestId('chain-expiry')).toHaveValue(firstExpiry ?? '');
    await expect(page.locator('[data-testid^="chain-row-"]')).toHaveCount(2 * DEFAULT_STRIKES_EACH_SIDE + 1);
    await expect(page.locator('[data-testid^="chain-row-"][data-atm="true"]')).toHaveCount(1);
    await expect(page.getByTestId('chain-spot')).toHaveText(/^[\d,]+\.\d{2}$/);
    await expect(page.getByTestId('chain-future')).toHaveText(/^[\d,]+\.\d{2}$/);
    await expect(page.getByTestId('chain-atm-iv')).toHaveText(/^\d+\.\d{2}%$/);
    await expect(page.getByTestId('chain-pcr')).toHaveText(/^\d+\.\d{2}$/);
    await expect(page.getByTestId('chain-max-pain')).toHaveText(/^[\d,]+\.\d{2}$/);
    await expect(page.getByTestId(`chain-call-iv-${strike}`)).toHaveText(/^\d+\.\d{2}$/);
    await expect(page.getByTestId(`chain-call-delta-${strike}`)).toHaveText(/^0\.\d{3}$/);
    await expect(page.getByTestId(`chain-put-delta-${strike}`)).toHaveText(/^-0\.\d{3}$/);
    return strike;
  });

  await test.step('call prices move live over the socket', async () => {
    const first = await callLtpSnapshot(page);
    await expect.poll(() => callLtpSnapshot(page), { timeout: 20_000 }).not.toBe(first);
  });

  await test.step('the strikes selector and Greeks toggle reshape the table', async () => {
    await page.getByTestId('chain-strikes').selectOption('10');
    await expect(page.locator('[data-testid^="chain-row-"]')).toHaveCount(21);
    await expect(page.getByTestId(`chain-call-gamma-${atmStrike}`)).toHaveCount(0);
    await page.getByTestId('chain-greeks-toggle').check();
    await expect(page.locator('[data-testid^="chain-call-gamma-"]').first()).toBeVisible();
    await expect(page.locator('[data-testid^="chain-put-vega-"]').first()).toBeVisible();
  });

  let displayName = '';
  await test.step('clicking the ATM call ask opens a BUY LIMIT ticket at that price', async () => {
    const strike = Number(
      ((await page.locator('[data-testid^="chain-row-"][data-atm="true"]').getAttribute('data-testid')) ?? '').replace('chain-row-', ''),
    );
    await readPrice(page, `chain-call-ask-${strike}`);
    // Read the ask and click it in one browser task: no live update can slip in between.
    const askText = await page.getByTestId(`chain-call-ask-${strike}`).evaluate((cell) => {
      const text = (cell.textContent ?? '').trim();
      (cell as HTMLElement).click();
      return text;
    });
    const ticket = page.getByTestId('order-ticket');
    await expect(ticket).toBeVisible();
    await expect(page.getByTestId('ticket-side-buy')).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('ticket-type-LIMIT')).toHaveAttribute('aria-checked', 'true');
    // Pre-filled with exactly the clicked ask, and not overwritten by the LTP later.
    await expect(page.getByTestId('ticket-price')).toHaveValue(rupeesText(paiseFromText(askText)));
    await page.waitForTimeout(1_500);
    await expect(page.getByTestId('ticket-price')).toHaveValue(rupeesText(paiseFromText(askText)));
    displayName = ((await page.getByTestId('ticket-instrument').textContent()) ?? '').trim();
    expect(displayName).toMatch(/^NIFTY .* CE$/);
    expect(displayName).toContain(String(strike / 100));
    await expect(page.getByTestId('ticket-what-if')).toContainText('estimate');
  });

  await test.step('placing it puts the order in the orderbook', async () => {
    await page.getByTestId('ticket-lots').fill('1');
    await page.getByTestId('ticket-submit').click();
    await expect(page.getByTestId('toast-success').last()).toContainText(displayName);
    await expect(page.getByTestId('order-ticket')).toBeHidden();
    await page.getByTestId('nav-orders').click();
    const row = page.getByTestId('orders-grid').locator('tbody tr[data-testid^="order-row-"]').first();
    await expect(row).toContainText(displayName);
    await expect(row).toContainText(/OPEN|FILLED|PARTIALLY/);
  });
});
