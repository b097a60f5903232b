import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookDetailSchema, WebhookListSchema } from '@contract/webhooks';
import {
  createTestContext,
  type TestContext,
  type TestOrganisation,
} from '../../../testing/test-app';
import { expectApiError } from '../../../testing/expect-api';

let ctx: TestContext;
let org: TestOrganisation;
let other: TestOrganisation;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await ctx.createOrganisation();
  other = await ctx.createOrganisation();
});
afterAll(async () => {
  await ctx.close();
});

let urlCounter = 0;
const freshUrl = () => `https://hooks.example.com/ringpost/${++urlCounter}`;

async function createWebhook(owner: TestOrganisation, body: Record<string, unknown> = {}) {
  const response = await ctx.request('POST', '/api/v1/webhooks', {
    as: owner.users.admin,
    body: { url: freshUrl(), ...body },
  });
  expect(response.status).toBe(201);
  return WebhookDetailSchema.parse(response.body);
}

async function subscribe(owner: TestOrganisation, agentIndex: number, webhookId: string) {
  const agent = owner.agents[agentIndex];
  if (!agent) throw new Error('no such agent');
  const response = await ctx.request('PUT', `/api/v1/agents/${agent.id}/webhook-subscriptions`, {
    as: owner.users.admin,
    body: { webhookId, eventTypes: ['post-conversation', 'pre-conversation'] },
  });
  expect(response.status).toBe(200);
  return agent;
}

const expectRefused: TestContext['expectRefused'] = (...args) => ctx.expectRefused(...args);

