/** axe on every page and dialog state, signed in as an admin: no violations. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { MAIN } from './support/accounts.mjs';
import { signIn, uniqueUrl } from './support/session';

async function expectNoViolations(page: Page, label: string) {
  // A dialog fading in has half-transparent text for a moment: axe would measure that contrast.
  // Endless ones (a loading pulse) are not waited for.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' ||
          animation.effect?.getTiming().iterations === Infinity,
      ),
  );
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

test('the delivery inspector: Deliveries, a delivery, a call, an endpoint with its health and bulk retry', async ({
  page,
}) => {
  // One call delivered, failed and skipped through a real receiver, then seven axe scans.
  test.setTimeout(120_000);
  // The receiver takes Start, answers End's first attempt with 410 Gone (the delivery fails and the
  // endpoint is disabled, so Analytics Completed is skipped) and everything after that with 200.
  let ended = 0;
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { metadata } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        metadata: { eventType: string };
      };
      const gone = metadata.eventType === 'post-conversation' && ended++ === 0;
      res
        .writeHead(gone ? 410 : 200, { 'content-type': 'application/json' })
        .end(JSON.stringify(gone ? { error: 'gone' } : { ok: true }));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const callId = `call_axe_${run}`;
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/axe/${run}`;
    await signIn(page, MAIN.admin);
    const origin = new URL(page.url()).origin;
    const webhook = (await (
      await page.request.fetch('/api/v1/webhooks', {
        method: 'POST',
        headers: { origin },
        data: { url, description: 'Accessibility receiver' },
      })
    ).json()) as { id: string };
    const agents = (
      (await (await page.request.get('/api/v1/agents')).json()) as { items: { id: string }[] }
    ).items;
    // The first two agents are the previous test's (one configured, one empty).
    const agentId = agents[2]?.id ?? '';
    const subscribed = await page.request.fetch(`/api/v1/agents/${agentId}/webhook-subscriptions`, {
      method: 'PUT',
      headers: { origin },
      data: {
        webhookId: webhook.id,
        eventTypes: ['pre-conversation', 'post-conversation', 'analytics-completed'],
      },
    });
    expect(subscribed.ok()).toBe(true);
    const { key } = (await (
      await page.request.fetch('/api/v1/api-keys', {
        method: 'POST',
        headers: { origin },
        data: { name: `Accessibility ${run}` },
      })
    ).json()) as { key: string };
    const now = new Date().toISOString();
    const callData = {
      fromNumber: '+14155550101',
      toNumber: '+14155550100',
      callDuration: 61,
      callStatus: 'completed',
      callDirection: 'inbound',
      answerTime: now,
      endTime: now,
    };
    const events = [
      {
        eventType: 'pre-conversation',
        metadata: {
          conversationType: 'telephonyInbound',
          toPhone: '+14155550100',
          fromPhone: '+14155550101',
        },
      },
      {
        eventType: 'post-conversation',
        metadata: {
          conversationType: 'telephonyInbound',
          recordingUrl: null,
          callData,
          transcript: [{ role: 'user', content: 'Hi', timestamp: now }],
          variables: {},
        },
      },
      {
        eventType: 'analytics-completed',
        metadata: {
          conversationType: 'telephonyInbound',
          callData,
          analytics: { summary: 'A short call.', dispositionMetrics: [], successMetrics: [] },
        },
      },
    ];
    for (const event of events) {
      const response = await page.request.fetch('/api/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
        data: { agentId, callId, ...event },
      });
      expect(response.status()).toBe(202);
    }

    // The Deliveries page with rows in every final state, found by the call id (the call notice too).
    await page.goto(`/deliveries?q=${callId}`);
    const table = page.getByRole('table', { name: 'Deliveries' });
    for (const status of ['Delivered', 'Failed', 'Skipped']) {
      await expect(table.getByRole('row').filter({ hasText: status })).toHaveCount(1, {
        timeout: 20_000,
      });
    }
    await expect(page.getByRole('link', { name: 'View the call' })).toBeVisible();
    await expectNoViolations(page, 'deliveries, searched by call id');
    await page.goto('/deliveries');
    await expect(table.getByRole('row').filter({ hasText: callId })).toHaveCount(3);
    await expectNoViolations(page, 'deliveries, everything');

    // A delivery's detail panel: the failed End, its 410 and the disable it caused.
    await table
      .getByRole('link', { name: /^Open End delivery/ })
      .first()
      .click();
    const panel = page.getByRole('dialog', { name: 'End delivery' });
    await expect(panel.getByRole('note', { name: 'Outcome' })).toContainText('410 Gone');
    await expect(panel.getByText('Response 410')).toBeVisible();
    await expectNoViolations(page, 'delivery detail panel');

    // The call view: Start, End and Analytics Completed to the one endpoint.
    await page.goto(`/calls/${callId}`);
    await expect(
      page.getByRole('list', { name: `Deliveries to ${url}` }).getByRole('listitem'),
    ).toHaveCount(3);
    await expectNoViolations(page, 'call view');

    // The endpoint, disabled by the 410: health with a success and a failure, a skipped delivery, and
    // bulk retry waiting for it to be enabled.
    await page.goto(`/webhooks/${webhook.id}`);
    await expect(page.getByRole('heading', { name: 'Health' })).toBeVisible();
    await expect(
      page.getByText('Enable the endpoint to retry its failed deliveries.'),
    ).toBeVisible();
    await expect(page.getByText(/1 delivery was skipped/)).toBeVisible();
    await expect(page.getByRole('button', { name: /^View payload of / })).toHaveCount(3);
    await expectNoViolations(page, 'endpoint, disabled, with health');

    // Enabled again: the bulk retry dialog, then the job it starts.
    await page.getByRole('button', { name: 'Enable', exact: true }).click();
    await page.getByRole('button', { name: 'Retry failed deliveries…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retry failed deliveries' });
    // A preset, as a person would pick one.
    await dialog.getByLabel('Failed since').selectOption({ label: 'The last hour' });
    await expect(dialog.getByRole('status')).toContainText('1 failed delivery');
    await expectNoViolations(page, 'bulk retry dialog');
    await dialog.getByRole('button', { name: 'Retry 1 delivery' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('progressbar', { name: /^Retry job started / })).toBeVisible();
    await expect(page.getByText('Completed: 1 of 1 re-queued')).toBeVisible({ timeout: 20_000 });
    await expectNoViolations(page, 'endpoint, after a bulk retry');
  } finally {
    receiver.close();
  }
});
