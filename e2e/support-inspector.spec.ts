/**
 * The delivery inspector's support story, for real: a customer's CRM answers 500 to our webhooks; a
 * support person finds the call in Monitor → Deliveries by its id, reads what the CRM answered, presses
 * Redeliver once the CRM is back and watches the delivery turn Delivered without reloading (the live
 * stream), then follows it to the call. A viewer may read the same delivery but not redeliver it.
 * The call's End, published after Start, waits for it meanwhile (per-call order); what becomes of it
 * after the redelivery is the known bug described by the last test.
 *
 * No automatic retry can race the Redeliver button: while broken, the receiver answers
 * `Retry-After: 3600`, which the engine honours as a lower bound (the e2e server keeps the default
 * schedule, whose second attempt would otherwise come 5 s later), and the receiver's log proves at the
 * end that exactly one attempt failed before the redelivery. The redelivery's 200 is held back until
 * the panel has been seen still waiting for it, so "Delivered" can only reach the open panel through
 * the live stream (with the stream open, nothing polls).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { MAIN } from './support/accounts.mjs';
import { signIn } from './support/session';

type Mode = 'broken' | 'holding' | 'fixed';

interface Received {
  eventType: string;
  deliveryId: string;
  status: number;
}

/** What the CRM says while it is down: recognisable, and with markup that must stay text. */
const BROKEN_BODY = { error: 'crm down', hint: '<b>call us</b>' };

// The story's state, shared by its tests in order; set afresh by beforeAll (--repeat-each reruns it).
let server: Server;
let mode: Mode = 'broken';
/** Every request, as it arrives (before it is answered). */
let arrived: string[] = [];
/** Every answer given, in order. */
let answered: Received[] = [];
/** Answers held back while the mode is `holding`. */
let held: (() => void)[] = [];
const startAnswers = () => answered.filter((a) => a.eventType === 'pre-conversation');

