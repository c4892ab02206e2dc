import { expect, test } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin, searchInstruments } from './support/gateway-api.ts';
import { pickNiftyTargets } from './support/market.ts';
import { paiseFromText, roundDownToTick, rupeesText } from './support/money.ts';
import { addToWatchlist, loginViaUi, readPrice } from './support/ui.ts';

/**
 * What a trader sees on the market watch, ticket and orderbook where the screens used to mislead:
 * a failed watchlist read shown as an empty list, an order above the freeze quantity reported as
 * its first slice, a modify that changed nothing sent to the broker.
 */
test('screens say what happened: failed reads, sliced orders, unchanged modifies', async ({ page, request }) => {
  const traderName = uniqueUsername('screens');
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: traderName, password: E2E_USER_PASSWORD, role: 'trader' });
  const traderToken = await apiLogin(request, traderName, E2E_USER_PASSWORD);
  const { option } = await pickNiftyTargets(request, traderToken);
  const [withFreeze] = (await searchInstruments(request, traderToken, option.displayName)).filter((found) => found.id === option.id);
  const freezeQuantity = (withFreeze as { freezeQuantity?: number } | undefined)?.freezeQuantity;
  if (!freezeQuantity) throw new Error(`no freeze quantity for ${option.id}`);

  await loginViaUi(page, traderName, E2E_USER_PASSWORD);

  await test.step('a watchlist that cannot be read is not shown as an empty one', async () => {
    await page.route('**/trpc/watchlist.list**', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { message: 'Internal error', code: -32603, data: { code: 'INTERNAL_SERVER_ERROR' } } }) }),
    );
    await page.reload();
    await expect(page.getByTestId('watchlist-unavailable')).toBeVisible();
    await expect(page.getByText('Your watchlist is empty')).toHaveCount(0);
    await page.unroute('**/trpc/watchlist.list**');
    await page.getByTestId('watchlist-unavailable').getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('watchlist-grid')).toContainText('Your watchlist is empty');
  });

  // One lot more than fits in one exchange order: the engine sends it as two.
  const lotsPerSlice = Math.floor(freezeQuantity / option.lotSize);
  const lots = lotsPerSlice + 1;
  await test.step('an order above the freeze quantity is announced and reported as the whole order', async () => {
    await addToWatchlist(page, option);
    await page.getByTestId(`buy-${option.id}`).click();
    // The ticket opens on the lots, its "1" selected: typing the size replaces it (Kite's flow).
    await expect(page.getByTestId('ticket-lots')).toBeFocused();
    await page.keyboard.type(String(lots));
    await expect(page.getByTestId('ticket-lots')).toHaveValue(String(lots));
    await expect(page.getByTestId('ticket-slice-notice')).toContainText(`sent as 2 orders of at most ${lotsPerSlice} lots`);
    const ltp = paiseFromText(await readPrice(page, 'ticket-ltp'));
    // 10% under the market: rests OPEN, inside the 20% price band.
    await page.getByTestId('ticket-price').fill(rupeesText(roundDownToTick(Math.floor(ltp * 0.9), option.tickSize)));
    await page.getByTestId('ticket-submit').click();
    await expect(page.getByTestId('order-ticket')).toBeHidden();
    await expect(page.getByTestId('toast-success').last()).toContainText(
      `BUY ${lots} lots ${option.displayName}: sent as 2 orders (freeze quantity); the first is OPEN. See Orders for the rest.`,
    );
  });

  await test.step('a modify that changes nothing is not sent', async () => {
    await page.getByTestId('nav-orders').click();
    const first = page.getByTestId('orders-grid').locator('tbody tr[data-testid^="order-row-"]').first();
    const orderId = ((await first.getAttribute('data-testid')) ?? '').replace('order-row-', '');
    await expect(page.getByTestId(`order-slice-${orderId}`)).toHaveText('1/2');
    await page.getByTestId(`order-modify-${orderId}`).click();
    const dialog = page.getByTestId('modify-dialog');
    await expect(page.getByTestId('modify-lots')).toHaveValue(String(lotsPerSlice));
    await expect(page.getByTestId('modify-price')).toBeFocused(); // a modify most often re-prices
    await page.getByTestId('modify-submit').click();
    await expect(page.getByTestId('modify-unchanged')).toContainText('Nothing changed');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

    await page.getByTestId(`order-history-${orderId}`).click();
    const history = page.getByTestId('order-history-dialog');
    await expect(history.getByTestId('history-entry-OrderAccepted')).toBeVisible();
    await expect(history.getByTestId('history-entry-OrderModifyRequested')).toHaveCount(0);
  });
});
