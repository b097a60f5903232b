/**
 * Leaving Agent Settings → General with unsaved edits asks first, whichever way the person leaves: a
 * link in the app, or the browser's Back (which has already moved when the app hears of it, and is
 * moved back while the question is open). Also: the skip link is the first stop for the Tab key.
 */
import { expect, test } from '@playwright/test';
import { MAIN } from './support/accounts.mjs';
import { signIn } from './support/session';

test('Back and the Webhook tab ask before dropping unsaved edits to an agent', async ({ page }) => {
  await signIn(page, MAIN.admin);
  await page.getByRole('link', { name: 'Inbound Support' }).click();
  await page.getByRole('link', { name: 'General', exact: true }).click();
  await expect(page).toHaveURL(/\/general$/);
  const general = page.url();
  const name = page.getByRole('textbox', { name: 'Name' });
  await name.fill('Inbound Support (renamed)');

  await page.goBack();
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(general);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(general);
  await expect(name).toHaveValue('Inbound Support (renamed)');

  await page.getByRole('link', { name: 'Webhook', exact: true }).click();
  await dialog.getByRole('button', { name: 'Leave' }).click();
  await expect(page).toHaveURL(/\/webhook$/);
  await expect(page.getByRole('heading', { name: 'Webhook', exact: true })).toBeVisible();
  // Nothing was saved.
  await page.getByRole('link', { name: 'General', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Inbound Support');
});

test('the first Tab reaches "Skip to main content", which moves focus past the sidebar', async ({
  page,
}) => {
  await signIn(page, MAIN.viewer);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  // The next stop is inside the page, not the sidebar.
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});
