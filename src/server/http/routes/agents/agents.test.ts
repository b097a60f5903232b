import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentListSchema, AgentSchema } from '@contract/agents';
import { WebhookDetailSchema } from '@contract/webhooks';
import {
  createTestContext,
  type TestContext,
  type TestOrganisation,
} from '../../../testing/test-app';
import { expectApiError } from '../../../testing/expect-api';

let ctx: TestContext;
let org: TestOrganisation;
let other: TestOrganisation;
let urlCounter = 0;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await ctx.createOrganisation();
  other = await ctx.createOrganisation();
});
afterAll(async () => {
  await ctx.close();
});

async function createWebhook(owner: TestOrganisation) {
  const response = await ctx.request('POST', '/api/v1/webhooks', {
    as: owner.users.admin,
    body: { url: `https://agents.example.com/hook/${++urlCounter}` },
  });
  return WebhookDetailSchema.parse(response.body);
}

function agentOf(owner: TestOrganisation, index: number) {
  const agent = owner.agents[index];
  if (!agent) throw new Error('no such agent');
  return agent;
}

const expectRefused: TestContext['expectRefused'] = (...args) => ctx.expectRefused(...args);

describe('GET /api/v1/agents', () => {
  it('lists the organisation’s agents by name, each with its webhook or null', async () => {
    const owner = await ctx.createOrganisation(['Zed', 'Amy', 'Moe']);
    const webhook = await createWebhook(owner);
    const moe = agentOf(owner, 2);
    await ctx.request('PUT', `/api/v1/agents/${moe.id}/webhook-subscriptions`, {
      as: owner.users.admin,
      body: { webhookId: webhook.id, eventTypes: ['analytics-completed'] },
    });
    const list = AgentListSchema.parse(
      (await ctx.request('GET', '/api/v1/agents', { as: owner.users.viewer })).body,
    );
    expect(list.items.map((a) => a.name)).toEqual(['Amy', 'Moe', 'Zed']);
    expect(list.items.find((a) => a.id === moe.id)?.webhook).toMatchObject({
      webhookId: webhook.id,
      url: webhook.url,
      status: 'enabled',
      eventTypes: ['analytics-completed'],
    });
    expect(list.items.filter((a) => a.webhook === null)).toHaveLength(2);
  });

  it('requires a session', async () => {
    expectApiError(await ctx.request('GET', '/api/v1/agents'), 401, 'unauthenticated');
  });
});