let run = '';
let callId = '';
let endpointUrl = '';
/** The failing Start delivery, opened by support and then by the viewer. */
let deliveryId = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  mode = 'broken';
  arrived = [];
  answered = [];
  held = [];
  deliveryId = '';
  run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  callId = `call_support_${run}`;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { metadata } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        metadata: { eventType: string };
      };
      const deliveryId = String(req.headers['webhook-id']);
      arrived.push(metadata.eventType);
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        answered.push({ eventType: metadata.eventType, deliveryId, status });
        res
          .writeHead(status, { 'content-type': 'application/json', ...headers })
          .end(JSON.stringify(body));
      };
      if (mode === 'broken') answer(500, BROKEN_BODY, { 'retry-after': '3600' });
      else if (mode === 'holding') held.push(() => answer(200, { ok: true }));
      else answer(200, { ok: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpointUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm/${run}`;
});

test.afterAll(() => {
  for (const release of held) release();
  server.close();
});

const phones = { toPhone: '+14155550100', fromPhone: '+14155550101' };

/**
 * An admin (in a browser context of their own) points an agent at the receiver, creates an API key and
 * publishes the call's Start and End the way the call platform does.
 */
async function publishCall(page: Page) {
  await signIn(page, MAIN.admin);
  const origin = new URL(page.url()).origin;
  const created = await page.request.fetch('/api/v1/webhooks', {
    method: 'POST',
    headers: { origin },
    data: { url: endpointUrl, description: 'Customer CRM' },
  });
  expect(created.status()).toBe(201);
  const webhook = (await created.json()) as { id: string };
  const agents = (
    (await (await page.request.get('/api/v1/agents')).json()) as { items: { id: string }[] }
  ).items;
  // The first two demo agents belong to the accessibility spec (one configured, one empty).
  const agent = agents[2];
  if (!agent) throw new Error('the demo organisation has no third agent');
  const subscribed = await page.request.fetch(`/api/v1/agents/${agent.id}/webhook-subscriptions`, {
    method: 'PUT',
    headers: { origin },
    data: { webhookId: webhook.id, eventTypes: ['pre-conversation', 'post-conversation'] },
  });
  expect(subscribed.ok()).toBe(true);
  const keyResponse = await page.request.fetch('/api/v1/api-keys', {
    method: 'POST',
    headers: { origin },
    data: { name: `Call platform ${run}` },
  });
  expect(keyResponse.status()).toBe(201);
  const { key } = (await keyResponse.json()) as { key: string };

  const publish = async (data: object) => {
    const response = await page.request.fetch('/api/v1/events', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      data: { agentId: agent.id, callId, ...data },
    });
    expect(response.status()).toBe(202);
  };
  await publish({
    eventType: 'pre-conversation',
    metadata: { conversationType: 'telephonyInbound', ...phones },
  });
  const now = new Date().toISOString();
  await publish({
    eventType: 'post-conversation',
    metadata: {
      conversationType: 'telephonyInbound',
      recordingUrl: null,
      callData: {
        fromNumber: phones.fromPhone,
        toNumber: phones.toPhone,
        callDuration: 42.5,
        callStatus: 'completed',
        callDirection: 'inbound',
        answerTime: now,
        endTime: now,
      },
      transcript: [{ role: 'agent', content: 'Hello, how can I help?', timestamp: now }],
      variables: {},
    },
  });
}

/** A row's cell under the column a person would read it from. */
async function cellUnder(table: Locator, row: Locator, header: string): Promise<Locator> {
  const headers = await table.getByRole('columnheader').allTextContents();
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`no column ${header} in ${headers.join(', ')}`);
  return row.getByRole('cell').nth(index);
}

test('support finds a failing call by its id, reads the error, redelivers it and follows it live', async ({
  browser,
  page,
}) => {
  // Two sign-ins at full hashing cost and a few live round trips on a loaded 2-core machine.
  test.setTimeout(120_000);
  const adminContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    await publishCall(await adminContext.newPage());
  } finally {
    await adminContext.close();
  }

  // Monitor → Deliveries, from the sidebar, and the call id pasted into the search box.
  await signIn(page, MAIN.support);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Deliveries' })
    .click();
  await expect(page).toHaveURL(/\/deliveries$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Deliveries/ })).toBeVisible();
  // The page follows changes over the live stream (and, while it does, nothing polls).
  await expect(page.getByRole('status').filter({ hasText: /^Live$/ })).toBeVisible({
    timeout: 15_000,
  });
  const searchbox = page
    .getByRole('search', { name: 'Deliveries' })
    .getByRole('searchbox', { name: 'Search' });
  await searchbox.fill(callId);
  await searchbox.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/deliveries\\?q=${callId}$`));

  // That call's two deliveries: Start got a 500 and waits for its next attempt an hour away (the
  // receiver's Retry-After); End waits for Start, since a call's events go out in order.
  const table = page.getByRole('table', { name: 'Deliveries' });
  const rows = table.getByRole('row').filter({ hasText: callId });
  await expect(rows).toHaveCount(2);
  const startRow = rows.filter({ has: page.getByRole('link', { name: /^Open Start delivery/ }) });
  const endRow = rows.filter({ has: page.getByRole('link', { name: /^Open End delivery/ }) });
  await expect(await cellUnder(table, startRow, 'Last response')).toHaveText('500', {
    timeout: 15_000,
  });
  await expect(await cellUnder(table, startRow, 'Status')).toContainText(/Pending\s*Retry at/);
  await expect(await cellUnder(table, endRow, 'Status')).toContainText(
    "Waits for this call's Start",
  );
  await expect(page.getByRole('link', { name: 'View the call' })).toBeVisible();

  // The failed one, opened in the side panel: the attempt's 500 and the CRM's words, as text.
  await startRow.getByRole('link', { name: /^Open Start delivery/ }).click();
  await expect(page).toHaveURL(/\/deliveries\/msg_[0-9A-Za-z]+\?q=/);
  deliveryId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  const panel = page.getByRole('dialog', { name: 'Start delivery' });
  await expect(panel).toBeVisible();
  const outcome = panel.getByRole('note', { name: 'Outcome' });
  await expect(outcome).toHaveText(
    /^Attempt 1 failed \(Error response: .*\); it will be tried again\.$/,
  );
  await expect(panel.getByRole('heading', { name: 'Attempts (1)' })).toBeVisible();
  const failed = panel.getByRole('listitem', { name: 'Attempt 1' });
  await expect(failed.getByText('Response 500')).toBeVisible();
  const responseBody = failed.getByRole('region', { name: 'Attempt 1 response body' });
  await expect(responseBody).toContainText('"error": "crm down"');
  await expect(responseBody).toContainText('"hint": "<b>call us</b>"');
  await expect(responseBody.locator('b')).toHaveCount(0);

  // The CRM is back. Redeliver: the receiver holds its 200 until the panel has been seen waiting.
  mode = 'holding';
  await panel.getByRole('button', { name: 'Redeliver', exact: true }).click();
  await expect(page.getByText('Redelivery queued')).toBeVisible();
  await expect.poll(() => arrived.length, { timeout: 15_000 }).toBe(2);
  await expect(outcome).not.toHaveText(/^Delivered/);
  mode = 'fixed';
  for (const release of held) release();
  held = [];

  // Delivered, in the open panel, with no reload: the live stream said so.
  await expect(outcome).toHaveText(/^Delivered on attempt 2\b/, { timeout: 15_000 });
  await expect(panel.getByRole('heading', { name: 'Attempts (2)' })).toBeVisible();
  const redelivered = panel.getByRole('listitem', { name: 'Attempt 2' });
  await expect(redelivered).toContainText('Redelivery by Sam Support');
  await expect(redelivered.getByText('Response 200')).toBeVisible();

  // Back in the list (closing the panel is going Back), the row caught up too.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/deliveries\\?q=${callId}$`));
  await expect(await cellUnder(table, startRow, 'Status')).toHaveText('Delivered');
  await expect(await cellUnder(table, startRow, 'Last response')).toHaveText('200');
  await expect(await cellUnder(table, startRow, 'Attempts')).toHaveText('2');

  // From the delivery to its call: both deliveries to the CRM, in the call's order.
  await startRow.getByRole('link', { name: /^Open Start delivery/ }).click();
  await expect(panel).toBeVisible();
  await panel.getByRole('link', { name: 'View call' }).click();
  await expect(page).toHaveURL(new RegExp(`/calls/${callId}$`));
  await expect(page.getByRole('heading', { level: 1, name: `Call ${callId}` })).toBeVisible();
  const steps = page
    .getByRole('region', { name: `Endpoint ${endpointUrl}` })
    .getByRole('list', { name: `Deliveries to ${endpointUrl}` })
    .getByRole('listitem');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0).getByRole('heading', { level: 3 })).toHaveText('Start');
  await expect(steps.nth(1).getByRole('heading', { level: 3 })).toHaveText('End');
  await expect(steps.nth(0)).toContainText('Delivered');
  await expect(steps.nth(0)).toContainText('2 attempts, last response 200');
  // (End's status is not asserted here: see the known-bug test at the end of this file.)

  // What the CRM saw of Start: one failed attempt, then the redelivery; no automatic retry between.
  expect(startAnswers()).toEqual([
    { eventType: 'pre-conversation', deliveryId, status: 500 },
    { eventType: 'pre-conversation', deliveryId, status: 200 },
  ]);
});

