import { expect, test, type Locator, type Page } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME, E2E_USER_PASSWORD, uniqueUsername } from './support/constants.ts';
import { apiCreateUser, apiLogin } from './support/gateway-api.ts';
import { loginViaUi } from './support/ui.ts';

/** "NIFTY 23 DEC 24200 CE" → its strike and right. */
const OPTION_NAME = /^NIFTY \d{2} [A-Z]{3} (\d+) (CE|PE)$/;
/** A finite rupee figure as the payoff panel shows it: "+₹2,340", "−₹1,120.50". */
const FINITE_PROFIT = /^\+₹[\d,]+(\.\d{2})?$/;
const FINITE_LOSS = /^−₹[\d,]+(\.\d{2})?$/;

/** The value shown for a payoff figure (an <output> named by its label). */
const figure = (page: Page, name: string): Locator => page.getByRole('status', { name, exact: true });
/** Exactly two underlying levels: "25,691 · 26,209.50". */
const TWO_LEVELS = /^[\d,]+(\.\d{2})? · [\d,]+(\.\d{2})?$/;

/** The journal entries of one kind (by the kind's badge text). */
const journalEntries = (page: Page, kind: string): Locator =>
  page.getByRole('list', { name: 'Action journal' }).getByRole('listitem').filter({ has: page.getByText(kind, { exact: true }) });

async function legInstrument(legs: Locator, legId: string): Promise<{ strike: number; right: string; name: string }> {
  const cell = legs.getByTestId(`leg-${legId}-instrument`);
  await expect(cell).toHaveText(OPTION_NAME);
  const name = ((await cell.textContent()) ?? '').trim();
  const [, strike = '', right = ''] = OPTION_NAME.exec(name) ?? [];
  return { strike: Number(strike), right, name };
}

