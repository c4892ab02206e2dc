import { expect, type Page } from '@playwright/test';

/** Opens the option chain from the nav and waits for a loaded chain; returns the ATM strike (paise). */
export async function openChain(page: Page): Promise<number> {
  await page.getByTestId('nav-chain').click();
  await expect(page.getByTestId('chain-page')).toBeVisible();
  const atm = page.locator('[data-testid^="chain-row-"][data-atm="true"]');
  await expect(atm).toHaveCount(1, { timeout: 30_000 });
  const testId = (await atm.getAttribute('data-testid')) ?? '';
  return Number(testId.replace('chain-row-', ''));
}

/** All call LTP texts of the chain, joined: changes whenever any call trades. */
export async function callLtpSnapshot(page: Page): Promise<string> {
  return (await page.locator('[data-testid^="chain-call-ltp-"]').allTextContents()).join('|');
}