describe('POST /api/v1/webhooks', () => {
  it('creates an endpoint with a server-generated whsec_ secret', async () => {
    const url = freshUrl();
    const response = await ctx.request('POST', '/api/v1/webhooks', {
      as: org.users.admin,
      body: {
        url,
        description: 'CRM sync',
        headers: { 'X-Api-Key': 'abc123', Authorization: 'Bearer t' },
      },
    });
    expect(response.status).toBe(201);
    const created = WebhookDetailSchema.parse(response.body);
    expect(created).toMatchObject({
      url,
      description: 'CRM sync',
      status: 'enabled',
      disabledReason: null,
      headers: { 'X-Api-Key': 'abc123', Authorization: 'Bearer t' },
      subscriptions: [],
      previousSecretExpiresAt: null,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.secret?.slice(6) ?? '', 'base64')).toHaveLength(32);

    const list = WebhookListSchema.parse(
      (await ctx.request('GET', '/api/v1/webhooks', { as: org.users.viewer })).body,
    );
    expect(list.items.map((w) => w.id)).toContain(created.id);
  });

  it('stores an empty description as none and normalises the URL', async () => {
    const created = await createWebhook(org, {
      url: 'HTTPS://Hooks.Example.COM:443/Case/Kept',
      description: '  ',
    });
    expect(created.url).toBe('https://hooks.example.com/Case/Kept');
    expect(created.description).toBeNull();
  });

  it('refuses a URL the organisation already registered with 409 and a field message', async () => {
    const existing = await createWebhook(org);
    const error = await expectRefused(
      'POST',
      '/api/v1/webhooks',
      { as: org.users.admin, body: { url: existing.url } },
      409,
      'conflict',
    );
    expect(error.fields?.url).toMatch(/already exists/);
  });

  it('lets two organisations register the same URL', async () => {
    const mine = await createWebhook(org);
    const response = await ctx.request('POST', '/api/v1/webhooks', {
      as: other.users.admin,
      body: { url: mine.url },
    });
    expect(response.status).toBe(201);
  });

  const tooManyHeaders = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`X-H${i}`, 'v']));
  it.each([
    ['malformed JSON', { rawBody: '{"url":' }, 'invalid_json', undefined],
    ['an empty JSON body', { rawBody: '' }, 'invalid_json', undefined],
    ['no body at all', {}, 'validation_failed', 'url'],
    ['a missing url', { body: { description: 'x' } }, 'validation_failed', 'url'],
    [
      'an extra field',
      { body: { url: 'https://a.example.com', secret: 'mine' } },
      'validation_failed',
      'secret',
    ],
    ['a wrongly typed url', { body: { url: 123 } }, 'validation_failed', 'url'],
    ['a non-URL', { body: { url: 'not a url' } }, 'validation_failed', 'url'],
    ['an ftp URL', { body: { url: 'ftp://files.example.com/x' } }, 'validation_failed', 'url'],
    [
      'a plain http URL',
      { body: { url: 'http://hooks.example.com/x' } },
      'validation_failed',
      'url',
    ],
    [
      'credentials in the URL',
      { body: { url: 'https://user:pass@hooks.example.com/x' } },
      'validation_failed',
      'url',
    ],
    [
      'an over-long URL',
      { body: { url: `https://hooks.example.com/${'a'.repeat(2100)}` } },
      'validation_failed',
      'url',
    ],
    [
      'an over-long description',
      { body: { url: 'https://a.example.com', description: 'd'.repeat(501) } },
      'validation_failed',
      'description',
    ],
    ['a loopback IP', { body: { url: 'https://127.0.0.1/hook' } }, 'validation_failed', 'url'],
    ['a private IP', { body: { url: 'https://10.1.2.3/hook' } }, 'validation_failed', 'url'],
    [
      'the metadata address',
      { body: { url: 'https://169.254.169.254/latest' } },
      'validation_failed',
      'url',
    ],
    ['an IPv6 loopback', { body: { url: 'https://[::1]/hook' } }, 'validation_failed', 'url'],
    [
      'a name that resolves to loopback',
      { body: { url: 'https://localhost/hook' } },
      'validation_failed',
      'url',
    ],
    [
      'too many headers',
      { body: { url: 'https://a.example.com', headers: tooManyHeaders } },
      'validation_failed',
      'headers',
    ],
    [
      'a reserved header',
      { body: { url: 'https://a.example.com', headers: { 'Webhook-Signature': 'x' } } },
      'validation_failed',
      'headers.Webhook-Signature',
    ],
    [
      'a reserved header in another case',
      { body: { url: 'https://a.example.com', headers: { HOST: 'x' } } },
      'validation_failed',
      'headers.HOST',
    ],
    [
      'a header name that is not a token',
      { body: { url: 'https://a.example.com', headers: { 'Bad Name': 'x' } } },
      'validation_failed',
      'headers.Bad Name',
    ],
    [
      'a header value with a line break',
      { body: { url: 'https://a.example.com', headers: { 'X-A': 'a\r\nX-Injected: 1' } } },
      'validation_failed',
      'headers.X-A',
    ],
    [
      'an over-long header value',
      { body: { url: 'https://a.example.com', headers: { 'X-A': 'v'.repeat(1025) } } },
      'validation_failed',
      'headers.X-A',
    ],
    [
      'headers as an array',
      { body: { url: 'https://a.example.com', headers: ['X-A'] } },
      'validation_failed',
      'headers',
    ],
  ] as const)('refuses %s and changes nothing', async (_name, options, code, field) => {
    const error = await expectRefused(
      'POST',
      '/api/v1/webhooks',
      { as: org.users.admin, ...options },
      400,
      code,
    );
    if (field) expect(error.fields?.[field]).toBeTruthy();
  });

  it('refuses a non-JSON content type, with or without a body, with 415', async () => {
    await expectRefused(
      'POST',
      '/api/v1/webhooks',
      { as: org.users.admin, headers: { 'content-type': 'text/plain' } },
      415,
      'unsupported_media_type',
    );
    await expectRefused(
      'POST',
      '/api/v1/webhooks',
      {
        as: org.users.admin,
        rawBody: 'url=https://a.example.com',
        headers: { 'content-type': 'text/plain' },
      },
      415,
      'unsupported_media_type',
    );
  });

  it('refuses support and viewer (403), no session (401) and a foreign Origin (403)', async () => {
    const body = { url: freshUrl() };
    await expectRefused(
      'POST',
      '/api/v1/webhooks',
      { as: org.users.support, body },
      403,
      'forbidden',
    );
    await expectRefused(
      'POST',
      '/api/v1/webhooks',
      { as: org.users.viewer, body },
      403,
      'forbidden',
    );
    await expectRefused('POST', '/api/v1/webhooks', { body }, 401, 'unauthenticated');
    await expectRefused(
      'POST',
      '/api/v1/webhooks',
      { as: org.users.admin, body, origin: 'https://evil.example' },
      403,
      'origin_mismatch',
    );
    await expectRefused(
      'POST',
      '/api/v1/webhooks',
      { as: org.users.admin, body, origin: null, headers: { 'sec-fetch-site': 'cross-site' } },
      403,
      'origin_mismatch',
    );
  });

  it('accepts plain http for hosts the allow-list covers', async () => {
    const allowing = await createTestContext({ env: { RINGPOST_ALLOWED_TARGETS: '127.0.0.0/8' } });
    try {
      const owner = await allowing.createOrganisation([]);
      const ok = await allowing.request('POST', '/api/v1/webhooks', {
        as: owner.users.admin,
        body: { url: 'http://127.0.0.1:4010/hook' },
      });
      expect(ok.status).toBe(201);
      const byName = await allowing.request('POST', '/api/v1/webhooks', {
        as: owner.users.admin,
        body: { url: 'http://localhost:4010/hook' },
      });
      expect(byName.status).toBe(201);
      const outside = await allowing.request('POST', '/api/v1/webhooks', {
        as: owner.users.admin,
        body: { url: 'http://10.0.0.1/hook' },
      });
      expectApiError(outside, 400, 'validation_failed');
    } finally {
      await allowing.close();
    }
  });
});

