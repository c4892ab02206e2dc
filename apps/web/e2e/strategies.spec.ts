import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin } from './support/gateway-api.ts';
import { loginViaUi } from './support/ui.ts';

type WebhookReply = { status?: string; signalId?: string; error?: string; message?: string };

/** The id behind a row's test id (`strategy-row-<id>`, `signal-order-<id>`). */
async function idOf(page: Page, prefix: string, filter?: string): Promise<string> {
  let rows = page.locator(`[data-testid^="${prefix}"]`);
  if (filter) rows = rows.filter({ hasText: filter });
  await expect(rows).toHaveCount(1);
  return ((await rows.getAttribute('data-testid')) ?? '').slice(prefix.length);
}

test('a trader creates a TradingView strategy, posts alerts to its URL and follows them to orders', async ({ page, request, context, baseURL }) => {
  const traderName = uniqueUsername('tvtrader');
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: traderName, password: E2E_USER_PASSWORD, role: 'trader' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await loginViaUi(page, traderName, E2E_USER_PASSWORD);
  const strategyName = `NIFTY trend ${Date.now().toString(36)}`;

  let webhookUrl = '';
  let strategyId = '';
  await test.step('create a strategy on the continuous NIFTY future, open at any hour; its URL is shown once', async () => {
    await page.getByTestId('nav-strategies').click();
    await page.getByTestId('new-strategy-button').click();
    await page.getByTestId('new-strategy-name').fill(strategyName);
    await expect(page.getByTestId('new-strategy-target-CONTINUOUS_FUTURE')).toHaveAttribute('aria-checked', 'true');
    await page.getByTestId('new-strategy-underlying').selectOption('NIFTY');
    await page.getByTestId('new-strategy-nth').selectOption('1');
    await page.getByTestId('new-strategy-windowStart').fill('00:00');
    await page.getByTestId('new-strategy-windowEnd').fill('24:00');
    await page.getByTestId('new-strategy-submit').click();

    const url = page.getByTestId('webhook-url');
    await expect(url).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/tradingview\/\S+$/);
    await expect(page.getByTestId('webhook-url-notice')).toContainText('Shown once — copy it now');
    await page.getByTestId('webhook-url-copy').click();
    await expect(page.getByTestId('toast-success').last()).toContainText('Webhook URL copied');
    webhookUrl = await page.evaluate(() => navigator.clipboard.readText());
    expect(webhookUrl).toBe(await url.inputValue());
    await page.getByTestId('new-strategy-done').click();
    await expect(page.getByTestId('new-strategy-dialog')).toBeHidden();

    strategyId = await idOf(page, 'strategy-row-', strategyName);
    await expect(page.getByTestId(`strategy-mode-${strategyId}`)).toHaveText('PAPER');
    await expect(page.getByTestId('strategy-detail-state')).toHaveText('DISABLED');
    await expect(page.getByTestId('alert-message')).toContainText('"action": "{{strategy.order.action}}"');
  });

  await test.step('enable it', async () => {
    // click, not check(): the box turns on once the change is under way, a tick after the click.
    const toggle = page.getByTestId(`strategy-enabled-${strategyId}`);
    await toggle.click();
    await expect(toggle).toBeChecked();
    await expect(page.getByTestId('strategy-detail-state')).toHaveText('ENABLED');
  });

  await test.step('a saved configuration change is a new version with its comment', async () => {
    await page.getByTestId('strategy-config-maxLotsPerOrder').fill('5');
    await page.getByTestId('strategy-config-comment').fill('smaller orders');
    await page.getByTestId('strategy-config-save').click();
    await expect(page.getByTestId('strategy-config-version')).toHaveText('2');
    await expect(page.getByTestId('strategy-version-comment-2')).toHaveText('smaller orders');
    await expect(page.getByTestId('strategy-version-comment-1')).toHaveText('created');
  });

  await test.step('"Check a message" says what an alert would do, and sends nothing', async () => {
    await page.getByTestId('alert-check-body').fill('{"alert_id":"e2e-check","action":"buy","contracts":"1"}');
    await page.getByTestId('alert-check-submit').click();
    await expect(page.getByTestId('alert-check-headline')).toContainText(/^Would BUY 1 lot \([\d,]+ units\) NIFTY .* at market/);
    await page.getByTestId('alert-check-body').fill('hold');
    await page.getByRole('radio', { name: 'Text' }).click();
    await page.getByTestId('alert-check-submit').click();
    await expect(page.getByTestId('alert-check-headline')).toContainText('TradingView would be refused');
    await page.getByTestId('nav-signals').click();
    await expect(page.getByTestId('signals-grid')).toContainText('No signals yet');
  });

  let signalId = '';
  await test.step('a TradingView alert posted to the URL shows up live as EXECUTED, filled', async () => {
    await page.getByTestId('nav-signals').click();
    await expect(page.getByTestId('signals-grid')).toBeVisible();
    const response = await request.post(webhookUrl, {
      data: '{"alert_id":"e2e-1","action":"buy","contracts":"1"}',
      headers: { 'content-type': 'application/json' },
    });
    const reply = (await response.json()) as WebhookReply;
    expect(response.status(), JSON.stringify(reply)).toBe(200);
    expect(reply.status).toBe('accepted');
    signalId = reply.signalId ?? '';

    // No reload: the `signal` push refreshes the list.
    await expect(page.getByTestId(`signal-status-${signalId}`)).toHaveText('EXECUTED');
    await page.getByTestId(`signal-row-${signalId}`).click();
    await expect(page.getByTestId('signal-detail-status')).toHaveText('EXECUTED');
    const timeline = page.getByTestId('signal-timeline');
    await expect(timeline.locator('[data-stage="RECEIVED"]')).toHaveCount(1);
    await expect(timeline.locator('[data-stage="ORDER_SENT"]')).toHaveCount(1);
    await expect(timeline.locator('[data-stage="FILLED"]')).toHaveCount(1);
    await expect(page.getByTestId('signal-body')).toContainText('"alert_id":"e2e-1"');
    await expect(page.getByTestId('signal-detail-ip')).toHaveText(/^[\d.:a-f]+$/);
  });

  let orderId = '';
  await test.step("the signal's order is in Orders, filled, from the webhook", async () => {
    orderId = await idOf(page, 'signal-order-status-');
    await expect(page.getByTestId(`signal-order-status-${orderId}`)).toHaveText('FILLED');
    await page.getByTestId('nav-orders').click();
    await expect(page.getByTestId(`order-status-${orderId}`)).toHaveText('FILLED');
    await expect(page.getByTestId(`order-origin-${orderId}`)).toHaveText('Webhook');
  });

  await test.step('while the strategy holds its position, a product change is refused with what to close first', async () => {
    await page.getByTestId('nav-strategies').click();
    await page.getByTestId(`strategy-row-${strategyId}`).click();
    // Its performance marks the open long at the live price.
    const openPositions = page.getByTestId('strategy-open-positions');
    await expect(openPositions.locator('tbody tr')).toHaveCount(1);
    await expect(openPositions).toContainText(/1 lot \([\d,]+ units\)/);
    await expect(page.getByTestId('strategy-unrealized-pnl')).toHaveText(/^[+-]?[\d,]+\.\d{2}$/);
    await expect(page.getByTestId('strategy-total-pnl')).toHaveText(/^[+-]?[\d,]+\.\d{2}$/);
    await page.getByTestId('strategy-config-product-NRML').click();
    await page.getByTestId('strategy-config-save').click();
    await expect(page.getByTestId('strategy-config-error')).toContainText(/Close its position in NIFTY .* first, then change its product \(MIS → NRML\)/);
    await expect(page.getByTestId('strategy-config-positions')).toHaveAttribute('href', '/positions');
    await expect(page.getByTestId('strategy-config-version')).toHaveText('2');
  });

  await test.step('a malformed alert raises a toast wherever the trader is', async () => {
    const response = await request.post(webhookUrl, { data: '{"action": "buy", "contracts": ', headers: { 'content-type': 'application/json' } });
    const reply = (await response.json()) as WebhookReply;
    expect(response.status()).toBe(400);
    expect(reply.error).toBe('WEBHOOK_MALFORMED_BODY');
    await expect(page.getByTestId('toast-warning').filter({ hasText: `Signal from ${strategyName} rejected:` })).toContainText(reply.message ?? '');
  });

  await test.step('an exit closes the round trip: performance shows the trade and the equity curve', async () => {
    const response = await request.post(webhookUrl, { data: '{"alert_id":"e2e-2","action":"exit"}', headers: { 'content-type': 'application/json' } });
    expect(response.status()).toBe(200);
    await page.getByTestId('nav-strategies').click();
    await page.getByTestId(`strategy-row-${strategyId}`).click();
    await expect(page.getByTestId(`strategy-last-signal-${strategyId}`)).toHaveText('EXECUTED');
    const performance = page.getByTestId('strategy-performance');
    await expect(performance.getByTestId('strategy-trades').locator('tbody tr')).toHaveCount(1);
    await expect(performance.getByTestId('strategy-trades')).toContainText('LONG');
    await expect(page.getByTestId('strategy-realized-pnl')).toHaveText(/^[+-]?[\d,]+\.\d{2}$/);
    await expect(page.getByTestId('strategy-win-rate')).toHaveText(/of 1\)$/);
    await expect(page.getByTestId('strategy-open')).toHaveText('flat');
    await expect(page.getByTestId('strategy-open-positions')).toHaveCount(0);
    await expect(page.getByTestId('strategy-equity-chart').locator('canvas').first()).toBeVisible();
  });
});

test('a viewer sees the strategies and signals screens without controls that change anything', async ({ page, request }) => {
  const viewerName = uniqueUsername('tvviewer');
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: viewerName, password: E2E_USER_PASSWORD, role: 'viewer' });
  await loginViaUi(page, viewerName, E2E_USER_PASSWORD);
  await page.getByTestId('nav-strategies').click();
  await expect(page.getByTestId('strategies-grid')).toContainText('No strategies.');
  await expect(page.getByTestId('new-strategy-button')).toHaveCount(0);
  await page.getByTestId('nav-signals').click();
  await expect(page.getByTestId('signals-grid')).toContainText('No signals yet');
});