test('a trader builds a NIFTY iron condor, sees its payoff, starts it, finds its legs in Positions and exits it', async ({ page, request }) => {
  test.setTimeout(240_000);
  const traderName = uniqueUsername('pf');
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: traderName, password: E2E_USER_PASSWORD, role: 'trader' });
  await loginViaUi(page, traderName, E2E_USER_PASSWORD);
  const portfolioName = `Condor ${Date.now().toString(36)}`;
  const builder = page.getByRole('form', { name: 'Portfolio builder' });
  const legs = builder.getByRole('table', { name: 'Legs' });
  const names: string[] = [];

  await test.step('a new portfolio from the Iron condor template resolves four strikes from the live chain', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolios' }).click();
    await expect(page.getByRole('heading', { name: 'Portfolios', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'New portfolio' }).click();
    await builder.getByLabel('Name', { exact: true }).fill(portfolioName);
    await expect(builder.getByLabel('Underlying', { exact: true })).toHaveValue('NIFTY');
    await builder.getByRole('button', { name: 'Iron condor' }).click();

    await expect(legs.getByRole('row')).toHaveCount(5); // header + four legs
    const shortCall = await legInstrument(legs, 'L1');
    const longCall = await legInstrument(legs, 'L2');
    const shortPut = await legInstrument(legs, 'L3');
    const longPut = await legInstrument(legs, 'L4');
    expect([shortCall.right, longCall.right, shortPut.right, longPut.right]).toEqual(['CE', 'CE', 'PE', 'PE']);
    // Shorts 4 strikes from ATM, wings 8: the wings lie outside the shorts, the calls above the puts.
    expect(longCall.strike).toBeGreaterThan(shortCall.strike);
    expect(shortCall.strike).toBeGreaterThan(shortPut.strike);
    expect(shortPut.strike).toBeGreaterThan(longPut.strike);
    expect(longCall.strike - shortCall.strike).toBe(shortPut.strike - longPut.strike);
    for (const legId of ['L1', 'L2', 'L3', 'L4']) await expect(legs.getByTestId(`leg-${legId}-ltp`)).toHaveText(/^[\d,]+\.\d{2}$/);
    names.push(shortCall.name, longCall.name, shortPut.name, longPut.name);
  });

  await test.step('the payoff shows limited profit and loss, two breakevens and a credit', async () => {
    await expect(builder.getByRole('img', { name: /^Payoff chart/ })).toBeVisible();
    await expect(figure(page, 'Max profit')).toHaveText(FINITE_PROFIT);
    await expect(figure(page, 'Max loss')).toHaveText(FINITE_LOSS);
    await expect(figure(page, 'Breakevens')).toHaveText(TWO_LEVELS);
    await expect(figure(page, 'Net premium')).toHaveText(/credit$/);
    await expect(figure(page, 'Probability of profit')).toHaveText(/^\d+\.\d%$/);
    await expect(figure(page, 'Margin required approx. (paper)')).toHaveText(/^₹[\d,]+/);
  });

  await test.step('entry immediate, market orders with protection; saved as a draft', async () => {
    await expect(builder.getByRole('radiogroup', { name: 'Entry' }).getByRole('radio', { name: 'Immediately' })).toHaveAttribute('aria-checked', 'true');
    await expect(builder.getByRole('radiogroup', { name: 'Order type' }).getByRole('radio', { name: 'Market with protection' })).toHaveAttribute('aria-checked', 'true');
    await expect(builder.getByLabel('Market protection (%)')).toHaveValue(/^\d+(\.\d+)?$/);
    await builder.getByRole('button', { name: 'Save portfolio' }).click();
    await expect(page.getByRole('heading', { name: portfolioName, level: 2 })).toBeVisible();
    await expect(page.getByTestId('portfolio-status')).toHaveText('DRAFT');
    await expect(page.getByRole('navigation', { name: 'Portfolios' }).getByRole('button', { name: new RegExp(portfolioName) })).toHaveAttribute('aria-current', 'true');
  });

  await test.step('Start asks first, summarising the legs and the entry rule, then the engine enters', async () => {
    await builder.getByRole('button', { name: 'Start', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Start “${portfolioName}”?` });
    await expect(dialog.getByRole('list', { name: 'Legs to trade' }).getByRole('listitem')).toHaveCount(4);
    await expect(dialog).toContainText('Entry: Immediately.');
    await expect(dialog).toContainText('market orders with');
    await dialog.getByRole('button', { name: 'Start portfolio' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('portfolio-status')).toHaveText('ACTIVE', { timeout: 60_000 });
    // Running: the settings are locked, and the journal says what happened.
    await expect(builder.getByLabel('Name', { exact: true })).toBeDisabled();
    await expect(builder.getByRole('note')).toContainText('cannot change');
    await expect(journalEntries(page, 'Entered')).toHaveCount(1);
    await expect(journalEntries(page, 'Alert')).toHaveCount(0);
    // The engine resolved the strikes again when it entered (ATM may have moved since the preview);
    // while the portfolio holds them, the builder shows the instruments it actually entered.
    const entered: string[] = [];
    for (const legId of ['L1', 'L2', 'L3', 'L4']) entered.push((await legInstrument(legs, legId)).name);
    expect(entered.map((name) => name.slice(-2))).toEqual(['CE', 'CE', 'PE', 'PE']);
    names.splice(0, names.length, ...entered);
    const positions = page.getByRole('table', { name: 'Portfolio positions' });
    for (const name of names) await expect(positions.getByRole('row').filter({ hasText: name })).toHaveCount(1);
  });

  await test.step('the four legs are in the Positions book view, under the portfolio’s name', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Positions' }).click();
    await page.getByRole('radiogroup', { name: 'Positions view' }).getByRole('radio', { name: 'Strategy / portfolio books' }).click();
    const rows = page.getByRole('table', { name: 'Book positions' }).getByRole('row').filter({ hasText: `Portfolio ${portfolioName}` });
    await expect(rows).toHaveCount(4);
    for (const name of names) await expect(rows.filter({ hasText: name })).toHaveCount(1);
  });

  await test.step('Exit now squares it off: CLOSED, and every leg flat', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolios' }).click();
    await page.getByRole('navigation', { name: 'Portfolios' }).getByRole('button', { name: new RegExp(portfolioName) }).click();
    await expect(page.getByTestId('portfolio-status')).toHaveText('ACTIVE');
    // Stopped while holding its legs: it can be exited, not started again or deleted (the engine refuses both).
    await builder.getByRole('button', { name: 'Stop automation' }).click();
    await expect(page.getByTestId('portfolio-status')).toHaveText('STOPPED');
    for (const action of ['Start', 'Delete']) {
      await expect(builder.getByRole('button', { name: action, exact: true })).toBeDisabled();
      await expect(builder.getByRole('button', { name: action, exact: true })).toHaveAttribute('title', 'It still holds positions from its last run: exit them first.');
    }
    await builder.getByRole('button', { name: 'Exit now' }).click();
    const dialog = page.getByRole('dialog', { name: `Exit “${portfolioName}” now?` });
    await dialog.getByRole('button', { name: 'Exit now' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('portfolio-status')).toHaveText('CLOSED', { timeout: 60_000 });
    await expect(page.getByTestId('portfolio-flat')).toHaveText(/^Flat/);
    const positions = page.getByRole('table', { name: 'Portfolio positions' });
    for (const name of names) await expect(positions.getByRole('row').filter({ hasText: name })).toContainText('flat');
    await expect(journalEntries(page, 'Exited')).toHaveCount(1);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Positions' }).click();
    await page.getByRole('radiogroup', { name: 'Positions view' }).getByRole('radio', { name: 'Strategy / portfolio books' }).click();
    const rows = page.getByRole('table', { name: 'Book positions' }).getByRole('row').filter({ hasText: `Portfolio ${portfolioName}` });
    await expect(rows).toHaveCount(4);
    for (const name of names) await expect(rows.filter({ hasText: name }).getByTestId(/^position-qty-/)).toHaveText(/^0\b/);
  });
});

test('the builder says what is wrong, by the field, before anything is saved', async ({ page, request }) => {
  const traderName = uniqueUsername('pfv');
  const adminToken = await apiLogin(request, E2E_ADMIN_USERNAME, E2E_ADMIN_PASSWORD);
  await apiCreateUser(request, adminToken, { username: traderName, password: E2E_USER_PASSWORD, role: 'trader' });
  await loginViaUi(page, traderName, E2E_USER_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolios' }).click();
  await page.getByRole('button', { name: 'New portfolio' }).click();
  const builder = page.getByRole('form', { name: 'Portfolio builder' });

  await builder.getByRole('button', { name: 'Save portfolio' }).click();
  await expect(builder.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(builder.getByText('Name the portfolio.')).toBeVisible();
  await expect(builder.getByText('Add at least one leg.')).toBeVisible();

  await builder.getByRole('button', { name: 'Short straddle' }).click();
  await expect(builder.getByText('Add at least one leg.')).toHaveCount(0);
  const strike = builder.getByLabel('Leg L1 strike value', { exact: false });
  await strike.fill('40');
  // Beyond the chain's 30 strikes each side: the leg says so, and the payoff waits for it.
  await expect(builder.getByTestId('leg-L1-problem')).toContainText('Leg L1: No strike for CE ATM+40');
  await expect(builder.getByTestId('leg-L2-instrument')).toHaveText(/^NIFTY \d{2} [A-Z]{3} \d+ PE$/);
  await expect(page.getByTestId('payoff-panel')).toContainText('Every leg must resolve');
  await strike.fill('1');
  await builder.getByLabel('Leg L1 lots').fill('0');
  await expect(builder.getByLabel('Leg L1 lots')).toHaveAccessibleDescription('At least 1.');
  await expect(page.getByRole('navigation', { name: 'Portfolios' })).toContainText('No portfolios yet.');
});