describe('GET /api/v1/webhooks and /webhooks/{id}', () => {
  it('lists only the caller’s organisation, with assigned agents', async () => {
    const owner = await ctx.createOrganisation();
    const a = await createWebhook(owner);
    const b = await createWebhook(owner);
    const agent = await subscribe(owner, 0, a.id);
    await createWebhook(other);

    const list = WebhookListSchema.parse(
      (await ctx.request('GET', '/api/v1/webhooks', { as: owner.users.viewer })).body,
    );
    expect(list.items.map((w) => w.id).sort()).toEqual([a.id, b.id].sort());
    const listedA = list.items.find((w) => w.id === a.id);
    expect(listedA?.subscriptions).toEqual([
      {
        agentId: agent.id,
        agentName: agent.name,
        eventTypes: ['pre-conversation', 'post-conversation'],
      },
    ]);
    expect(list.items.find((w) => w.id === b.id)?.subscriptions).toEqual([]);
  });

  it('shows the secret to admins only', async () => {
    const created = await createWebhook(org);
    for (const role of ['support', 'viewer'] as const) {
      const response = await ctx.request('GET', `/api/v1/webhooks/${created.id}`, {
        as: org.users[role],
      });
      expect(WebhookDetailSchema.parse(response.body).secret).toBeNull();
    }
    const asAdmin = await ctx.request('GET', `/api/v1/webhooks/${created.id}`, {
      as: org.users.admin,
    });
    expect(WebhookDetailSchema.parse(asAdmin.body).secret).toBe(created.secret);
  });

  it('answers 404 for an unknown id and for another organisation’s endpoint, 400 for a malformed id', async () => {
    const theirs = await createWebhook(other);
    expectApiError(
      await ctx.request('GET', `/api/v1/webhooks/${crypto.randomUUID()}`, { as: org.users.admin }),
      404,
      'not_found',
    );
    expectApiError(
      await ctx.request('GET', `/api/v1/webhooks/${theirs.id}`, { as: org.users.admin }),
      404,
      'not_found',
    );
    const malformed = expectApiError(
      await ctx.request('GET', '/api/v1/webhooks/not-a-uuid', { as: org.users.admin }),
      400,
      'validation_failed',
    );
    expect(malformed.fields?.id).toBeTruthy();
  });

  it('requires a session', async () => {
    expectApiError(await ctx.request('GET', '/api/v1/webhooks'), 401, 'unauthenticated');
  });
});

describe('PATCH /api/v1/webhooks/{id}', () => {
  it('changes URL, description and headers', async () => {
    const created = await createWebhook(org, { headers: { 'X-Old': '1' } });
    const url = freshUrl();
    const response = await ctx.request('PATCH', `/api/v1/webhooks/${created.id}`, {
      as: org.users.admin,
      body: { url, description: 'New', headers: { 'X-New': '2' } },
    });
    expect(response.status).toBe(200);
    expect(WebhookDetailSchema.parse(response.body)).toMatchObject({
      url,
      description: 'New',
      headers: { 'X-New': '2' },
    });
  });

  it('keeps its own URL without a conflict, refuses another endpoint’s URL', async () => {
    const a = await createWebhook(org);
    const b = await createWebhook(org);
    const same = await ctx.request('PATCH', `/api/v1/webhooks/${a.id}`, {
      as: org.users.admin,
      body: { url: a.url },
    });
    expect(same.status).toBe(200);
    await expectRefused(
      'PATCH',
      `/api/v1/webhooks/${a.id}`,
      { as: org.users.admin, body: { url: b.url } },
      409,
      'conflict',
    );
  });

  it.each([
    ['an empty object', { body: {} }, 400, 'validation_failed'],
    ['an unknown field', { body: { status: 'disabled' } }, 400, 'validation_failed'],
    ['a private URL', { body: { url: 'https://192.168.1.10/hook' } }, 400, 'validation_failed'],
    ['malformed JSON', { rawBody: '[' }, 400, 'invalid_json'],
  ] as const)('refuses %s', async (_name, options, status, code) => {
    const created = await createWebhook(org);
    await expectRefused(
      'PATCH',
      `/api/v1/webhooks/${created.id}`,
      { as: org.users.admin, ...options },
      status,
      code,
    );
  });

  it('refuses a viewer, and another organisation’s admin gets 404', async () => {
    const created = await createWebhook(org);
    await expectRefused(
      'PATCH',
      `/api/v1/webhooks/${created.id}`,
      { as: org.users.viewer, body: { description: 'x' } },
      403,
      'forbidden',
    );
    await expectRefused(
      'PATCH',
      `/api/v1/webhooks/${created.id}`,
      { as: other.users.admin, body: { description: 'x' } },
      404,
      'not_found',
    );
  });
});

