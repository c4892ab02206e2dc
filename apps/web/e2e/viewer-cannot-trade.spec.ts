import { expect, test } from '@playwright/test';
import { ERROR_CODES } from '@strikedesk/domain';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin } from './support/gateway-api.ts';
import { pickNiftyTargets } from './support/market.ts';
import { addToWatchlist, loginViaUi } from './support/ui.ts';

test('a viewer can watch but the ticket is refused with the view-only message', async ({ page, request }) => {
  const viewerName = uniqueUsername('viewer');
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: viewerName, password: E2E_USER_PASSWORD, role: 'viewer' });
  const { future } = await pickNiftyTargets(request, adminToken);

  await loginViaUi(page, viewerName, E2E_USER_PASSWORD);
  await expect(page.getByTestId('user-role')).toHaveText('viewer');
  await addToWatchlist(page, future);

  await page.getByTestId(`buy-${future.id}`).click();
  await page.getByTestId('ticket-type-MARKET').click();
  await page.getByTestId('ticket-submit').click();
  await expect(page.getByTestId('ticket-error')).toHaveText(ERROR_CODES.VIEWER_CANNOT_TRADE);
  await expect(page.getByTestId('ticket-error')).toHaveText(
    'Your account is view-only: viewers cannot place, modify or cancel orders.',
  );

  // Nothing was placed.
  await page.getByTestId('order-ticket').getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('nav-orders').click();
  await expect(page.getByTestId('orders-grid')).toContainText('No orders yet');
});
