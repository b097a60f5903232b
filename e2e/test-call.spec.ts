/**
 * The seed's "Testing Webhooks", for real: an admin presses "Make test call", watches the three
 * deliveries reach a receiver on this machine, and opens one to see what was sent and what came back.
 * The receiver verifies every request with the verification code we publish (docs/examples), so a
 * "Delivered" here also proves the signatures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { verifySignature } from '../docs/examples/verify-webhook.mjs';
import { ORGANISATIONS } from './support/accounts.mjs';
import { signIn } from './support/session';

interface Received {
  eventType: string;
  verified: boolean;
}

let server: Server;
let secret = '';
const received: Received[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const verified = verifySignature(body, req.headers, secret);
      const parsed = JSON.parse(body.toString('utf8')) as { metadata: { eventType: string } };
      received.push({ eventType: parsed.metadata.eventType, verified });
      res
        .writeHead(verified ? 200 : 401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ verified }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
test.afterAll(() => {
  server.close();
});

test('Make test call delivers Start, End and Analytics Completed, signed, and shows each payload', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signIn(page, ORGANISATIONS.delivering.admin);
  const origin = new URL(page.url()).origin;
  const port = (server.address() as AddressInfo).port;
  const created = await page.request.fetch('/api/v1/webhooks', {
    method: 'POST',
    headers: { origin },
    data: { url: `http://127.0.0.1:${port}/webhook`, description: 'Local receiver' },
  });
  expect(created.status()).toBe(201);
  const webhook = (await created.json()) as { id: string; secret: string };
  secret = webhook.secret;
  const agents = (
    (await (await page.request.get('/api/v1/agents')).json()) as {
      items: { id: string; name: string }[];
    }
  ).items;
  const agent = agents[0];
  if (!agent) throw new Error('no agent');
  await page.request.fetch(`/api/v1/agents/${agent.id}/webhook-subscriptions`, {
    method: 'PUT',
    headers: { origin },
    data: {
      webhookId: webhook.id,
      eventTypes: ['pre-conversation', 'post-conversation', 'analytics-completed'],
    },
  });

  await page.goto(`/agents/${agent.id}/webhook`);
  await page.getByRole('button', { name: 'Make test call' }).click();
  const panel = page.getByRole('region', { name: 'Test call' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('status', { name: 'Test call progress' })).toHaveText(
    'Every event was delivered.',
    { timeout: 30_000 },
  );
  const rows = panel.getByRole('row');
  await expect(rows.filter({ hasText: 'Delivered' })).toHaveCount(3);

  // The receiver got them in order, each verified with the published example code.
  expect(received).toEqual([
    { eventType: 'pre-conversation', verified: true },
    { eventType: 'post-conversation', verified: true },
    { eventType: 'analytics-completed', verified: true },
  ]);

  // What was sent and what came back.
  await panel.getByRole('button', { name: /^View payload of End / }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('webhook-signature');
  await expect(dialog).toContainText('"transcript"');
  await expect(dialog).toContainText(/"verified":\s*true/);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The endpoint's page lists the same deliveries, and its self-test passes against a verifying receiver.
  await page.goto(`/webhooks/${webhook.id}`);
  await expect(page.getByRole('button', { name: /^View payload of / })).toHaveCount(3);
  await page.getByRole('button', { name: 'Run self-test' }).click();
  await expect(page.getByText('Your endpoint verifies signatures correctly.')).toBeVisible({
    timeout: 20_000,
  });
  const detail = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(detail.violations.map((v) => v.id)).toEqual([]);
});

test('an API key created on the API keys page is shown once and ingests events', async ({
  page,
}) => {
  await signIn(page, ORGANISATIONS.delivering.admin);
  await page.getByRole('navigation').getByRole('link', { name: 'API keys' }).click();
  await page.getByRole('button', { name: 'Create API key' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Call platform');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(
    dialog.getByText('Copy this key now. You will not be able to see it again.'),
  ).toBeVisible();
  const key = await dialog.getByLabel('API key').inputValue();
  expect(key).toMatch(/^rpk_/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  expect(await page.content()).not.toContain(key);

  const agents = (
    (await (await page.request.get('/api/v1/agents')).json()) as { items: { id: string }[] }
  ).items;
  const response = await page.request.fetch('/api/v1/events', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    data: {
      agentId: agents[1]?.id,
      callId: 'call_e2e_key',
      eventType: 'pre-conversation',
      metadata: {
        conversationType: 'telephonyInbound',
        toPhone: '+14155550100',
        fromPhone: '+14155550101',
      },
    },
  });
  expect(response.status()).toBe(202);
  await page.reload();
  await expect(page.getByRole('row', { name: /Call platform/ })).toContainText(/ago|Today|\d/);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});