describe('GET and PATCH /api/v1/agents/{id}', () => {
  it('returns one agent to every role', async () => {
    const agent = agentOf(org, 0);
    for (const user of Object.values(org.users)) {
      const response = await ctx.request('GET', `/api/v1/agents/${agent.id}`, { as: user });
      expect(AgentSchema.parse(response.body)).toMatchObject({ id: agent.id, name: agent.name });
    }
  });

  it('answers 404 for unknown and foreign agents, 400 for malformed ids', async () => {
    expectApiError(
      await ctx.request('GET', `/api/v1/agents/${crypto.randomUUID()}`, { as: org.users.admin }),
      404,
      'not_found',
    );
    expectApiError(
      await ctx.request('GET', `/api/v1/agents/${agentOf(other, 0).id}`, { as: org.users.admin }),
      404,
      'not_found',
    );
    expectApiError(
      await ctx.request('GET', '/api/v1/agents/123', { as: org.users.admin }),
      400,
      'validation_failed',
    );
  });

  it('renames and re-describes an agent (admin)', async () => {
    const owner = await ctx.createOrganisation(['Before']);
    const agent = agentOf(owner, 0);
    const response = await ctx.request('PATCH', `/api/v1/agents/${agent.id}`, {
      as: owner.users.admin,
      body: { name: '  After  ', description: 'Calls people back' },
    });
    expect(response.status).toBe(200);
    expect(AgentSchema.parse(response.body)).toMatchObject({
      name: 'After',
      description: 'Calls people back',
    });
  });

  it.each([
    ['an empty object', { body: {} }, 400, 'validation_failed', '(body)'],
    ['an empty name', { body: { name: '   ' } }, 400, 'validation_failed', 'name'],
    ['an over-long name', { body: { name: 'n'.repeat(121) } }, 400, 'validation_failed', 'name'],
    [
      'an over-long description',
      { body: { description: 'd'.repeat(1001) } },
      400,
      'validation_failed',
      'description',
    ],
    ['a wrongly typed name', { body: { name: ['x'] } }, 400, 'validation_failed', 'name'],
    ['an unknown field', { body: { name: 'x', id: 'y' } }, 400, 'validation_failed', 'id'],
    ['a NUL in the name', { body: { name: 'a\u0000b' } }, 400, 'validation_failed', 'name'],
    [
      'an unpaired surrogate in the description',
      { body: { description: 'a\uD800' } },
      400,
      'validation_failed',
      'description',
    ],
    ['malformed JSON', { rawBody: '{name:1}' }, 400, 'invalid_json', undefined],
  ] as const)('refuses %s', async (_name, options, status, code, field) => {
    const error = await expectRefused(
      'PATCH',
      `/api/v1/agents/${agentOf(org, 0).id}`,
      { as: org.users.admin, ...options },
      status,
      code,
    );
    if (field) expect(error.fields?.[field]).toBeTruthy();
  });

  it.each(['__proto__', 'constructor', 'prototype', 'toString'])(
    'names %s when it is sent as an unknown field',
    async (key) => {
      const before = await ctx.snapshot();
      const response = await ctx.request('PATCH', `/api/v1/agents/${agentOf(org, 0).id}`, {
        as: org.users.admin,
        rawBody: `{"name":"Renamed","${key}":{"polluted":true}}`,
      });
      expectApiError(response, 400, 'validation_failed');
      // The body as sent, not parsed by the contract (zod drops a `__proto__` key); own keys only, since
      // `constructor` and `toString` are on every object's prototype.
      const { error } = response.body as { error: { message: string; fields: object } };
      expect(Object.entries(error.fields)).toEqual([[key, 'Unknown field']]);
      expect(error.message).toBe(`${key}: Unknown field`);
      expect(await ctx.snapshot()).toBe(before);
    },
  );

  it('refuses support, viewer, another organisation and a foreign Origin', async () => {
    const path = `/api/v1/agents/${agentOf(org, 0).id}`;
    const body = { name: 'Hijacked' };
    await expectRefused('PATCH', path, { as: org.users.support, body }, 403, 'forbidden');
    await expectRefused('PATCH', path, { as: org.users.viewer, body }, 403, 'forbidden');
    await expectRefused('PATCH', path, { as: other.users.admin, body }, 404, 'not_found');
    await expectRefused(
      'PATCH',
      path,
      { as: org.users.admin, body, origin: 'https://evil.example' },
      403,
      'origin_mismatch',
    );
    await expectRefused('PATCH', path, { body }, 401, 'unauthenticated');
  });
});

