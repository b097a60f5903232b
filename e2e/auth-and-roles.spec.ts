/** Sign-in is required everywhere, and a viewer can look but not save. */
import { expect, test } from '@playwright/test';
import { MAIN, PASSWORD } from './support/accounts.mjs';
import { openAgentWebhookTab, signIn } from './support/session';

test('a deep link asks for sign-in and returns to the page afterwards', async ({ page }) => {
  await page.goto('/webhooks/new');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(MAIN.admin);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Email or password is incorrect');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/webhooks\/new$/);
  await expect(page.getByRole('heading', { name: 'Listen to Agent events' })).toBeVisible();

  // Signing out ends the session: the API refuses the old cookie, the app asks for sign-in again.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await page.request.get('/api/v1/agents')).status()).toBe(401);
  await page.goto('/agents');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('the API refuses every request without a session', async ({ request }) => {
  for (const path of ['/api/v1/agents', '/api/v1/webhooks', '/api/v1/auth/me']) {
    const response = await request.get(path);
    expect(response.status()).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'unauthenticated',
    );
  }
});

test('a viewer sees the Webhook tab but cannot change it, and the server refuses if they try', async ({
  page,
}) => {
  await signIn(page, MAIN.viewer);
  await openAgentWebhookTab(page, 'Inbound Support');
  const add = page.getByRole('button', { name: 'Add webhook' });
  await expect(add).toBeDisabled();
  await expect(page.getByText('Only admins can change webhooks')).toBeVisible();

  // Even with the button bypassed, the server says no.
  const origin = new URL(page.url()).origin;
  const agents = (
    (await (await page.request.get('/api/v1/agents')).json()) as { items: { id: string }[] }
  ).items;
  const response = await page.request.fetch(
    `/api/v1/agents/${agents[0]?.id ?? ''}/webhook-subscriptions`,
    {
      method: 'PUT',
      headers: { origin },
      data: { webhookId: crypto.randomUUID(), eventTypes: ['pre-conversation'] },
    },
  );
  expect(response.status()).toBe(403);

  // And the ?configure deep link does not open the modal for them.
  await page.goto(`${page.url()}?configure`);
  await expect(page.getByRole('dialog', { name: 'Configure Webhook' })).toHaveCount(0);
});
