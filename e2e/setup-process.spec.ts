/**
 * The seed's Setup Process, end to end in Chromium against the real server:
 * 1. create webhook endpoint (Features → Webhooks) 2. select endpoint in dropdown
 * 3. check events to subscribe 4. save configuration — then reload and find it stored.
 */
import { expect, test } from '@playwright/test';
import { ORGANISATIONS } from './support/accounts.mjs';
import { openAgentWebhookTab, signIn } from './support/session';

const EVENTS = ['Start', 'End', 'Analytics Completed'];

test('create an endpoint, give an agent that endpoint and two events, and find it after a reload', async ({
  page,
}) => {
  await signIn(page, ORGANISATIONS.setup.admin);

  // 1. Features → Webhooks → Create
  await page.getByRole('navigation').getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { name: 'Hosted endpoints' })).toBeVisible();
  await page.getByRole('link', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Listen to Agent events' })).toBeVisible();
  await page.getByLabel('Endpoint URL').fill('https://crm.example.com/ringpost');
  await page.getByLabel('Description').fill('CRM sync');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(page.getByText('https://crm.example.com/ringpost').first()).toBeVisible();

  // 2. Agent Settings → Webhook tab → the modal: events locked until an endpoint is chosen
  await openAgentWebhookTab(page, 'Appointment Reminder');
  await page.getByRole('button', { name: 'Add webhook' }).click();
  const dialog = page.getByRole('dialog', { name: 'Configure Webhook' });
  await expect(dialog).toBeVisible();
  const hint = dialog.getByText('Select a webhook endpoint to enable event selection');
  await expect(hint).toBeVisible();
  for (const name of EVENTS) await expect(dialog.getByRole('checkbox', { name })).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();

  await dialog.getByRole('combobox', { name: 'Webhook Endpoint' }).click();
  await page.getByRole('option', { name: /crm\.example\.com\/ringpost/ }).click();
  await expect(hint).toBeHidden();
  for (const name of EVENTS) await expect(dialog.getByRole('checkbox', { name })).toBeEnabled();
  // An endpoint alone is not enough: at least one event.
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();

  // 3. check events, 4. save
  await dialog.getByRole('checkbox', { name: 'Start' }).check();
  await dialog.getByRole('checkbox', { name: 'End' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Webhook saved' })).toBeVisible();

  // Stored in the database, not just in the page.
  await page.reload();
  const events = page.getByRole('list', { name: 'Subscribed events' });
  await expect(events.getByRole('listitem')).toHaveText(['Start', 'End']);
  await expect(page.getByRole('link', { name: 'https://crm.example.com/ringpost' })).toBeVisible();

  // Editing opens with the saved configuration; Save waits for a change.
  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(dialog.getByRole('combobox', { name: 'Webhook Endpoint' })).toContainText(
    'crm.example.com/ringpost',
  );
  await expect(dialog.getByRole('checkbox', { name: 'Start' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Analytics Completed' })).not.toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'Analytics Completed' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(events.getByRole('listitem')).toHaveText(['Start', 'End', 'Analytics Completed']);

  // The endpoint's page lists the agent's subscription.
  await page.getByRole('link', { name: 'https://crm.example.com/ringpost' }).click();
  await expect(page.getByText('Appointment Reminder')).toBeVisible();
  await expect(page.getByText('pre-conversation')).toBeVisible();

  // "Remove webhook" deletes it.
  await page.goBack();
  await page.getByRole('button', { name: 'Remove webhook' }).click();
  await page
    .getByRole('alertdialog')
    .or(page.getByRole('dialog'))
    .getByRole('button', { name: /Remove/ })
    .click();
  await expect(page.getByText('No webhook configured')).toBeVisible();
  await page.reload();
  await expect(page.getByText('No webhook configured')).toBeVisible();
});
