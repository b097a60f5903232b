/** axe on every page and dialog state, signed in as an admin: no violations. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { MAIN } from './support/accounts.mjs';
import { signIn, uniqueUrl } from './support/session';

async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, label).toEqual([]);
}

test('sign-in and not-found pages', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectNoViolations(page, 'sign-in');
});

test('every signed-in page and the modal', async ({ page }) => {
  // A dozen pages and dialog states, each scanned by axe: about 20 s on an idle machine.
  test.setTimeout(120_000);
  await signIn(page, MAIN.admin);
  const origin = new URL(page.url()).origin;
  const created = await page.request.fetch('/api/v1/webhooks', {
    method: 'POST',
    headers: { origin },
    data: { url: uniqueUrl('axe'), description: 'Accessibility', headers: { 'X-Token': 'abc' } },
  });
  const webhook = (await created.json()) as { id: string };
  const agents = (
    (await (await page.request.get('/api/v1/agents')).json()) as { items: { id: string }[] }
  ).items;
  const [configured, empty] = agents;
  await page.request.fetch(`/api/v1/agents/${configured?.id ?? ''}/webhook-subscriptions`, {
    method: 'PUT',
    headers: { origin },
    data: { webhookId: webhook.id, eventTypes: ['pre-conversation', 'analytics-completed'] },
  });

  const pages: [string, string, RegExp | string][] = [
    ['agents', '/agents', 'Agents'],
    ['agent general', `/agents/${configured?.id ?? ''}/general`, 'Agent Settings'],
    ['webhook tab (configured)', `/agents/${configured?.id ?? ''}/webhook`, 'Webhook'],
    ['webhook tab (empty)', `/agents/${empty?.id ?? ''}/webhook`, 'Webhook'],
    ['hosted endpoints', '/webhooks', 'Hosted endpoints'],
    ['create endpoint', '/webhooks/new', 'Listen to Agent events'],
    ['endpoint detail', `/webhooks/${webhook.id}`, 'Webhook URL'],
    ['not found', '/no/such/page', /not found/i],
  ];
  for (const [label, path, heading] of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading }).first()).toBeVisible();
    await expectNoViolations(page, label);
  }

  await page.goto(`/agents/${empty?.id ?? ''}/webhook`);
  await page.getByRole('button', { name: 'Add webhook' }).click();
  const dialog = page.getByRole('dialog', { name: 'Configure Webhook' });
  await expect(dialog).toBeVisible();
  await expectNoViolations(page, 'modal, nothing chosen');
  await dialog.getByRole('combobox', { name: 'Webhook Endpoint' }).click();
  await expect(page.getByRole('option').first()).toBeVisible();
  await expectNoViolations(page, 'modal, select open');
  await page.getByRole('option').first().click();
  await expectNoViolations(page, 'modal, endpoint chosen');
});
