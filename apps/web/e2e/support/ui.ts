import { expect, type Page } from '@playwright/test';

export async function loginViaUi(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toHaveText(username);
}

export async function logoutViaUi(page: Page): Promise<void> {
  await page.getByTestId('logout-button').click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Adds an instrument from the search box and waits for its live row. */
export async function addToWatchlist(page: Page, instrument: { id: string; displayName: string }): Promise<void> {
  await page.getByTestId('instrument-search-input').fill(instrument.displayName);
  await page.getByTestId(`search-add-${instrument.id}`).click();
  await expect(page.getByTestId(`watch-row-${instrument.id}`)).toBeVisible();
}

/** Waits until a live price cell shows a number and returns its text. */
export async function readPrice(page: Page, testId: string): Promise<string> {
  const cell = page.getByTestId(testId);
  await expect(cell).toHaveText(/^-?[\d,]+\.\d{2}$/);
  return (await cell.textContent())?.trim() ?? '';
}
