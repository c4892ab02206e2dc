import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { applyTemplate } from '@strikedesk/domain';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin, trpcMutation, trpcQuery } from './support/gateway-api.ts';
import { loginViaUi } from './support/ui.ts';

type WebhookReply = { status?: string; signalId?: string; error?: string; message?: string };
type ApiPortfolio = { id: string; status: string };

/** A fresh trader, signed in through the API (for setup) and in the browser. */
async function signedInTrader(page: Page, request: APIRequestContext, prefix: string): Promise<string> {
  const traderName = uniqueUsername(prefix);
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: traderName, password: E2E_USER_PASSWORD, role: 'trader' });
  await loginViaUi(page, traderName, E2E_USER_PASSWORD);
  return apiLogin(request, traderName, E2E_USER_PASSWORD);
}

/** A NIFTY short straddle for the current week, built through the API (the Portfolios screen has its own spec). */
const createStraddle = (request: APIRequestContext, token: string, name: string) =>
  trpcMutation<ApiPortfolio>(request, token, 'portfolios.create', {
    definition: { settings: { name, underlying: 'NIFTY', expiry: 'CURRENT_WEEK', product: 'MIS' }, legs: applyTemplate('SHORT_STRADDLE') },
  });

const portfolioStatus = async (request: APIRequestContext, token: string, portfolioId: string): Promise<string> =>
  (await trpcQuery<{ portfolio: ApiPortfolio }>(request, token, 'portfolios.get', { portfolioId })).portfolio.status;

/** The id behind the one row whose test id starts with `prefix` and that shows `text`. */
async function idOf(page: Page, prefix: string, text: string): Promise<string> {
  const rows = page.locator(`[data-testid^="${prefix}"]`).filter({ hasText: text });
  await expect(rows).toHaveCount(1);
  return ((await rows.getAttribute('data-testid')) ?? '').slice(prefix.length);
}

