/** Ingestion: POST /api/v1/events with an API key. Every bad input is refused and stores nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { IngestEventResponseSchema } from '@contract/deliveries';
import { WebhookDetailSchema } from '@contract/webhooks';
import {
  createTestContext,
  type TestContext,
  type TestOrganisation,
} from '../../../testing/test-app';
import { expectApiError } from '../../../testing/expect-api';
import { exampleEvent } from '../../../testing/delivery-harness';
import { INGEST_BODY_LIMIT } from './events.routes';

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
  const webhook = WebhookDetailSchema.parse(
    (
      await ctx.request('POST', '/api/v1/webhooks', {
        as: org.users.admin,
        body: { url: 'https://ingest.example.com/hook' },
      })
    ).body,
  );
  await ctx.request('PUT', `/api/v1/agents/${org.agents[0]?.id ?? ''}/webhook-subscriptions`, {
    as: org.users.admin,
    body: { webhookId: webhook.id, eventTypes: ['pre-conversation', 'post-conversation'] },
  });
});
afterAll(async () => {
  await ctx.close();
});

const agentId = () => org.agents[0]?.id ?? '';
const callId = () => `call_ingest_${++counter}`;

function ingest(
  body: unknown,
  options: { key?: string | null; rawBody?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== null) headers.authorization = `Bearer ${options.key ?? key}`;
  return ctx.request('POST', '/api/v1/events', {
    ...(options.rawBody !== undefined ? { rawBody: options.rawBody } : { body }),
    headers,
    origin: null,
  });
}

async function eventSnapshot() {
  const events = await ctx.db.execute(sql`select id from events order by id`);
  const deliveries = await ctx.db.execute(sql`select id from deliveries order by id`);
  return JSON.stringify([
    (events as { rows: unknown[] }).rows,
    (deliveries as { rows: unknown[] }).rows,
  ]);
}

describe('POST /api/v1/events', () => {
  it('stores the event and one delivery for the subscribed endpoint, then answers 202', async () => {
    const response = await ingest(exampleEvent(agentId(), callId(), 'pre-conversation'));
    expect(response.status).toBe(202);
    const body = IngestEventResponseSchema.parse(response.body);
    expect(body.duplicate).toBe(false);
    expect(body.deliveryIds).toHaveLength(1);
  });

  it('stores an event the agent does not subscribe to, with no delivery', async () => {
    const body = IngestEventResponseSchema.parse(
      (await ingest(exampleEvent(agentId(), callId(), 'analytics-completed'))).body,
    );
    expect(body.deliveryIds).toEqual([]);
  });

  it('is idempotent on (callId, eventType): a repeat creates nothing', async () => {
    const event = exampleEvent(agentId(), callId(), 'post-conversation');
    const first = IngestEventResponseSchema.parse((await ingest(event)).body);
    const before = await eventSnapshot();
    const again = await ingest(event);
    expect(again.status).toBe(202);
    expect(IngestEventResponseSchema.parse(again.body)).toEqual({
      eventId: first.eventId,
      duplicate: true,
      deliveryIds: [],
    });
    expect(await eventSnapshot()).toBe(before);
  });

  it('stores events that arrive together in one batch, each answered on its own', async () => {
    const call = callId();
    const twice = exampleEvent(agentId(), call, 'pre-conversation');
    const stranger = {
      ...exampleEvent(agentId(), callId(), 'pre-conversation'),
      agentId: other.agents[0]?.id ?? '',
    };
    const responses = await Promise.all([
      ingest(twice),
      ingest(twice),
      ingest(exampleEvent(agentId(), call, 'post-conversation')),
      ingest(stranger),
      ingest(exampleEvent(agentId(), callId(), 'pre-conversation')),
    ]);
    expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 400, 202]);
    const [first, second] = responses.map(
      (r) => r.body as { eventId: string; duplicate: boolean; deliveryIds: string[] },
    );
    // The same event twice in one batch: stored once, the other answer says so.
    expect(first?.eventId).toBe(second?.eventId);
    expect([first?.duplicate, second?.duplicate].sort()).toEqual([false, true]);
    expect([...(first?.deliveryIds ?? []), ...(second?.deliveryIds ?? [])]).toHaveLength(1);
  });

  it('updates the key’s last use', async () => {
    await ingest(exampleEvent(agentId(), callId(), 'pre-conversation'));
    const keys = (await ctx.request('GET', '/api/v1/api-keys', { as: org.users.viewer })).body as {
      items: { lastUsedAt: string | null }[];
    };
    expect(keys.items.some((k) => k.lastUsedAt !== null)).toBe(true);
  });

  const good = () => exampleEvent(agentId(), callId(), 'pre-conversation');
  it.each([
    ['an unknown eventType', () => ({ ...good(), eventType: 'mid-conversation' }), 'eventType'],
    ['a missing callId', () => ({ ...good(), callId: undefined }), 'callId'],
    ['a callId with spaces', () => ({ ...good(), callId: 'a b' }), 'callId'],
    [
      'a phone number that is not E.164',
      () => ({ ...good(), metadata: { ...good().metadata, toPhone: '415 555 0199' } }),
      'metadata.toPhone',
    ],
    [
      'metadata of another event type',
      () => ({ ...good(), metadata: exampleEvent(agentId(), 'x', 'post-conversation').metadata }),
      'metadata.toPhone',
    ],
    ['an extra top-level field', () => ({ ...good(), priority: 'high' }), 'priority'],
    [
      'an extra metadata field',
      () => ({ ...good(), metadata: { ...good().metadata, extra: 1 } }),
      'metadata.extra',
    ],
    ['a malformed agentId', () => ({ ...good(), agentId: 'agent-7' }), 'agentId'],
    ['an unknown agent', () => ({ ...good(), agentId: crypto.randomUUID() }), 'agentId'],
    [
      'another organisation’s agent',
      () => ({ ...good(), agentId: other.agents[0]?.id }),
      'agentId',
    ],
    [
      'a metric whose value does not match its type',
      () => {
        const event = exampleEvent(agentId(), callId(), 'analytics-completed');
        const metadata = structuredClone(event.metadata) as {
          analytics: { successMetrics: { value: unknown }[] };
        };
        const metric = metadata.analytics.successMetrics[0];
        if (metric) metric.value = 'four';
        return { ...event, metadata };
      },
      'metadata.analytics.successMetrics.0.value',
    ],
  ] as const)('refuses %s with field errors and stores nothing', async (_name, makeBody, field) => {
    const before = await eventSnapshot();
    const error = expectApiError(await ingest(makeBody()), 400, 'validation_failed');
    expect(error.fields?.[field]).toBeTruthy();
    expect(await eventSnapshot()).toBe(before);
  });

  it.each([
    ['no key', { key: null }, 401, 'unauthenticated'],
    ['a wrong key', { key: 'rpk_not-a-real-key' }, 401, 'unauthenticated'],
    ['a session cookie instead of a key', { key: null, headers: {} }, 401, 'unauthenticated'],
    ['malformed JSON', { rawBody: '{"agentId":' }, 400, 'invalid_json'],
    [
      'a form body',
      { rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'unsupported_media_type',
    ],
  ] as const)('refuses %s', async (_name, options, status, code) => {
    const before = await eventSnapshot();
    const response =
      _name === 'a session cookie instead of a key'
        ? await ctx.request('POST', '/api/v1/events', { as: org.users.admin, body: good() })
        : await ingest(good(), options);
    expectApiError(response, status, code);
    expect(await eventSnapshot()).toBe(before);
  });

  it('refuses a revoked key', async () => {
    const created = await ctx.createApiKey(org);
    expect((await ingest(good(), { key: created.key })).status).toBe(202);
    expect(
      (await ctx.request('DELETE', `/api/v1/api-keys/${created.id}`, { as: org.users.admin }))
        .status,
    ).toBe(204);
    const before = await eventSnapshot();
    expectApiError(await ingest(good(), { key: created.key }), 401, 'unauthenticated');
    expect(await eventSnapshot()).toBe(before);
  });

  it('a key only reaches its own organisation’s agents', async () => {
    const before = await eventSnapshot();
    expectApiError(await ingest(good(), { key: otherKey }), 400, 'validation_failed');
    expect(await eventSnapshot()).toBe(before);
  });

  it(`refuses a body over ${INGEST_BODY_LIMIT / 1024} KiB with 413`, async () => {
    const event = exampleEvent(agentId(), callId(), 'post-conversation');
    const big = {
      ...event,
      metadata: { ...event.metadata, variables: { padding: 'x'.repeat(INGEST_BODY_LIMIT) } },
    };
    const before = await eventSnapshot();
    expectApiError(await ingest(big), 413, 'payload_too_large');
    expect(await eventSnapshot()).toBe(before);
  });

  it('accepts a long transcript well over the management API’s 64 KiB limit', async () => {
    const event = exampleEvent(agentId(), callId(), 'post-conversation');
    if (event.eventType !== 'post-conversation') throw new Error('wrong example');
    const line = event.metadata.transcript[0];
    if (!line) throw new Error('example has no transcript');
    const transcript = Array.from({ length: 600 }, () => ({
      ...line,
      content: 'word '.repeat(60),
    }));
    expect((await ingest({ ...event, metadata: { ...event.metadata, transcript } })).status).toBe(
      202,
    );
  });
});