describe('DELETE /api/v1/webhooks/{id}', () => {
  it('deletes an unused endpoint', async () => {
    const created = await createWebhook(org);
    expect(
      (await ctx.request('DELETE', `/api/v1/webhooks/${created.id}`, { as: org.users.admin }))
        .status,
    ).toBe(204);
    expectApiError(
      await ctx.request('GET', `/api/v1/webhooks/${created.id}`, { as: org.users.admin }),
      404,
      'not_found',
    );
  });

  it('refuses while agents use it, naming them, and allows it once they are removed', async () => {
    const owner = await ctx.createOrganisation();
    const created = await createWebhook(owner);
    const first = await subscribe(owner, 0, created.id);
    const second = await subscribe(owner, 1, created.id);
    const error = await expectRefused(
      'DELETE',
      `/api/v1/webhooks/${created.id}`,
      { as: owner.users.admin },
      409,
      'webhook_in_use',
    );
    expect(error.message).toContain(first.name);
    expect(error.message).toContain(second.name);

    for (const agent of [first, second]) {
      const removed = await ctx.request(
        'DELETE',
        `/api/v1/agents/${agent.id}/webhook-subscriptions`,
        { as: owner.users.admin },
      );
      expect(removed.status).toBe(204);
    }
    expect(
      (await ctx.request('DELETE', `/api/v1/webhooks/${created.id}`, { as: owner.users.admin }))
        .status,
    ).toBe(204);
  });

  it('refuses support, viewer, another organisation and a foreign Origin', async () => {
    const created = await createWebhook(org);
    const path = `/api/v1/webhooks/${created.id}`;
    await expectRefused('DELETE', path, { as: org.users.support }, 403, 'forbidden');
    await expectRefused('DELETE', path, { as: org.users.viewer }, 403, 'forbidden');
    await expectRefused('DELETE', path, { as: other.users.admin }, 404, 'not_found');
    await expectRefused(
      'DELETE',
      path,
      { as: org.users.admin, origin: 'http://localhost:9999' },
      403,
      'origin_mismatch',
    );
    await expectRefused('DELETE', path, {}, 401, 'unauthenticated');
  });
});

describe('secret rotation and status', () => {
  it('rotates the secret and keeps the previous one valid for 24 hours', async () => {
    const created = await createWebhook(org);
    const before = Date.now();
    const response = await ctx.request('POST', `/api/v1/webhooks/${created.id}/rotate-secret`, {
      as: org.users.admin,
    });
    expect(response.status).toBe(200);
    const rotated = WebhookDetailSchema.parse(response.body);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    const expires = Date.parse(rotated.previousSecretExpiresAt ?? '');
    expect(expires - before).toBeGreaterThanOrEqual(24 * 3_600_000 - 5_000);
    expect(expires - before).toBeLessThanOrEqual(24 * 3_600_000 + 5_000);
  });

  it('disables with a reason and enables again', async () => {
    const created = await createWebhook(org);
    const disabled = WebhookDetailSchema.parse(
      (await ctx.request('POST', `/api/v1/webhooks/${created.id}/disable`, { as: org.users.admin }))
        .body,
    );
    expect(disabled.status).toBe('disabled');
    expect(disabled.disabledReason).toMatch(/^Disabled by /);
    // When, as a timestamp the page formats: the reason itself carries no date.
    expect(Date.now() - Date.parse(disabled.disabledAt ?? '')).toBeLessThan(60_000);
    const enabled = WebhookDetailSchema.parse(
      (await ctx.request('POST', `/api/v1/webhooks/${created.id}/enable`, { as: org.users.admin }))
        .body,
    );
    expect(enabled).toMatchObject({ status: 'enabled', disabledReason: null, disabledAt: null });
  });

  it.each(['rotate-secret', 'enable', 'disable'])(
    'refuses %s for support and viewer, and across organisations',
    async (action) => {
      const created = await createWebhook(org);
      const path = `/api/v1/webhooks/${created.id}/${action}`;
      await expectRefused('POST', path, { as: org.users.support }, 403, 'forbidden');
      await expectRefused('POST', path, { as: org.users.viewer }, 403, 'forbidden');
      await expectRefused('POST', path, { as: other.users.admin }, 404, 'not_found');
      await expectRefused(
        'POST',
        `/api/v1/webhooks/${crypto.randomUUID()}/${action}`,
        { as: org.users.admin },
        404,
        'not_found',
      );
    },
  );
});