describe('PUT and DELETE /api/v1/agents/{id}/webhook-subscriptions', () => {
  it('sets, replaces and removes the agent’s webhook, storing events in canonical order', async () => {
    const owner = await ctx.createOrganisation(['Solo']);
    const agent = agentOf(owner, 0);
    const first = await createWebhook(owner);
    const second = await createWebhook(owner);
    const path = `/api/v1/agents/${agent.id}/webhook-subscriptions`;

    const set = await ctx.request('PUT', path, {
      as: owner.users.admin,
      body: { webhookId: first.id, eventTypes: ['analytics-completed', 'pre-conversation'] },
    });
    expect(set.status).toBe(200);
    expect(AgentSchema.parse(set.body).webhook).toMatchObject({
      webhookId: first.id,
      eventTypes: ['pre-conversation', 'analytics-completed'],
    });

    const replaced = await ctx.request('PUT', path, {
      as: owner.users.admin,
      body: { webhookId: second.id, eventTypes: ['post-conversation'] },
    });
    expect(AgentSchema.parse(replaced.body).webhook).toMatchObject({
      webhookId: second.id,
      eventTypes: ['post-conversation'],
    });
    const firstNow = WebhookDetailSchema.parse(
      (await ctx.request('GET', `/api/v1/webhooks/${first.id}`, { as: owner.users.admin })).body,
    );
    expect(firstNow.subscriptions).toEqual([]);

    expect((await ctx.request('DELETE', path, { as: owner.users.admin })).status).toBe(204);
    expect(
      AgentSchema.parse(
        (await ctx.request('GET', `/api/v1/agents/${agent.id}`, { as: owner.users.admin })).body,
      ).webhook,
    ).toBeNull();
    // Removing again is a no-op, not an error.
    expect((await ctx.request('DELETE', path, { as: owner.users.admin })).status).toBe(204);
  });

  it.each([
    ['no events', (id: string) => ({ webhookId: id, eventTypes: [] }), 'eventTypes'],
    [
      'an unknown event type',
      (id: string) => ({ webhookId: id, eventTypes: ['mid-conversation'] }),
      'eventTypes.0',
    ],
    [
      'a repeated event type',
      (id: string) => ({ webhookId: id, eventTypes: ['pre-conversation', 'pre-conversation'] }),
      'eventTypes',
    ],
    ['a missing webhookId', () => ({ eventTypes: ['pre-conversation'] }), 'webhookId'],
    [
      'a malformed webhookId',
      () => ({ webhookId: 'abc', eventTypes: ['pre-conversation'] }),
      'webhookId',
    ],
    [
      'an unknown webhookId',
      () => ({ webhookId: crypto.randomUUID(), eventTypes: ['pre-conversation'] }),
      'webhookId',
    ],
    [
      'eventTypes as a string',
      (id: string) => ({ webhookId: id, eventTypes: 'pre-conversation' }),
      'eventTypes',
    ],
    [
      'an extra field',
      (id: string) => ({ webhookId: id, eventTypes: ['pre-conversation'], agentId: 'x' }),
      'agentId',
    ],
  ] as const)('refuses %s', async (_name, makeBody, field) => {
    const webhook = await createWebhook(org);
    const error = await expectRefused(
      'PUT',
      `/api/v1/agents/${agentOf(org, 1).id}/webhook-subscriptions`,
      { as: org.users.admin, body: makeBody(webhook.id) },
      400,
      'validation_failed',
    );
    expect(error.fields?.[field]).toBeTruthy();
  });

  it('refuses another organisation’s endpoint and another organisation’s agent', async () => {
    const theirs = await createWebhook(other);
    const mine = await createWebhook(org);
    const error = await expectRefused(
      'PUT',
      `/api/v1/agents/${agentOf(org, 1).id}/webhook-subscriptions`,
      { as: org.users.admin, body: { webhookId: theirs.id, eventTypes: ['pre-conversation'] } },
      400,
      'validation_failed',
    );
    expect(error.fields?.webhookId).toMatch(/No endpoint/);
    await expectRefused(
      'PUT',
      `/api/v1/agents/${agentOf(other, 1).id}/webhook-subscriptions`,
      { as: org.users.admin, body: { webhookId: mine.id, eventTypes: ['pre-conversation'] } },
      404,
      'not_found',
    );
    await expectRefused(
      'DELETE',
      `/api/v1/agents/${agentOf(other, 1).id}/webhook-subscriptions`,
      { as: org.users.admin },
      404,
      'not_found',
    );
  });

  it('refuses support and viewer (they can read but not change), no session and a foreign Origin', async () => {
    const webhook = await createWebhook(org);
    const path = `/api/v1/agents/${agentOf(org, 2).id}/webhook-subscriptions`;
    const body = { webhookId: webhook.id, eventTypes: ['pre-conversation'] };
    for (const role of ['support', 'viewer'] as const) {
      await expectRefused('PUT', path, { as: org.users[role], body }, 403, 'forbidden');
      await expectRefused('DELETE', path, { as: org.users[role] }, 403, 'forbidden');
    }
    await expectRefused('PUT', path, { body }, 401, 'unauthenticated');
    await expectRefused(
      'PUT',
      path,
      { as: org.users.admin, body, origin: 'null' },
      403,
      'origin_mismatch',
    );
  });
});
