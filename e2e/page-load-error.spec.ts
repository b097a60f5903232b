/**
 * A page whose code cannot be downloaded (Ringpost unreachable for a moment, or updated since the tab
 * opened) says so inside the app, with the sidebar still there, and Try again recovers once Ringpost
 * answers — instead of an error page that replaces the whole app.
 */
import { expect, test } from '@playwright/test';
import { MAIN } from './support/accounts.mjs';
import { signIn } from './support/session';

test('a page whose code fails to load shows an inline retry, and Try again recovers', async ({
  page,
}) => {
  await signIn(page, MAIN.viewer);
  const pageCode = /\/assets\/api-keys-[\w-]+\.js$/;
  await page.route(pageCode, (route) => route.abort('connectionrefused'));
  await page.route('**/readyz', (route) => route.abort('connectionrefused'));

  await page.getByRole('navigation').getByRole('link', { name: 'API keys' }).click();
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'This page could not be shown' })).toBeVisible();
  // The app is still there around it.
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Agents' })).toBeVisible();

  // Still unreachable: the page stays, and says so.
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toContainText('Ringpost is still unreachable');

  // Back: Try again loads the page.
  await page.unroute(pageCode);
  await page.unroute('**/readyz');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
});