async function postAlert(request: APIRequestContext, url: string, body: object): Promise<WebhookReply> {
  const response = await request.post(url, { data: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const reply = (await response.json()) as WebhookReply;
  expect(response.status(), JSON.stringify(reply)).toBe(200);
  expect(reply.status).toBe('accepted');
  return reply;
}

test('a TradingView → multi-leg portfolio strategy arms its portfolio on a buy alert and squares it off on exit', async ({ page, request }) => {
  test.setTimeout(180_000);
  const token = await signedInTrader(page, request, 'pfstrat');
  const portfolioName = `TV straddle ${Date.now().toString(36)}`;
  const portfolio = await createStraddle(request, token, portfolioName);
  const strategyName = `NIFTY breakout ${Date.now().toString(36)}`;
  const dialog = page.getByTestId('new-strategy-dialog');

  let webhookUrl = '';
  let strategyId = '';
  await test.step('the portfolio template hides the order settings and links one of my portfolios', async () => {
    await page.getByTestId('nav-strategies').click();
    await page.getByRole('button', { name: 'New strategy' }).click();
    await expect(dialog.getByRole('radio', { name: 'TradingView → single instrument' })).toBeChecked();
    await expect(dialog.getByRole('radio', { name: 'Scheduled portfolio' })).toHaveAccessibleDescription(/no alert needed/);
    await dialog.getByRole('radio', { name: 'TradingView → multi-leg portfolio' }).check();

    // What only a single instrument uses is gone; the guards stay.
    for (const field of ['Alert contracts are', 'Lots when the alert has none', 'Sizing', 'Ticker aliases', 'Max lots per order', 'Max position (lots)']) {
      await expect(dialog.getByLabel(field, { exact: true })).toHaveCount(0);
    }
    await expect(dialog.getByRole('radiogroup', { name: 'Target' })).toHaveCount(0);
    await expect(dialog.getByRole('radiogroup', { name: 'Order type' })).toHaveCount(0);
    await expect(dialog.getByLabel('Max delay (s)')).toHaveValue('300');
    await expect(dialog.getByLabel('Entry time (IST)')).toHaveCount(0);

    await dialog.getByLabel('Name', { exact: true }).fill(strategyName);
    const picker = dialog.getByLabel('Portfolio', { exact: true });
    await expect(picker.locator(`option[value="${portfolio.id}"]`)).toHaveText(`${portfolioName} · NIFTY · DRAFT`);
    await picker.selectOption(portfolio.id);
    await expect(dialog).toContainText("must be the portfolio's underlying (NIFTY: NSE:NIFTY, NIFTY1!…)");
    await dialog.getByLabel('Accept from (IST)').fill('00:00');
    await dialog.getByLabel('Until (IST)').fill('24:00');
    await dialog.getByRole('button', { name: 'Create strategy' }).click();

    const url = dialog.getByLabel('Webhook URL for TradingView');
    await expect(url).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/tradingview\/\S+$/);
    webhookUrl = await url.inputValue();
    await dialog.getByRole('button', { name: 'I have copied the URL' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('the list and the detail name the template and link the portfolio', async () => {
    strategyId = await idOf(page, 'strategy-row-', strategyName);
    await expect(page.getByTestId(`strategy-template-${strategyId}`)).toHaveText('TV → portfolio');
    const listed = page.getByTestId(`strategy-target-${strategyId}`);
    await expect(listed).toHaveText(`Portfolio ${portfolioName}`);
    await expect(listed).toHaveAttribute('href', `/portfolios?portfolio=${portfolio.id}`);
    await expect(page.getByTestId('strategy-detail-template')).toHaveText('TradingView → multi-leg portfolio');
    await expect(page.getByTestId('strategy-detail-target')).toHaveAttribute('href', `/portfolios?portfolio=${portfolio.id}`);
    await expect(page.getByTestId('alert-setup')).toContainText('A buy or sell alert arms the portfolio, an exit alert squares it off');
    // The editor links the same portfolio, with no order settings either.
    const editor = page.getByRole('form', { name: 'Strategy configuration' });
    await expect(editor.getByLabel('Portfolio', { exact: true })).toHaveValue(portfolio.id);
    await expect(editor.getByLabel('Sizing', { exact: true })).toHaveCount(0);

    const toggle = page.getByTestId(`strategy-enabled-${strategyId}`);
    await toggle.click();
    await expect(page.getByTestId('strategy-detail-state')).toHaveText('ENABLED');
  });

  await test.step('a buy alert on the index chart arms the portfolio: the Signals timeline says so', async () => {
    await page.getByTestId('nav-signals').click();
    await expect(page.getByTestId('signals-grid')).toBeVisible();
    const reply = await postAlert(request, webhookUrl, { alert_id: 'e2e-pf-1', ticker: 'NSE:NIFTY', action: 'buy' });
    const signalId = reply.signalId ?? '';
    await expect(page.getByTestId(`signal-status-${signalId}`)).toHaveText('EXECUTED');
    await page.getByTestId(`signal-row-${signalId}`).click();
    const armed = page.getByTestId('signal-timeline').locator('[data-stage="PORTFOLIO_STARTED"]');
    await expect(armed).toContainText('Portfolio armed');
    await expect(armed).toContainText(`Portfolio: ${portfolioName}`);
    await expect.poll(() => portfolioStatus(request, token, portfolio.id), { timeout: 30_000 }).toBe('ACTIVE');
  });

  await test.step('an exit alert squares it off', async () => {
    const reply = await postAlert(request, webhookUrl, { alert_id: 'e2e-pf-2', ticker: 'NSE:NIFTY', action: 'exit' });
    const signalId = reply.signalId ?? '';
    await page.getByTestId(`signal-row-${signalId}`).click();
    await expect(page.getByTestId('signal-detail-status')).toHaveText('EXECUTED');
    await expect(page.getByTestId('signal-timeline').locator('[data-stage="PORTFOLIO_EXITED"]')).toContainText('Portfolio exit started');
    await expect.poll(() => portfolioStatus(request, token, portfolio.id), { timeout: 30_000 }).toBe('CLOSED');
  });
});

test('a scheduled portfolio strategy takes a time and weekdays, shows its schedule and needs no alert', async ({ page, request }) => {
  const token = await signedInTrader(page, request, 'pfsched');
  const dialog = page.getByTestId('new-strategy-dialog');
  const portfolioName = `Straddle 0920 ${Date.now().toString(36)}`;
  const strategyName = `9:20 short straddle ${Date.now().toString(36)}`;

  await test.step('with no portfolio yet the picker sends the trader to build one', async () => {
    await page.getByTestId('nav-strategies').click();
    await page.getByRole('button', { name: 'New strategy' }).click();
    await dialog.getByRole('radio', { name: 'Scheduled portfolio' }).check();
    await expect(dialog.getByRole('link', { name: 'Build one first in Portfolios' })).toHaveAttribute('href', '/portfolios');
  });

  let portfolioId = '';
  await test.step('a portfolio built meanwhile appears in the picker; 09:20 on Mon, Tue, Thu, Fri', async () => {
    portfolioId = (await createStraddle(request, token, portfolioName)).id;
    const picker = dialog.getByLabel('Portfolio', { exact: true });
    await expect(picker.locator(`option[value="${portfolioId}"]`)).toHaveText(`${portfolioName} · NIFTY · DRAFT`);
    await picker.selectOption(portfolioId);
    await dialog.getByLabel('Name', { exact: true }).fill(strategyName);
    const time = dialog.getByLabel('Entry time (IST)');
    await expect(time).toHaveValue('09:20');
    await time.fill('9.20');
    const weekdays = dialog.getByRole('group', { name: 'Weekdays' });
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await expect(weekdays.getByRole('checkbox', { name: day })).toBeChecked();
    await weekdays.getByRole('checkbox', { name: 'Wed' }).uncheck();
    await dialog.getByRole('button', { name: 'Create strategy' }).click();
    // A wrong time is caught before anything is created.
    await expect(time).toHaveAccessibleDescription('A time such as 09:20 (24-hour, IST).');
    await time.fill('09:20');
    await dialog.getByRole('button', { name: 'Create strategy' }).click();

    await expect(dialog.getByTestId('webhook-url-notice')).toBeVisible();
    await expect(dialog).toContainText('the URL is optional');
    await dialog.getByRole('button', { name: 'I have copied the URL' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('the detail shows the schedule instead of the TradingView alert', async () => {
    const strategyId = await idOf(page, 'strategy-row-', strategyName);
    await expect(page.getByTestId(`strategy-template-${strategyId}`)).toHaveText('Scheduled');
    await expect(page.getByTestId('strategy-detail-template')).toHaveText('Scheduled portfolio');
    await expect(page.getByTestId('strategy-detail-target')).toHaveText(`Portfolio ${portfolioName}`);
    await expect(page.getByTestId('strategy-schedule')).toHaveText('09:20 IST, Mon, Tue, Thu, Fri');
    await expect(page.getByTestId('schedule-setup')).toContainText('No TradingView alert is needed');
    await expect(page.getByTestId('alert-setup')).toHaveCount(0);
    await expect(page.getByTestId('strategy-detail-state')).toHaveText('DISABLED');
  });

  await test.step('editing the schedule saves a new version that says what changed', async () => {
    const editor = page.getByRole('form', { name: 'Strategy configuration' });
    await expect(editor.getByLabel('Portfolio', { exact: true })).toHaveValue(portfolioId);
    await expect(editor.getByRole('checkbox', { name: 'Wed' })).not.toBeChecked();
    await editor.getByLabel('Entry time (IST)').fill('09:25');
    await editor.getByRole('checkbox', { name: 'Wed' }).check();
    await editor.getByLabel('Comment (why)').fill('later entry');
    await editor.getByRole('button', { name: 'Save as version 2' }).click();
    await expect(page.getByTestId('strategy-config-version')).toHaveText('2');
    await expect(page.getByTestId('strategy-schedule')).toHaveText('09:25 IST, Mon–Fri');
    await expect(page.getByTestId('strategy-version-2')).toContainText('Schedule: 09:20 IST, Mon, Tue, Thu, Fri → 09:25 IST, Mon–Fri');
  });
});
