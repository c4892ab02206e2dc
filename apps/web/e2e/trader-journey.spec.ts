import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiLogin } from './support/gateway-api.ts';
import { pickNiftyTargets } from './support/market.ts';
import { paiseFromText, roundDownToTick, roundUpToTick, rupeesText } from './support/money.ts';
import { addToWatchlist, loginViaUi, logoutViaUi, readPrice } from './support/ui.ts';

async function createUserViaAdminPage(page: Page, username: string, role: 'trader' | 'viewer'): Promise<void> {
  await page.getByTestId('admin-username').fill(username);
  await page.getByTestId('admin-password').fill(E2E_USER_PASSWORD);
  await page.getByTestId('admin-role').selectOption(role);
  await page.getByTestId('admin-create-submit').click();
  await expect(page.getByTestId(`user-row-${username}`)).toContainText(role);
}

/** The newest order's id (the orderbook is sorted newest first). */
async function newestOrderId(page: Page): Promise<string> {
  const row = page.getByTestId('orders-grid').locator('tbody tr[data-testid^="order-row-"]').first();
  await expect(row).toBeVisible();
  const testId = await row.getAttribute('data-testid');
  return (testId ?? '').replace('order-row-', '');
}

test('admin creates users; a trader watches live prices, trades and sees live P&L', async ({ page, request }) => {
  const traderName = uniqueUsername('trader');
  const viewerName = uniqueUsername('viewer');

  await test.step('admin creates a trader and a viewer on the admin page', async () => {
    await loginViaUi(page, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
    await expect(page.getByTestId('user-role')).toHaveText('admin');
    await page.getByTestId('nav-admin').click();
    await createUserViaAdminPage(page, traderName, 'trader');
    await createUserViaAdminPage(page, viewerName, 'viewer');
    await logoutViaUi(page);
  });

  await loginViaUi(page, traderName, E2E_USER_PASSWORD);
  await expect(page.getByTestId('user-role')).toHaveText('trader');
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);
  // The engine's session in the header (the e2e stack is the always-open sandbox, no MIS cut-off).
  await expect(page.getByTestId('market-session')).toHaveText('Hours not checked');
  const { option, future } = await pickNiftyTargets(request, await apiLogin(request, traderName, E2E_USER_PASSWORD));

  await test.step('add a NIFTY option and the NIFTY future; prices move live', async () => {
    await addToWatchlist(page, option);
    await addToWatchlist(page, future);
    const first = await readPrice(page, `ltp-${option.id}`);
    await expect.poll(async () => (await page.getByTestId(`ltp-${option.id}`).textContent())?.trim(), { timeout: 20_000 }).not.toBe(first);
    const firstFuture = await readPrice(page, `ltp-${future.id}`);
    await expect.poll(async () => (await page.getByTestId(`ltp-${future.id}`).textContent())?.trim(), { timeout: 20_000 }).not.toBe(firstFuture);
  });

  await test.step("the chart draws the future's candles from the recorded ticks, per interval", async () => {
    await page.getByTestId(`watch-symbol-${future.id}`).click();
    const panel = page.getByTestId('chart-panel');
    await panel.getByTestId('chart-interval-1m').click();
    const chart = panel.getByTestId('candle-chart');
    await expect(chart).toHaveAttribute('aria-label', `1m candle chart of ${future.displayName}`);
    await expect(chart.locator('canvas').first()).toBeVisible();
    await panel.getByTestId('chart-interval-1h').click();
    await expect(chart).toHaveAttribute('aria-label', `1h candle chart of ${future.displayName}`);
    await expect(panel.getByTestId('chart-error')).toHaveCount(0);
  });

  let limitOrderId = '';
  let marketOrderId = '';
  await test.step('a LIMIT BUY below the market rests OPEN', async () => {
    await page.getByTestId(`buy-${option.id}`).click();
    const ticket = page.getByTestId('order-ticket');
    await expect(ticket).toBeVisible();
    await expect(page.getByTestId('ticket-lot-size')).toHaveText(String(option.lotSize));
    await expect(page.getByTestId('ticket-type-LIMIT')).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('ticket-session-notice')).toHaveCount(0); // open, and no cut-off to pass
    // The LIMIT price defaults to the LTP.
    await expect(page.getByTestId('ticket-price')).toHaveValue(/^\d+\.\d{2}$/);
    const ltp = paiseFromText(await readPrice(page, 'ticket-ltp'));
    // 10% under: rests, and stays inside the engine's 20% fat-finger band around the LTP even when
    // the option's price moves a few percent between this read and the order reaching the engine
    // (15% under was refused once: the LTP had risen 6.5% meanwhile).
    // A price off the tick is refused in the ticket, naming valid prices: nothing is sent.
    const onTick = roundDownToTick(Math.floor(ltp * 0.9), option.tickSize);
    await page.getByTestId('ticket-price').fill(rupeesText(onTick + 1));
    await page.getByTestId('ticket-submit').click();
    await expect(ticket).toContainText(`Price must be a multiple of the tick size ₹${rupeesText(option.tickSize)}: try`);
    expect(((await ticket.textContent()) ?? '').replaceAll(',', '')).toContain(`try ${rupeesText(onTick)} or ${rupeesText(onTick + option.tickSize)}`);
    await page.getByTestId('ticket-price').fill(rupeesText(onTick));
    await page.getByTestId('ticket-lots').fill('1');
    await page.getByTestId('ticket-submit').click();
    await expect(page.getByTestId('toast-success').last()).toContainText('OPEN');
    await expect(ticket).toBeHidden();

    await page.getByTestId('nav-orders').click();
    limitOrderId = await newestOrderId(page);
    await expect(page.getByTestId(`order-status-${limitOrderId}`)).toHaveText('OPEN');
    // The off-tick attempt never reached the engine: no DENIED order beside it.
    await expect(page.getByTestId('orders-grid').locator('tbody tr[data-testid^="order-row-"]')).toHaveCount(1);
    // Exchange time (IST), whatever zone the browser runs in (UTC here).
    const placedAt = (await page.getByTestId(`order-time-${limitOrderId}`).textContent()) ?? '';
    // HH:MM:SS, after the date when the order is not from the browser's today (past midnight IST).
    const [, hours = Number.NaN, minutes = Number.NaN] = (/(\d{1,2}):(\d{2}):\d{2}$/.exec(placedAt.trim()) ?? []).map(Number);
    const istNow = new Date(Date.now() + 330 * 60_000);
    const apart = Math.abs(hours * 60 + minutes - (istNow.getUTCHours() * 60 + istNow.getUTCMinutes()));
    expect(Math.min(apart, 1440 - apart)).toBeLessThanOrEqual(2);
    await expect(page.getByTestId(`order-qty-${limitOrderId}`)).toHaveText(`0/${option.lotSize}`);
  });

  await test.step('a modify far from the market is refused before the broker, and the orderbook says why', async () => {
    await page.getByTestId(`order-modify-${limitOrderId}`).click();
    await expect(page.getByTestId('modify-dialog')).toBeVisible();
    const ask = paiseFromText(await readPrice(page, 'modify-ask'));
    await page.getByTestId('modify-price').fill(rupeesText(roundUpToTick(ask * 3, option.tickSize)));
    await page.getByTestId('modify-submit').click();
    await expect(page.getByTestId('modify-error')).toContainText('more than 20%');
    await page.getByTestId('modify-dialog').getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(page.getByTestId('modify-dialog')).toBeHidden();
    await expect(page.getByTestId(`order-status-${limitOrderId}`)).toHaveText('OPEN');
    await expect(page.getByTestId(`order-reason-${limitOrderId}`)).toContainText('more than 20%');
  });

  await test.step('modifying the price through the ask fills it', async () => {
    await page.getByTestId(`order-modify-${limitOrderId}`).click();
    await expect(page.getByTestId('modify-dialog')).toBeVisible();
    const ask = paiseFromText(await readPrice(page, 'modify-ask'));
    // 5 % above the ask crosses the spread with room for a tick or two of movement.
    await page.getByTestId('modify-price').fill(rupeesText(roundUpToTick(Math.ceil(ask * 1.05), option.tickSize)));
    await page.getByTestId('modify-submit').click();
    await expect(page.getByTestId('modify-dialog')).toBeHidden();
    await expect(page.getByTestId(`order-status-${limitOrderId}`)).toHaveText('FILLED');
    await expect(page.getByTestId(`order-qty-${limitOrderId}`)).toHaveText(`${option.lotSize}/${option.lotSize}`);
    await expect(page.getByTestId(`order-average-${limitOrderId}`)).toHaveText(/^[\d,]+\.\d{2}$/);
    // The modify the broker applied supersedes the refusal: no stale reason on a filled order.
    await expect(page.getByTestId(`order-reason-${limitOrderId}`)).toHaveText('');
  });

  await test.step("the order's history tells what happened, the refused modify included", async () => {
    await page.getByTestId(`order-history-${limitOrderId}`).click();
    const history = page.getByTestId('order-history-dialog');
    await expect(history).toBeVisible();
    await expect(history.getByTestId('history-entry-OrderSubmitted')).toContainText('Placed');
    await expect(history.getByTestId('history-entry-OrderAccepted')).toContainText('Accepted by the broker');
    await expect(history.getByTestId('history-entry-OrderModifyDenied')).toContainText('more than 20%');
    await expect(history.getByTestId('history-entry-OrderModifyRequested')).toContainText('Modify sent');
    await expect(history.getByTestId('history-entry-OrderFilled').last()).toContainText('FILLED');
    await history.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(history).toBeHidden();
  });

  await test.step('a MARKET BUY of the future fills', async () => {
    await page.getByTestId('nav-market-watch').click();
    await page.getByTestId(`buy-${future.id}`).click();
    await page.getByTestId('ticket-type-MARKET').click();
    await expect(page.getByTestId('ticket-price')).toHaveCount(0);
    await expect(page.getByTestId('ticket-trigger')).toHaveCount(0);
    await page.getByTestId('ticket-submit').click();
    await expect(page.getByTestId('order-ticket')).toBeHidden();
    await page.getByTestId('nav-orders').click();
    marketOrderId = await newestOrderId(page);
    expect(marketOrderId).not.toBe(limitOrderId);
    await expect(page.getByTestId(`order-status-${marketOrderId}`)).toHaveText('FILLED');
  });

  await test.step("the Trades tab lists today's fills with totals and downloads them as Excel and CSV", async () => {
    await page.getByTestId('orders-tab-trades').click();
    const rows = page.getByTestId('trades-grid').locator('tbody tr[data-testid^="trade-row-"]');
    await expect(rows).toHaveCount(2);
    // Newest first: the future's fill, then the option's.
    await expect(rows.first()).toContainText(future.displayName);
    await expect(rows.last()).toContainText(option.displayName);
    await expect(page.getByTestId('trades-totals')).toHaveText(/^2 trades · bought ₹[\d,]+(\.\d{2})? · sold ₹0$/);

    const [excel] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trades-download-xlsx').click()]);
    expect(excel.suggestedFilename()).toMatch(/^tradebook_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
    // An .xlsx is a zip archive.
    expect((await readFile((await excel.path()) as string)).subarray(0, 2).toString()).toBe('PK');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trades-download-csv').click()]);
    const lines = (await readFile((await csv.path()) as string, 'utf8')).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,${limitOrderId},`);
    expect(lines[2]).toContain(`,${marketOrderId},`);

    // A reversed range is refused in the screen, as the server would.
    await page.getByTestId('trades-from').fill('2099-01-02');
    await page.getByTestId('trades-to').fill('2099-01-01');
    await expect(page.getByTestId('trades-range-problem')).toHaveText('The start date 2099-01-02 is after the end date 2099-01-01.');
    await expect(page.getByTestId('trades-download-xlsx')).toBeDisabled();
    await page.getByTestId('orders-tab-orders').click();
  });

  await test.step('positions show both with an unrealized P&L that moves', async () => {
    await page.getByTestId('nav-positions').click();
    const optionKey = `${option.id}|MIS`;
    const futureKey = `${future.id}|MIS`;
    await expect(page.getByTestId(`position-qty-${optionKey}`)).toContainText(String(option.lotSize));
    await expect(page.getByTestId(`position-qty-${futureKey}`)).toContainText(String(future.lotSize));
    const unrealized = page.getByTestId(`position-unrealized-${futureKey}`);
    await expect(unrealized).toHaveText(/^[+-]?[\d,]+\.\d{2}$/);
    const first = (await unrealized.textContent())?.trim();
    await expect.poll(async () => (await unrealized.textContent())?.trim(), { timeout: 20_000 }).not.toBe(first);
    await expect(page.getByTestId('positions-total')).toHaveText(/^[+-]?[\d,]+\.\d{2}$/);
  });
});
