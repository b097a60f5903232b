/**
 * The call platform's own routes for agents: `PUT /agents/{externalId}` and `DELETE` the same path, with
 * an API key. Runs on the embedded database, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentListSchema, AgentSchema, EXTERNAL_ID_MAX } from '@contract/agents';
import { IngestEventResponseSchema } from '@contract/deliveries';
import { WebhookDetailSchema } from '@contract/webhooks';
import { rowsOf } from '../../../db/database';
import { exampleEvent } from '../../../testing/example-event';
import { expectApiError } from '../../../testing/expect-api';
import {
  createTestContext,
  type TestContext,
  type TestOrganisation,
} from '../../../testing/test-app';

let ctx: TestContext;
let org: TestOrganisation;
let other: TestOrganisation;
let key: string;
let otherKey: string;
let counter = 0;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await ctx.createOrganisation();
  other = await ctx.createOrganisation();
  key = (await ctx.createApiKey(org)).key;
  otherKey = (await ctx.createApiKey(other)).key;
});
afterAll(async () => {
  await ctx.close();
});

const externalId = () => `agent-${++counter}`;
const path = (id: string) => `/api/v1/agents/${encodeURIComponent(id)}`;

/** As the platform calls: an API key, no session, no Origin. */
function platform(method: 'PUT' | 'DELETE', id: string, body?: unknown, withKey = key) {
  return ctx.request(method, path(id), {
    ...(body === undefined ? {} : { body }),
    headers: { authorization: `Bearer ${withKey}` },
    origin: null,
  });
}

async function listedAgents(owner: TestOrganisation) {
  const response = await ctx.request('GET', '/api/v1/agents', { as: owner.users.viewer });
  return AgentListSchema.parse(response.body).items;
}

