/**
 * `npm run screenshots`: the README's pictures, made from the real app. Starts Ringpost on a fresh
 * embedded database, sets up an endpoint and an agent's webhook through the API, and photographs the
 * pages in Chromium. Run it again after a UI change.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium-launch';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'screenshots');
const PORT = 3197;
const BASE = `http://127.0.0.1:${PORT}`;
const EMAIL = 'admin@ringpost.local';
const PASSWORD = 'screenshot-password';

async function waitForReady(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('Ringpost did not become ready');
}

async function api(page: Page, method: string, path: string, data?: unknown): Promise<unknown> {
  const response = await page.request.fetch(`${BASE}/api/v1${path}`, {
    method,
    headers: { origin: BASE, 'content-type': 'application/json' },
    ...(data === undefined ? {} : { data: JSON.stringify(data) }),
  });
  if (!response.ok())
    throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return response.status() === 204 ? null : response.json();
}

// A receiver on this machine, so that the test call's deliveries really go out; under /failing it
// answers as a broken CRM would, for the inspector's pictures.
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () =>
    req.url?.startsWith('/failing')
      ? res
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"error":"crm_unavailable","message":"Upstream database is in maintenance"}')
      : res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}'),
  );
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ringpost`;

const dataDir = mkdtempSync(join(tmpdir(), 'ringpost-screenshots-'));
const server = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: String(PORT),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    RINGPOST_ADMIN_EMAIL: EMAIL,
    RINGPOST_ADMIN_PASSWORD: PASSWORD,
    RINGPOST_ALLOWED_TARGETS: '127.0.0.0/8',
    LOG_LEVEL: 'warn',
  },
  stdio: 'inherit',
});

const browser = await chromium.launch(chromiumLaunchOptions());
try {
  await waitForReady();
  mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
  });

  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/agents/);

  const crm = (await api(page, 'POST', '/webhooks', {
    url: 'https://hooks.northwind-dental.com/ringpost/calls',
    description: 'CRM sync',
  })) as { id: string };
  await api(page, 'POST', '/webhooks', {
    url: 'https://analytics.northwind-dental.com/ingest',
    description: 'Call analytics warehouse',
  });
  const agents = (await api(page, 'GET', '/agents')) as { items: { id: string; name: string }[] };
  const [first, second] = agents.items;
  if (!first || !second) throw new Error('the seed has fewer than two agents');
  await api(page, 'PUT', `/agents/${first.id}/webhook-subscriptions`, {
    webhookId: crm.id,
    eventTypes: ['pre-conversation', 'post-conversation', 'analytics-completed'],
  });

  await page.goto(`${BASE}/agents/${first.id}/webhook`);
  await page.getByRole('heading', { name: 'Webhook', exact: true }).waitFor();
  await page.screenshot({ path: join(OUT, 'webhook-tab.png') });

  await page.goto(`${BASE}/agents/${second.id}/webhook`);
  await page.getByRole('button', { name: 'Add webhook' }).click();
  await page.getByRole('dialog', { name: 'Configure Webhook' }).waitFor();
  await page.screenshot({ path: join(OUT, 'configure-webhook-modal.png') });

  await page.goto(`${BASE}/webhooks`);
  await page.getByRole('heading', { name: 'Hosted endpoints' }).waitFor();
  await page.screenshot({ path: join(OUT, 'hosted-endpoints.png') });

  await page.goto(`${BASE}/webhooks/new`);
  await page.getByRole('heading', { name: 'Listen to Agent events' }).waitFor();
  await page.screenshot({ path: join(OUT, 'create-endpoint.png') });

  await page.goto(`${BASE}/webhooks/${crm.id}`);
  await page.getByText('Signing secret').waitFor();
  await page.screenshot({ path: join(OUT, 'endpoint-detail.png') });

  // A test call to a live receiver, then the deliveries it made.
  const local = (await api(page, 'POST', '/webhooks', {
    url: receiverUrl,
    description: 'Local receiver',
  })) as { id: string };
  await api(page, 'PUT', `/agents/${second.id}/webhook-subscriptions`, {
    webhookId: local.id,
    eventTypes: ['pre-conversation', 'post-conversation', 'analytics-completed'],
  });
  await page.goto(`${BASE}/agents/${second.id}/webhook`);
  await page.getByRole('button', { name: 'Make test call' }).click();
  await page.getByText('Every event was delivered.').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(OUT, 'test-call.png'), fullPage: true });
  await page
    .getByRole('region', { name: 'Test call' })
    .getByRole('button', { name: /^View payload of End / })
    .click();
  await page.getByRole('dialog').waitFor();
  await page.screenshot({ path: join(OUT, 'delivery-payload.png') });
  await page.goto(`${BASE}/webhooks/${local.id}`);
  await page
    .getByRole('button', { name: /^View payload of / })
    .first()
    .waitFor();
  await page.screenshot({ path: join(OUT, 'endpoint-deliveries.png'), fullPage: true });

  // The inspector: a test call whose deliveries the receiver refuses, found by its call id.
  const third = agents.items[2];
  if (!third) throw new Error('the seed has fewer than three agents');
  const failing = (await api(page, 'POST', '/webhooks', {
    url: receiverUrl.replace('/ringpost', '/failing/crm'),
    description: 'CRM (under maintenance)',
  })) as { id: string };
  await api(page, 'PUT', `/agents/${third.id}/webhook-subscriptions`, {
    webhookId: failing.id,
    eventTypes: ['pre-conversation', 'post-conversation', 'analytics-completed'],
  });
  const testCall = (await api(page, 'POST', `/agents/${third.id}/test-call`)) as {
    callId: string;
  };
  await page.goto(`${BASE}/deliveries`);
  await page.getByRole('searchbox').fill(testCall.callId);
  await page.keyboard.press('Enter');
  await page.getByText('500').first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(OUT, 'deliveries.png') });
  const failed = (await api(
    page,
    'GET',
    `/deliveries?q=${encodeURIComponent(testCall.callId)}`,
  )) as { items: { id: string }[] };
  const last = failed.items.at(-1);
  if (!last) throw new Error('the failing test call made no deliveries');
  await page.goto(`${BASE}/deliveries/${last.id}`);
  await page.getByRole('button', { name: 'Redeliver', exact: true }).waitFor();
  await page.screenshot({ path: join(OUT, 'delivery-detail.png') });
  await page.goto(`${BASE}/calls/${encodeURIComponent(testCall.callId)}`);
  await page.getByText('500').first().waitFor();
  await page.screenshot({ path: join(OUT, 'call-view.png'), fullPage: true });

  await page.goto(`${BASE}/api-keys`);
  await page.getByRole('heading', { name: 'API keys' }).first().waitFor();
  await page.screenshot({ path: join(OUT, 'api-keys.png') });
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
  receiver.close();
}
