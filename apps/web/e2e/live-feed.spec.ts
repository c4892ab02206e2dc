import { expect, test, type WebSocketRoute } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin, apiPlaceMarketOrder } from './support/gateway-api.ts';
import { pickNiftyTargets } from './support/market.ts';
import { addToWatchlist, loginViaUi, readPrice } from './support/ui.ts';

const SOCKET_IO = /\/socket\.io\//;

test('a lost live feed is announced with the time prices date from, and every price is read again on reconnect', async ({ page, request }) => {
  const traderName = uniqueUsername('feed');
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: traderName, password: E2E_USER_PASSWORD, role: 'trader' });
  const traderToken = await apiLogin(request, traderName, E2E_USER_PASSWORD);
  const { option } = await pickNiftyTargets(request, traderToken);
  const bought = await apiPlaceMarketOrder(request, traderToken, { instrumentId: option.id, side: 'BUY', quantity: option.lotSize });
  expect(bought.status).toBe('FILLED');
  const positionKey = `${option.id}|MIS`;

  // The network between this tab and the gateway's socket.io, which the test can cut: open
  // WebSockets are closed and new ones (and socket.io's HTTP long-polling) refused while it is down.
  let down = false;
  const open = new Set<WebSocketRoute>();
  await page.routeWebSocket(SOCKET_IO, (ws) => {
    if (down) {
      void ws.close();
      return;
    }
    ws.connectToServer();
    open.add(ws);
  });
  await page.route(SOCKET_IO, (route) => (down ? route.abort('internetdisconnected') : route.continue()));

  await loginViaUi(page, traderName, E2E_USER_PASSWORD);
  await addToWatchlist(page, option);
  await readPrice(page, `ltp-${option.id}`);
  await expect(page.getByTestId('socket-status')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('live-feed-banner')).toHaveCount(0);
  await expect(page.getByTestId(`ltp-${option.id}`)).not.toHaveAttribute('data-stale');

  await test.step('the feed drops: the header and a banner say prices on screen are from the moment it was lost', async () => {
    down = true;
    for (const ws of open) await ws.close();
    open.clear();
    await expect(page.getByTestId('socket-status')).toHaveText('Reconnecting');
    const banner = page.getByTestId('live-feed-banner');
    await expect(banner).toContainText(/Live prices lost at \d{2}:\d{2}:\d{2} IST/);
    await expect(banner).toContainText('may be stale');
    // The last price is still shown, but visibly not live; so are the P&L and Greeks marked to it.
    await expect(page.getByTestId(`ltp-${option.id}`)).toHaveAttribute('data-stale', 'true');
    // Where a price is picked, the ticket says the quote is old and what a MARKET order does.
    await page.getByTestId(`buy-${option.id}`).click();
    await expect(page.getByTestId('ticket-stale-quote')).toContainText(/Prices not live since \d{2}:\d{2}:\d{2} IST/);
    await expect(page.getByTestId('ticket-ask')).toHaveAttribute('data-stale', 'true');
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-positions').click();
    for (const cell of ['ltp', 'unrealized', 'delta-lots']) {
      await expect(page.getByTestId(`position-${cell}-${positionKey}`)).toHaveAttribute('data-stale', 'true');
    }
    // What the live feed does not move is not dimmed.
    await expect(page.getByTestId(`position-realized-${positionKey}`)).not.toHaveAttribute('data-stale');
    // The option chain is live pushes only: its numbers are dimmed too.
    await page.getByTestId('nav-chain').click();
    await expect(page.getByTestId('chain-spot')).toHaveAttribute('data-stale', 'true');
    await page.getByTestId('nav-positions').click();
  });

  await test.step('the feed returns: the banner goes, the cells are live again and the prices on screen are read again', async () => {
    const quotesRead = page.waitForRequest((req) => req.url().includes('market.quotes'));
    down = false;
    await expect(page.getByTestId('socket-status')).toHaveText('Live', { timeout: 20_000 });
    await expect(page.getByTestId('live-feed-banner')).toHaveCount(0);
    await expect(page.getByTestId(`position-unrealized-${positionKey}`)).not.toHaveAttribute('data-stale');
    const read = await quotesRead;
    expect(decodeURIComponent(read.url())).toContain(option.id);
  });
});