describe('PUT /api/v1/agents/{externalId}', () => {
  it('creates the agent (201), then replaces its name and description (200) under the same id', async () => {
    const id = externalId();
    const created = await platform('PUT', id, { name: 'Sales line', description: 'Outbound' });
    expect(created.status).toBe(201);
    const agent = AgentSchema.parse(created.body);
    expect(agent).toMatchObject({
      externalId: id,
      name: 'Sales line',
      description: 'Outbound',
      webhook: null,
    });

    const again = await platform('PUT', id, { name: 'Sales line' });
    expect(again.status).toBe(200);
    // A PUT replaces: the description it leaves out is empty.
    expect(AgentSchema.parse(again.body)).toMatchObject({
      id: agent.id,
      name: 'Sales line',
      description: '',
    });
    const same = await platform('PUT', id, { name: 'Sales line' });
    expect(same.status).toBe(200);
    expect(AgentSchema.parse(same.body).id).toBe(agent.id);

    const listed = (await listedAgents(org)).filter((a) => a.externalId === id);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.id).toBe(agent.id);
  });

  it('gives the answer’s id to POST /events, which then delivers to the agent’s webhook', async () => {
    const agent = AgentSchema.parse(
      (await platform('PUT', externalId(), { name: 'Support' })).body,
    );
    const webhook = WebhookDetailSchema.parse(
      (
        await ctx.request('POST', '/api/v1/webhooks', {
          as: org.users.admin,
          body: { url: `https://platform.example.com/hook/${counter}` },
        })
      ).body,
    );
    await ctx.request('PUT', `/api/v1/agents/${agent.id}/webhook-subscriptions`, {
      as: org.users.admin,
      body: { webhookId: webhook.id, eventTypes: ['pre-conversation'] },
    });
    const published = await ctx.request('POST', '/api/v1/events', {
      body: exampleEvent(agent.id, `call_platform_${counter}`, 'pre-conversation'),
      headers: { authorization: `Bearer ${key}` },
      origin: null,
    });
    expect(published.status).toBe(202);
    expect(IngestEventResponseSchema.parse(published.body).deliveryIds).toHaveLength(1);
  });

  it('keeps organisations apart: the same external id in two organisations is two agents', async () => {
    const id = externalId();
    const mine = AgentSchema.parse((await platform('PUT', id, { name: 'Mine' })).body);
    const theirs = await platform('PUT', id, { name: 'Theirs' }, otherKey);
    expect(theirs.status).toBe(201);
    expect(AgentSchema.parse(theirs.body).id).not.toBe(mine.id);
    expect((await listedAgents(org)).find((a) => a.externalId === id)?.name).toBe('Mine');
    expect((await listedAgents(other)).find((a) => a.externalId === id)?.name).toBe('Theirs');
  });

  it('takes an API key only: no key, a wrong key and a browser session are all refused', async () => {
    const id = externalId();
    await ctx.expectRefused(
      'PUT',
      path(id),
      { body: { name: 'No key' }, origin: null },
      401,
      'unauthenticated',
    );
    await ctx.expectRefused(
      'PUT',
      path(id),
      { body: { name: 'Bad key' }, headers: { authorization: 'Bearer rp_nope' }, origin: null },
      401,
      'unauthenticated',
    );
    await ctx.expectRefused(
      'PUT',
      path(id),
      { body: { name: 'Admin session' }, as: org.users.admin },
      401,
      'unauthenticated',
    );
  });

  // As they arrive in the URL: percent-encoded.
  it.each([
    ['too long', 'x'.repeat(EXTERNAL_ID_MAX + 1)],
    ['a space', 'agent%20one'],
    ['a slash', 'a%2Fb'],
    ['a NUL byte', 'a%00b'],
    ['a lone surrogate in UTF-8', 'a%ED%A0%80b'],
    ['bytes that are not UTF-8', 'a%FFb'],
    ['non-ASCII', 'ag%C3%A9nt'],
  ])('refuses an external id with %s, and changes nothing', async (_, segment) => {
    const error = await ctx.expectRefused(
      'PUT',
      `/api/v1/agents/${segment}`,
      { body: { name: 'Bad id' }, headers: { authorization: `Bearer ${key}` }, origin: null },
      400,
      'validation_failed',
    );
    expect(error.fields).toHaveProperty('externalId');
  });

  it.each([
    ['no name', {}, 'name'],
    ['an empty name', { name: '  ' }, 'name'],
    ['a name too long', { name: 'n'.repeat(121) }, 'name'],
    ['a NUL in the name', { name: 'a\u0000b' }, 'name'],
    ['a description too long', { name: 'ok', description: 'd'.repeat(1001) }, 'description'],
    ['a field it does not know', { name: 'ok', webhookId: 'x' }, undefined],
    ['a number for a name', { name: 42 }, 'name'],
  ])('refuses a body with %s, and changes nothing', async (_, body, field) => {
    const error = await ctx.expectRefused(
      'PUT',
      path(externalId()),
      { body, headers: { authorization: `Bearer ${key}` }, origin: null },
      400,
      'validation_failed',
    );
    if (field) expect(error.fields).toHaveProperty(field);
  });

  it('refuses a body that is not JSON, and one of megabytes, changing nothing', async () => {
    await ctx.expectRefused(
      'PUT',
      path(externalId()),
      { rawBody: '{"name":', headers: { authorization: `Bearer ${key}` }, origin: null },
      400,
      'invalid_json',
    );
    const huge = await platform('PUT', externalId(), {
      name: 'ok',
      description: 'd'.repeat(3 * 1024 * 1024),
    });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
  });
});

