/** An endpoint that agents use cannot be deleted; the UI names them and offers to remove the assignments. */
import { expect, test } from '@playwright/test';
import { ORGANISATIONS } from './support/accounts.mjs';
import { signIn } from './support/session';

test('delete is refused while assigned, then done after removing the assignments', async ({
  page,
}) => {
  await signIn(page, ORGANISATIONS.deleting.admin);
  const origin = new URL(page.url()).origin;
  const post = (path: string, data: unknown) =>
    page.request.fetch(`/api/v1${path}`, { method: 'POST', headers: { origin }, data });
  const put = (path: string, data: unknown) =>
    page.request.fetch(`/api/v1${path}`, { method: 'PUT', headers: { origin }, data });

  const created = await post('/webhooks', { url: 'https://busy.example.com/hook' });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const agents = (
    (await (await page.request.get('/api/v1/agents')).json()) as {
      items: { id: string; name: string }[];
    }
  ).items;
  for (const agent of agents.slice(0, 2)) {
    expect(
      (
        await put(`/agents/${agent.id}/webhook-subscriptions`, {
          webhookId: id,
          eventTypes: ['post-conversation'],
        })
      ).status(),
    ).toBe(200);
  }

  // The server refuses, whatever the UI does.
  const refused = await page.request.fetch(`/api/v1/webhooks/${id}`, {
    method: 'DELETE',
    headers: { origin },
  });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('webhook_in_use');

  await page.goto('/webhooks');
  await page.getByRole('button', { name: 'Delete https://busy.example.com/hook' }).click();
  const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
  for (const agent of agents.slice(0, 2)) await expect(dialog).toContainText(agent.name);
  await dialog.getByRole('button', { name: 'Remove assignments and delete' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name: 'https://busy.example.com/hook' })).toHaveCount(0);

  const remaining = (
    (await (await page.request.get('/api/v1/agents')).json()) as { items: { webhook: unknown }[] }
  ).items;
  expect(remaining.every((agent) => agent.webhook === null)).toBe(true);
});
