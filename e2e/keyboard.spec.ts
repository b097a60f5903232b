/** The whole Configure Webhook flow with the keyboard alone. */
import { expect, test } from '@playwright/test';
import { ORGANISATIONS } from './support/accounts.mjs';
import { signIn } from './support/session';

test('open the modal, choose an endpoint, tick events and save without a mouse', async ({
  page,
}) => {
  await signIn(page, ORGANISATIONS.keyboard.admin);
  const origin = new URL(page.url()).origin;
  await page.request.fetch('/api/v1/webhooks', {
    method: 'POST',
    headers: { origin },
    data: { url: 'https://keys.example.com/hook', description: 'Keyboard' },
  });
  const agents = (
    (await (await page.request.get('/api/v1/agents')).json()) as { items: { id: string }[] }
  ).items;
  await page.goto(`/agents/${agents[0]?.id ?? ''}/webhook`);

  const add = page.getByRole('button', { name: 'Add webhook' });
  await add.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Configure Webhook' });
  await expect(dialog).toBeVisible();

  // Focus starts inside the dialog; Tab reaches the endpoint select.
  const select = dialog.getByRole('combobox', { name: 'Webhook Endpoint' });
  for (let i = 0; i < 5 && !(await select.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(select).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('option', { name: /keys\.example\.com/ })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(select).toContainText('https://keys.example.com/hook');
  await expect(dialog.getByRole('checkbox', { name: 'Start' })).toBeEnabled();

  // Tab to the Start checkbox, Space ticks it; Tab, Tab to Analytics Completed.
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('checkbox', { name: 'Start' })).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('checkbox', { name: 'Analytics Completed' })).toBeFocused();
  await page.keyboard.press('Space');

  // Tab past Cancel to Save, Enter saves.
  const save = dialog.getByRole('button', { name: 'Save' });
  for (let i = 0; i < 4 && !(await save.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(save).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  // Focus goes back to where the user was.
  await expect(page.getByRole('button', { name: 'Edit' })).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Subscribed events' }).getByRole('listitem'),
  ).toHaveText(['Start', 'Analytics Completed']);

  // Escape closes without saving.
  await page.getByRole('button', { name: 'Edit' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Edit' })).toBeFocused();
});