describe('DELETE /api/v1/agents/{externalId}', () => {
  it('removes the agent and its webhook; its history stays; later events make no delivery', async () => {
    const id = externalId();
    const agent = AgentSchema.parse((await platform('PUT', id, { name: 'Leaving' })).body);
    const webhook = WebhookDetailSchema.parse(
      (
        await ctx.request('POST', '/api/v1/webhooks', {
          as: org.users.admin,
          body: { url: `https://platform.example.com/leaving/${counter}` },
        })
      ).body,
    );
    await ctx.request('PUT', `/api/v1/agents/${agent.id}/webhook-subscriptions`, {
      as: org.users.admin,
      body: { webhookId: webhook.id, eventTypes: ['pre-conversation', 'post-conversation'] },
    });
    const publish = (eventType: 'pre-conversation' | 'post-conversation') =>
      ctx.request('POST', '/api/v1/events', {
        body: exampleEvent(agent.id, `call_leaving_${counter}`, eventType),
        headers: { authorization: `Bearer ${key}` },
        origin: null,
      });
    const before = IngestEventResponseSchema.parse((await publish('pre-conversation')).body);
    expect(before.deliveryIds).toHaveLength(1);

    expect((await platform('DELETE', id)).status).toBe(204);

    expect((await listedAgents(org)).some((a) => a.id === agent.id)).toBe(false);
    expectApiError(
      await ctx.request('GET', `/api/v1/agents/${agent.id}`, { as: org.users.admin }),
      404,
      'not_found',
    );
    // The endpoint no longer lists it among its agents.
    const detail = WebhookDetailSchema.parse(
      (await ctx.request('GET', `/api/v1/webhooks/${webhook.id}`, { as: org.users.admin })).body,
    );
    expect(detail.subscriptions).toEqual([]);
    // Its delivery is still in the inspector.
    const delivery = await ctx.request('GET', `/api/v1/deliveries/${before.deliveryIds[0] ?? ''}`, {
      as: org.users.support,
    });
    expect(delivery.status).toBe(200);
    // A late event of the same call is stored, and makes no delivery.
    const after = await publish('post-conversation');
    expect(after.status).toBe(202);
    expect(IngestEventResponseSchema.parse(after.body).deliveryIds).toEqual([]);

    // Once deleted, it is gone for this route too; a PUT brings it back under its old id, without its webhook.
    expectApiError(await platform('DELETE', id), 404, 'not_found');
    const back = await platform('PUT', id, { name: 'Back' });
    expect(back.status).toBe(200);
    expect(AgentSchema.parse(back.body)).toMatchObject({
      id: agent.id,
      name: 'Back',
      webhook: null,
    });
  });

  it('answers 404 for an external id the organisation never registered, or another’s', async () => {
    const theirs = externalId();
    await platform('PUT', theirs, { name: 'Theirs' }, otherKey);
    await ctx.expectRefused(
      'DELETE',
      path(theirs),
      { headers: { authorization: `Bearer ${key}` }, origin: null },
      404,
      'not_found',
    );
    await ctx.expectRefused(
      'DELETE',
      path(externalId()),
      { headers: { authorization: `Bearer ${key}` }, origin: null },
      404,
      'not_found',
    );
    expect((await listedAgents(other)).some((a) => a.externalId === theirs)).toBe(true);
  });

  it('cannot touch agents made in the console, which have no external id', async () => {
    const consoleAgent = org.agents[0];
    if (!consoleAgent) throw new Error('no agent');
    await ctx.expectRefused(
      'DELETE',
      path(consoleAgent.id),
      { headers: { authorization: `Bearer ${key}` }, origin: null },
      404,
      'not_found',
    );
    const rows = rowsOf<{ deleted_at: unknown }>(
      await ctx.db.execute(sql`select deleted_at from agents where id = ${consoleAgent.id}`),
    );
    expect(rows[0]?.deleted_at).toBeNull();
  });

  it('takes an API key only', async () => {
    const id = externalId();
    await platform('PUT', id, { name: 'Kept' });
    await ctx.expectRefused('DELETE', path(id), { as: org.users.admin }, 401, 'unauthenticated');
    await ctx.expectRefused('DELETE', path(id), { origin: null }, 401, 'unauthenticated');
  });
});
