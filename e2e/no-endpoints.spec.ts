/** With no endpoints, the modal sends the user to create one and brings them back with it chosen. */
import { expect, test } from '@playwright/test';
import { ORGANISATIONS } from './support/accounts.mjs';
import { openAgentWebhookTab, signIn } from './support/session';

test('the modal links to endpoint creation and comes back with the new endpoint selected', async ({
  page,
}) => {
  await signIn(page, ORGANISATIONS.empty.admin);
  await openAgentWebhookTab(page, 'Lead Qualifier');
  await page.getByRole('button', { name: 'Add webhook' }).click();

  const dialog = page.getByRole('dialog', { name: 'Configure Webhook' });
  await expect(
    dialog.getByText('You must create webhook endpoints first before they appear here.'),
  ).toBeVisible();
  await dialog.getByRole('link', { name: 'Create an endpoint' }).click();

  await expect(page.getByRole('heading', { name: 'Listen to Agent events' })).toBeVisible();
  await page.getByLabel('Endpoint URL').fill('https://first.example.com/hook');
  await page.getByRole('button', { name: 'Add endpoint' }).click();

  // Back on the agent's Webhook tab, the modal open, the new endpoint chosen, events unlocked.
  await expect(page).toHaveURL(/\/agents\/[^/]+\/webhook/);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Webhook Endpoint' })).toContainText(
    'https://first.example.com/hook',
  );
  await expect(
    dialog.getByText('Select a webhook endpoint to enable event selection'),
  ).toBeHidden();
  await dialog.getByRole('checkbox', { name: 'End' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(
    page.getByRole('list', { name: 'Subscribed events' }).getByRole('listitem'),
  ).toHaveText(['End']);
});