test('a viewer opening the same delivery can read it and is offered no redelivery', async ({
  page,
}) => {
  test.setTimeout(120_000);
  expect(deliveryId, 'set by the support story').toMatch(/^msg_/);
  await signIn(page, MAIN.viewer);
  await page.goto(`/deliveries/${deliveryId}`);
  const panel = page.getByRole('dialog', { name: 'Start delivery' });
  await expect(panel.getByRole('note', { name: 'Outcome' })).toHaveText(
    /^Delivered on attempt 2\b/,
  );
  await expect(
    panel.getByRole('listitem', { name: 'Attempt 1' }).getByRole('region', {
      name: 'Attempt 1 response body',
    }),
  ).toContainText('"error": "crm down"');

  // No redelivery is offered, and the panel says why; copying the request still works.
  await expect(panel.getByRole('button', { name: 'Copy as cURL' })).toBeEnabled();
  await expect(panel.getByRole('button', { name: 'Redeliver', exact: true })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Redeliver to another URL…' })).toHaveCount(0);
  await expect(panel.getByText('Only admins and support staff can redeliver')).toBeVisible();

  // With the buttons bypassed, the server refuses too.
  const origin = new URL(page.url()).origin;
  const refused = await page.request.fetch(`/api/v1/deliveries/${deliveryId}/redeliver`, {
    method: 'POST',
    headers: { origin },
  });
  expect(refused.status()).toBe(403);
  const refusedToUrl = await page.request.fetch(
    `/api/v1/deliveries/${deliveryId}/redeliver-to-url`,
    { method: 'POST', headers: { origin }, data: { url: endpointUrl } },
  );
  expect(refusedToUrl.status()).toBe(403);
  // And nothing was sent again.
  expect(startAnswers()).toHaveLength(2);
});

// While Start waited for its retry an hour away, the claim postponed End behind it; Redeliver brings
// the call's later deliveries forward with Start (scheduleRedelivery), so End follows at once.
test('End, which waited for Start, goes out once Start has been redelivered', async () => {
  expect(startAnswers().at(-1)?.status, 'Start delivered by the support story').toBe(200);
  await expect
    .poll(() => answered.filter((a) => a.eventType === 'post-conversation'), { timeout: 15_000 })
    .toEqual([{ eventType: 'post-conversation', deliveryId: expect.any(String), status: 200 }]);
});
