import { expect, test } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin } from './support/gateway-api.ts';
import { pickNiftyTargets } from './support/market.ts';
import { paiseFromText, rupeesText } from './support/money.ts';
import { addToWatchlist, loginViaUi, readPrice } from './support/ui.ts';

test('a trader sets price alerts, GTTs and an OCO pair from the watchlist; one fires with a pop-up, a GTT places its order, others are cancelled', async ({ page, request }) => {
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  const username = uniqueUsername('alerts');
  await apiCreateUser(request, adminToken, { username, password: E2E_USER_PASSWORD, role: 'trader' });
  const { option } = await pickNiftyTargets(request, await apiLogin(request, username, E2E_USER_PASSWORD));

  await loginViaUi(page, username, E2E_USER_PASSWORD);
  await addToWatchlist(page, option);
  await expect(page.getByTestId('alerts-grid')).toContainText('No alerts');

  const dialog = page.getByTestId('alert-dialog');
  const openDialog = async (condition: 'ABOVE' | 'BELOW', note: string) => {
    await page.getByTestId(`alert-${option.id}`).click();
    await expect(dialog).toBeVisible();
    await dialog.getByTestId(`alert-condition-${condition}`).click();
    await dialog.getByTestId('alert-note').fill(note);
  };
  /**
   * `ticks` away from the last price the dialog shows; again while the price gets there first (it
   * moves every 250 ms, and a slow machine may take longer than that between reading and setting).
   */
  const setAlertAway = async (condition: 'ABOVE' | 'BELOW', ticks: number, note: string, withOrder?: () => Promise<void>) => {
    await openDialog(condition, note);
    await withOrder?.();
    const price = dialog.getByTestId('alert-price');
    const error = page.getByTestId('alert-error');
    for (let attempt = 1; ; attempt += 1) {
      // Editing the field clears the last refusal, so an error seen below is this attempt's own.
      await price.fill('');
      await expect(error).toHaveCount(0);
      const last = paiseFromText(await readPrice(page, 'alert-last-price'));
      await price.fill(rupeesText(last + (condition === 'ABOVE' ? ticks : -ticks) * option.tickSize));
      await dialog.getByTestId('alert-submit').click();
      const outcome = async () => ((await dialog.isHidden()) ? 'set' : (await error.isVisible()) ? 'refused' : 'pending');
      await expect.poll(outcome, { timeout: 15_000 }).not.toBe('pending');
      if ((await outcome()) === 'set') return;
      // Only "the price got there first" is worth another try; any other refusal fails here, named.
      await expect(error).toContainText('the alert would fire at once');
      if (attempt === 12) throw new Error(`the price reached the level before the alert was set, ${attempt} times in a row`);
    }
  };

  await test.step('a level the price is already past is refused in the dialog', async () => {
    // Far below the price, "at or below" has long happened.
    await openDialog('BELOW', 'typo');
    await dialog.getByTestId('alert-price').fill(rupeesText(paiseFromText(await readPrice(page, 'alert-last-price')) * 3));
    await dialog.getByTestId('alert-submit').click();
    await expect(page.getByTestId('alert-error')).toContainText('the alert would fire at once');
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(dialog).toBeHidden();
  });

  await test.step('an alert one tick either side of the last price: the next move fires one of them', async () => {
    await setAlertAway('ABOVE', 1, 'up a tick');
    await expect(page.getByTestId('toast-success').last()).toContainText(`Alert set: ${option.displayName} at or above`);
    await setAlertAway('BELOW', 1, 'down a tick');
    await expect(page.getByTestId('toast-warning').last()).toContainText(new RegExp(`^Price alert: ${option.displayName} traded at ₹[\\d,.]+: your alert at or (above|below) ₹[\\d,.]+ \\((up|down) a tick\\)\\.`), { timeout: 20_000 });
    // Both may fire (a tick up, then down): at least the one the pop-up named.
    await expect(page.getByTestId('alerts-grid').locator('tbody tr').filter({ hasText: /Fired \d{2}:\d{2}:\d{2} at ₹/ }).first()).toBeVisible();
  });

  await test.step('a GTT either side of the price: the one that fires places its order, named in the pop-up, the list and the orderbook', async () => {
    const marketOrder = (side: 'BUY' | 'SELL') => async () => {
      await dialog.getByTestId('alert-gtt').check();
      await dialog.getByTestId(`alert-order-side-${side}`).click();
      await dialog.getByTestId('alert-order-type-MARKET').click();
      await dialog.getByTestId('alert-order-lots').fill('1');
      await expect(dialog.getByTestId('alert-order-price')).toHaveCount(0);
      await expect(dialog.getByTestId('alert-submit')).toHaveText('Set GTT');
    };
    await setAlertAway('ABOVE', 1, 'gtt up', marketOrder('BUY'));
    await expect(page.getByTestId('toast-success').last()).toContainText(`GTT set: ${option.displayName} at or above`);
    await setAlertAway('BELOW', 1, 'gtt down', marketOrder('BUY'));
    const popUp = page.getByTestId('toast-warning').filter({ hasText: 'GTT' }).last();
    await expect(popUp).toContainText(new RegExp(`\\(gtt (up|down)\\)\\. GTT BUY ${option.lotSize} NRML at market: order [\\w-]+ placed`), { timeout: 20_000 });
    const orderId = /order ([\w-]+) placed/.exec((await popUp.textContent()) ?? '')?.[1];
    expect(orderId).toBeTruthy();
    const fired = page.getByTestId('alerts-grid').locator('tbody tr').filter({ hasText: /gtt (up|down)/ }).filter({ hasText: /Fired/ }).first();
    await expect(fired).toContainText(`order ${orderId} placed`);
    await page.getByTestId('nav-orders').click();
    await expect(page.getByTestId(`order-origin-${orderId}`)).toHaveText('GTT (price alert)');
    await page.getByTestId('nav-market-watch').click();
  });

  await test.step('an alert far from the price is watched, moved, then cancelled', async () => {
    await openDialog('ABOVE', 'far away');
    const far3 = paiseFromText(await readPrice(page, 'alert-last-price')) * 3;
    await dialog.getByTestId('alert-price').fill(rupeesText(far3));
    await dialog.getByTestId('alert-submit').click();
    await expect(dialog).toBeHidden();
    const far = page.getByTestId('alerts-grid').locator('tbody tr').filter({ hasText: 'far away' });
    await expect(far).toContainText('Watching');
    // Moved further (as a trader trails a level): the same alert, its new level listed.
    await far.getByRole('button', { name: /^Edit the alert on / }).click();
    await expect(dialog).toContainText('Edit price alert');
    await dialog.getByTestId('alert-price').fill(rupeesText(far3 * 2));
    await dialog.getByTestId('alert-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('toast-success').last()).toContainText(`Alert changed: ${option.displayName} at or above`);
    await expect.poll(async () => paiseFromText((await far.locator('td').nth(2).textContent()) ?? '')).toBe(far3 * 2);
    await far.getByRole('button', { name: /^Cancel the alert on / }).click();
    await expect(far).toContainText('Cancelled');
    await expect(far.getByRole('button', { name: /^Cancel the alert on / })).toHaveCount(0);
  });

  await test.step('an OCO pair far either side: both legs listed naming each other; cancelling one cancels both', async () => {
    await openDialog('ABOVE', 'oco exit');
    const last = paiseFromText(await readPrice(page, 'alert-last-price'));
    await dialog.getByTestId('alert-price').fill(rupeesText(last * 3));
    await dialog.getByTestId('alert-gtt').check();
    await dialog.getByTestId('alert-order-side-SELL').click();
    await dialog.getByTestId('alert-oco').check();
    await dialog.getByTestId('alert-oco-price').fill(rupeesText(option.tickSize));
    await dialog.getByTestId('alert-oco-order-type-MARKET').click();
    await expect(dialog.getByTestId('alert-oco-order-side-SELL')).toHaveAttribute('aria-checked', 'true');
    await dialog.getByTestId('alert-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('toast-success').last()).toContainText(`OCO set: ${option.displayName} at or above`);
    // Case matters: a leg's pair line says "at or below" where its own When column says "At or above".
    const legs = page.getByTestId('alerts-grid').locator('tbody tr').filter({ hasText: 'oco exit' });
    await expect(legs).toHaveCount(2);
    await expect(legs.filter({ hasText: /At or above/ })).toContainText('OCO pair: at or below');
    await expect(legs.filter({ hasText: /At or below/ })).toContainText(`SELL ${option.lotSize} NRML at market`);
    await legs.filter({ hasText: /At or below/ }).getByRole('button', { name: /^Cancel the alert on / }).click();
    await expect(legs.filter({ hasText: 'Cancelled' })).toHaveCount(2);
  });
});
