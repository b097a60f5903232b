/** The deliveries API (the inspector's data) over real deliveries to a real receiver. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { and, eq, ne } from 'drizzle-orm';
import {
  CallViewSchema,
  DeliveryAttemptSchema,
  DeliveryDetailSchema,
  DeliveryPageSchema,
  DeliverySummarySchema,
  SignatureTestResultSchema,
  TestCallResponseSchema,
} from '@contract/deliveries';
import {
  createDeliveryHarness,
  exampleEvent,
  type DeliveryHarness,
} from '../../../testing/delivery-harness';
import { eventually, startReceiver } from '../../../testing/receiver';
import { expectApiError } from '../../../testing/expect-api';
import { deliveries } from '../../../db/schema';
import { MASKED_HEADER_VALUE, WebhookDetailSchema } from '@contract/webhooks';
import { createReceiver } from '../../../../../docs/examples/verify-webhook.mjs';

let h: DeliveryHarness;

beforeAll(async () => {
  h = await createDeliveryHarness();
});
afterAll(async () => {
  await h.close();
});

async function page(query: string, as = h.org.users.viewer) {
  const response = await h.ctx.request('GET', `/api/v1/deliveries?${query}`, { as });
  expect(response.status).toBe(200);
  return DeliveryPageSchema.parse(response.body);
}

async function waitSettled(query: string, count: number) {
  return eventually(
    async () => {
      const items = (await page(`${query}&limit=100`)).items;
      return items.length >= count &&
        items.every((d) => ['succeeded', 'failed', 'skipped'].includes(d.status))
        ? items
        : undefined;
    },
    10_000,
    `${count} settled deliveries for ${query}`,
  );
}

describe('GET /api/v1/deliveries', () => {
  it('filters by endpoint, agent, call, event type and status, and pages by keyset without gaps or repeats', async () => {
    const endpoint = await h.createEndpoint('/listing');
    const agentId = await h.subscribe(0, endpoint.id);
    const calls = Array.from({ length: 7 }, (_, i) => `call_listing_${i}`);
    for (const call of calls) {
      for (const type of [
        'pre-conversation',
        'post-conversation',
        'analytics-completed',
      ] as const) {
        await h.ingest(exampleEvent(agentId, call, type));
      }
    }
    await waitSettled(`webhookId=${endpoint.id}`, 21);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const result: Awaited<ReturnType<typeof page>> = await page(
        `webhookId=${endpoint.id}&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(result.items.length).toBeLessThanOrEqual(4);
      seen.push(...result.items.map((d) => d.id));
      cursor = result.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(21);
    expect(new Set(seen).size).toBe(21);
    expect([...seen].sort().reverse()).toEqual(seen);

    const byCall = await page(`callId=${calls[3] ?? ''}&agentId=${agentId}`);
    expect(byCall.items.map((d) => d.eventType).sort()).toEqual([
      'analytics-completed',
      'post-conversation',
      'pre-conversation',
    ]);
    const byType = await page(
      `webhookId=${endpoint.id}&eventType=analytics-completed&status=succeeded&limit=100`,
    );
    expect(byType.items).toHaveLength(7);
    expect(byType.items[0]).toMatchObject({
      webhookUrl: endpoint.url,
      agentId,
      responseStatus: 200,
      attemptCount: 1,
      isTest: false,
    });
    expect(byType.items[0]?.event).toBe(`${agentId}.analytics-completed`);
    expect((await page(`webhookId=${endpoint.id}&status=failed`)).items).toEqual([]);
  });

  it.each([
    ['an unknown status', 'status=lost'],
    ['an unknown event type', 'eventType=mid'],
    ['a malformed webhookId', 'webhookId=12'],
    ['a limit over 100', 'limit=101'],
    ['a limit of 0', 'limit=0'],
    ['a forged cursor', 'cursor=bm90LWEtY3Vyc29y'],
    ['an unknown parameter', 'sort=asc'],
  ])('refuses %s', async (_name, query) => {
    expectApiError(
      await h.ctx.request('GET', `/api/v1/deliveries?${query}`, { as: h.org.users.viewer }),
      400,
      'validation_failed',
    );
  });

  it('shows nothing of another organisation', async () => {
    const stranger = await h.ctx.createOrganisation([]);
    expect((await page('limit=100', stranger.users.admin)).items).toEqual([]);
    const mine = (await page('limit=1')).items[0];
    expectApiError(
      await h.ctx.request('GET', `/api/v1/deliveries/${mine?.id ?? ''}`, {
        as: stranger.users.admin,
      }),
      404,
      'not_found',
    );
    expectApiError(
      await h.ctx.request('POST', `/api/v1/deliveries/${mine?.id ?? ''}/redeliver`, {
        as: stranger.users.admin,
      }),
      404,
      'not_found',
    );
  });

  it('requires a session', async () => {
    expectApiError(await h.ctx.request('GET', '/api/v1/deliveries'), 401, 'unauthenticated');
    expectApiError(
      await h.ctx.request('GET', '/api/v1/deliveries/msg_01JX00000000000000000000AA'),
      401,
      'unauthenticated',
    );
    expectApiError(
      await h.ctx.request('GET', '/api/v1/deliveries/not-an-id', { as: h.org.users.viewer }),
      400,
      'validation_failed',
    );
  });
});

describe('POST /api/v1/deliveries/{id}/redeliver', () => {
  it('makes a new attempt of the same delivery (same webhook-id), for admin and support but not viewers', async () => {
    const endpoint = await h.createEndpoint('/again');
    const agentId = await h.subscribe(1, endpoint.id);
    await h.ingest(exampleEvent(agentId, 'call_again', 'pre-conversation'));
    const [delivery] = await waitSettled(`webhookId=${endpoint.id}`, 1);
    if (!delivery) throw new Error('no delivery');

    expectApiError(
      await h.ctx.request('POST', `/api/v1/deliveries/${delivery.id}/redeliver`, {
        as: h.org.users.viewer,
      }),
      403,
      'forbidden',
    );
    const response = await h.ctx.request('POST', `/api/v1/deliveries/${delivery.id}/redeliver`, {
      as: h.org.users.support,
    });
    expect(response.status).toBe(202);
    expect(DeliverySummarySchema.parse(response.body).id).toBe(delivery.id);
    await eventually(() => h.receiver.at('/again').length === 2, 5_000, 'the redelivery');
    const ids = h.receiver.at('/again').map((r) => r.headers['webhook-id']);
    expect(ids).toEqual([delivery.id, delivery.id]);
    const detail = DeliveryDetailSchema.parse(
      (await h.ctx.request('GET', `/api/v1/deliveries/${delivery.id}`, { as: h.org.users.viewer }))
        .body,
    );
    await eventually(
      async () => {
        const d = DeliveryDetailSchema.parse(
          (
            await h.ctx.request('GET', `/api/v1/deliveries/${delivery.id}`, {
              as: h.org.users.viewer,
            })
          ).body,
        );
        return d.attempts.length === 2 && d.status === 'succeeded';
      },
      5_000,
      'two attempts recorded',
    );
    expect(detail.id).toBe(delivery.id);
    // The worker records the attempt a person asked for as theirs, and the request is spent.
    const after = await detailOf(delivery.id);
    expect(after.attempts.map((a) => [a.kind, a.requestedBy])).toEqual([
      ['scheduled', null],
      ['redelivery', expect.stringMatching(/^Support org/) as unknown],
    ]);
    const [row] = await h.ctx.db
      .select({ manualAttemptBy: deliveries.manualAttemptBy })
      .from(deliveries)
      .where(eq(deliveries.id, delivery.id));
    expect(row?.manualAttemptBy).toBeNull();
  });
});

async function detailOf(id: string) {
  const response = await h.ctx.request('GET', `/api/v1/deliveries/${id}`, {
    as: h.org.users.viewer,
  });
  return DeliveryDetailSchema.parse(response.body);
}

describe('POST /api/v1/deliveries/{id}/redeliver-to-url', () => {
  it('sends the same body, signed now as the worker signs, once; records it as an attempt and changes nothing else', async () => {
    const endpoint = await h.createEndpoint('/rtu-endpoint', {
      headers: { 'X-Api-Token': 'tok-rtu-secret' },
    });
    const agentId = await h.subscribe(0, endpoint.id);
    await h.ingest(exampleEvent(agentId, 'call_rtu', 'post-conversation'));
    const [settled] = await waitSettled(`webhookId=${endpoint.id}`, 1);
    if (!settled) throw new Error('no delivery');
    const [original] = h.receiver.at('/rtu-endpoint');
    if (!original) throw new Error('nothing received');

    // Search by the webhook-id header the receiver logged: it is the delivery id.
    const found = await page(`q=${String(original.headers['webhook-id'])}`);
    expect(found.items.map((d) => d.id)).toEqual([settled.id]);

    const before = await detailOf(settled.id);
    const endpointBefore = WebhookDetailSchema.parse(
      (await h.ctx.request('GET', `/api/v1/webhooks/${endpoint.id}`, { as: h.org.users.admin }))
        .body,
    );
    // A disabled endpoint is no reason to refuse: this is a one-off elsewhere.
    await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/disable`, {
      as: h.org.users.admin,
    });

    h.receiver.behave('/staging', () => ({ status: 202, body: 'staged' }));
    const response = await h.ctx.request(
      'POST',
      `/api/v1/deliveries/${settled.id}/redeliver-to-url`,
      { as: h.org.users.support, body: { url: h.receiver.url('/staging') } },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const attempt = DeliveryAttemptSchema.parse(response.body);

    const [sent] = h.receiver.at('/staging');
    if (!sent) throw new Error('nothing received at the other URL');
    expect(h.receiver.at('/staging')).toHaveLength(1);
    expect(sent.body).toBe(original.body);
    expect(sent.headers['webhook-id']).toBe(settled.id);
    // The same origin as the endpoint: its custom headers go too.
    expect(sent.headers['x-api-token']).toBe('tok-rtu-secret');
    const verified = new Webhook(endpoint.secret).verify(sent.body, {
      'webhook-id': String(sent.headers['webhook-id']),
      'webhook-timestamp': String(sent.headers['webhook-timestamp']),
      'webhook-signature': String(sent.headers['webhook-signature']),
    });
    expect(verified).toMatchObject({ id: settled.id });

    expect(attempt).toMatchObject({
      number: before.attempts.length + 1,
      kind: 'redelivery_to_url',
      requestedBy: expect.stringMatching(/^Support org/) as unknown,
      request: { url: h.receiver.url('/staging') },
      response: { status: 202, body: 'staged', bodyEncoding: 'utf8', bodyTruncated: false },
      error: null,
    });
    // Stored like every attempt: custom header values masked.
    expect(attempt.request.headers['X-Api-Token']).toBe(MASKED_HEADER_VALUE);
    expect(attempt.request.headers['webhook-signature']).toBe(sent.headers['webhook-signature']);

    const after = await detailOf(settled.id);
    expect(after.attempts.at(-1)).toEqual(attempt);
    const { attempts: _before, ...unchangedBefore } = before;
    const { attempts: _after, ...unchangedAfter } = after;
    expect(unchangedAfter).toEqual(unchangedBefore);
    expect(h.receiver.at('/rtu-endpoint')).toHaveLength(1);
    const endpointAfter = WebhookDetailSchema.parse(
      (await h.ctx.request('GET', `/api/v1/webhooks/${endpoint.id}`, { as: h.org.users.admin }))
        .body,
    );
    expect(endpointAfter).toMatchObject({
      url: endpointBefore.url,
      secret: endpointBefore.secret,
      headers: endpointBefore.headers,
      status: 'disabled',
    });
    await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/enable`, {
      as: h.org.users.admin,
    });

    // Another origin (a second server): signed the same way, but without the endpoint's credentials.
    const elsewhere = await startReceiver();
    try {
      const failing = await h.ctx.request(
        'POST',
        `/api/v1/deliveries/${settled.id}/redeliver-to-url`,
        { as: h.org.users.admin, body: { url: elsewhere.url('/tunnel') } },
      );
      expect(failing.status).toBe(200);
      const [tunnelled] = elsewhere.at('/tunnel');
      if (!tunnelled) throw new Error('nothing received at the second server');
      expect(tunnelled.headers['x-api-token']).toBeUndefined();
      expect(
        new Webhook(endpoint.secret).verify(tunnelled.body, {
          'webhook-id': String(tunnelled.headers['webhook-id']),
          'webhook-timestamp': String(tunnelled.headers['webhook-timestamp']),
          'webhook-signature': String(tunnelled.headers['webhook-signature']),
        }),
      ).toMatchObject({ id: settled.id });
      expect(DeliveryAttemptSchema.parse(failing.body)).toMatchObject({
        number: before.attempts.length + 2,
        kind: 'redelivery_to_url',
        requestedBy: expect.stringMatching(/^Admin org/) as unknown,
      });
    } finally {
      await elsewhere.close();
    }

    // A receiver that fails: recorded with its category; the delivery still as it was.
    h.receiver.behave('/staging-down', () => ({ status: 503, body: 'down' }));
    const down = DeliveryAttemptSchema.parse(
      (
        await h.ctx.request('POST', `/api/v1/deliveries/${settled.id}/redeliver-to-url`, {
          as: h.org.users.support,
          body: { url: h.receiver.url('/staging-down') },
        })
      ).body,
    );
    expect(down).toMatchObject({
      number: before.attempts.length + 3,
      response: { status: 503 },
      error: { category: 'http_status' },
    });
    const last = await detailOf(settled.id);
    expect(last).toMatchObject({
      status: 'succeeded',
      attemptCount: before.attemptCount,
      lastError: null,
      lastErrorCategory: null,
      completedAt: before.completedAt,
    });
    expect(last.attempts.map((a) => [a.number, a.kind])).toEqual([
      ...before.attempts.map((a) => [a.number, a.kind]),
      [before.attempts.length + 1, 'redelivery_to_url'],
      [before.attempts.length + 2, 'redelivery_to_url'],
      [before.attempts.length + 3, 'redelivery_to_url'],
    ]);
  });
});

describe('waitingFor, with a Start that keeps failing', () => {
  it('shows End waiting for Start and Analytics for End, in the list, the detail and the call view', async () => {
    const endpoint = await h.createEndpoint('/stuck-start');
    const agentId = await h.subscribe(2, endpoint.id);
    // Start fails and asks to be retried in an hour; End and Analytics must wait behind it.
    h.receiver.behave('/stuck-start', (request) =>
      request.body.includes('"pre-conversation"')
        ? { status: 503, headers: { 'retry-after': '3600' }, body: 'busy' }
        : { status: 200 },
    );
    for (const type of ['pre-conversation', 'post-conversation', 'analytics-completed'] as const) {
      await h.ingest(exampleEvent(agentId, 'call_stuck', type));
    }
    const items = await eventually(
      async () => {
        const found = (await page(`webhookId=${endpoint.id}`)).items;
        const start = found.find((d) => d.eventType === 'pre-conversation');
        return found.length === 3 && start?.status === 'pending' && start.attemptCount >= 1
          ? found
          : undefined;
      },
      5_000,
      'a failed Start',
    );
    const byType = new Map(items.map((d) => [d.eventType, d]));
    const start = byType.get('pre-conversation');
    const end = byType.get('post-conversation');
    const analytics = byType.get('analytics-completed');
    expect(start).toMatchObject({ status: 'pending', waitingFor: null, responseStatus: 503 });
    expect(end).toMatchObject({
      status: 'pending',
      attemptCount: 0,
      waitingFor: { id: start?.id, eventType: 'pre-conversation', status: 'pending' },
    });
    expect(analytics?.waitingFor).toEqual({
      id: end?.id,
      eventType: 'post-conversation',
      status: 'pending',
    });
    expect((await detailOf(end?.id ?? '')).waitingFor?.id).toBe(start?.id);
    const view = CallViewSchema.parse(
      (await h.ctx.request('GET', '/api/v1/calls/call_stuck', { as: h.org.users.viewer })).body,
    );
    expect(view.deliveries.map((d) => [d.eventType, d.waitingFor?.eventType ?? null])).toEqual([
      ['pre-conversation', null],
      ['post-conversation', 'pre-conversation'],
      ['analytics-completed', 'post-conversation'],
    ]);
    expect(h.receiver.at('/stuck-start').map((r) => r.body.includes('"pre-conversation"'))).toEqual(
      [true],
    );
  });

  it('a Redeliver of the Start brings the call’s later events with it, not an hour later', async () => {
    const endpoint = await h.createEndpoint('/fixed-start');
    const agentId = await h.subscribe(2, endpoint.id);
    let fixed = false;
    h.receiver.behave('/fixed-start', () =>
      fixed ? { status: 200 } : { status: 503, headers: { 'retry-after': '3600' }, body: 'busy' },
    );
    for (const type of ['pre-conversation', 'post-conversation', 'analytics-completed'] as const) {
      await h.ingest(exampleEvent(agentId, 'call_fixed', type));
    }
    const start = await eventually(
      async () => {
        const found = (await page(`webhookId=${endpoint.id}`)).items;
        const first = found.find((d) => d.eventType === 'pre-conversation');
        // End has been looked at by a claim (and so postponed behind Start) once it shows waiting.
        return found.length === 3 && first?.attemptCount === 1 ? first : undefined;
      },
      5_000,
      'a Start refused for an hour',
    );
    // A claim has passed over End and Analytics and moved them behind Start's hour.
    await eventually(
      async () => {
        const waiting = await h.ctx.db
          .select({ nextAttemptAt: deliveries.nextAttemptAt })
          .from(deliveries)
          .where(and(eq(deliveries.callId, 'call_fixed'), ne(deliveries.id, start.id)));
        return (
          waiting.length === 2 &&
          waiting.every((d) => (d.nextAttemptAt?.getTime() ?? 0) > Date.now() + 1_800_000)
        );
      },
      5_000,
      'End and Analytics postponed behind Start',
    );
    fixed = true;
    const response = await h.ctx.request('POST', `/api/v1/deliveries/${start.id}/redeliver`, {
      as: h.org.users.support,
    });
    expect(response.status).toBe(202);
    await waitSettled(`webhookId=${endpoint.id}`, 3);
    expect(
      h.receiver
        .at('/fixed-start')
        .map((r) => (JSON.parse(r.body) as { metadata: { eventType: string } }).metadata.eventType),
    ).toEqual(['pre-conversation', 'pre-conversation', 'post-conversation', 'analytics-completed']);
  });
});

describe('test tools', () => {
  it('sends a signed test event of each type through the engine', async () => {
    const endpoint = await h.createEndpoint('/test-events');
    for (const eventType of [
      'pre-conversation',
      'post-conversation',
      'analytics-completed',
    ] as const) {
      const response = await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/test`, {
        as: h.org.users.support,
        body: { eventType },
      });
      expect(response.status).toBe(202);
      expect(DeliverySummarySchema.parse(response.body)).toMatchObject({
        isTest: true,
        eventType,
        agentId: null,
      });
    }
    await eventually(() => h.receiver.at('/test-events').length === 3, 5_000, 'three test events');
    const types = h.receiver
      .at('/test-events')
      .map((r) => (JSON.parse(r.body) as { metadata: { eventType: string } }).metadata.eventType);
    expect(types.sort()).toEqual(['analytics-completed', 'post-conversation', 'pre-conversation']);
    expectApiError(
      await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/test`, {
        as: h.org.users.viewer,
        body: { eventType: 'pre-conversation' },
      }),
      403,
      'forbidden',
    );
    expectApiError(
      await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/test`, {
        as: h.org.users.admin,
        body: { eventType: 'nope' },
      }),
      400,
      'validation_failed',
    );
  });

  it('the signature self-test passes a receiver that verifies, and fails one that accepts everything', async () => {
    // The README's own Node example, listening on loopback, as the customer's server.
    const endpoint = await h.createEndpoint('/unused');
    const verifying = createReceiver(endpoint.secret, () => undefined);
    await new Promise<void>((resolve) => verifying.listen(0, '127.0.0.1', resolve));
    const port = (verifying.address() as { port: number }).port;
    try {
      await h.ctx.request('PATCH', `/api/v1/webhooks/${endpoint.id}`, {
        as: h.org.users.admin,
        body: { url: `http://127.0.0.1:${port}/webhook` },
      });
      const good = SignatureTestResultSchema.parse(
        (
          await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/signature-test`, {
            as: h.org.users.support,
          })
        ).body,
      );
      expect(good.passed).toBe(true);
      expect(good.cases.map((c) => [c.case, c.responseStatus, c.accepted])).toEqual([
        ['valid', 200, true],
        ['wrong-signature', 401, false],
        ['stale-timestamp', 401, false],
      ]);
    } finally {
      verifying.close();
    }

    const careless = await h.createEndpoint('/accepts-anything');
    const bad = SignatureTestResultSchema.parse(
      (
        await h.ctx.request('POST', `/api/v1/webhooks/${careless.id}/signature-test`, {
          as: h.org.users.admin,
        })
      ).body,
    );
    expect(bad.passed).toBe(false);
    expect(bad.cases.filter((c) => c.accepted !== c.shouldAccept).map((c) => c.case)).toEqual([
      'wrong-signature',
      'stale-timestamp',
    ]);
    expectApiError(
      await h.ctx.request('POST', `/api/v1/webhooks/${careless.id}/signature-test`, {
        as: h.org.users.viewer,
      }),
      403,
      'forbidden',
    );
  });

  it('a test call publishes Start now and End and Analytics seconds later, in order, through ingestion', async () => {
    const endpoint = await h.createEndpoint('/test-call');
    const agentId = await h.subscribe(2, endpoint.id);
    const response = await h.ctx.request('POST', `/api/v1/agents/${agentId}/test-call`, {
      as: h.org.users.support,
    });
    expect(response.status).toBe(202);
    const call = TestCallResponseSchema.parse(response.body);
    expect(call.events.map((e) => e.eventType)).toEqual([
      'pre-conversation',
      'post-conversation',
      'analytics-completed',
    ]);
    const at = call.events.map((e) => Date.parse(e.publishAt));
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(2_000);

    await eventually(() => h.receiver.at('/test-call').length >= 1, 3_000, 'Start');
    expect(h.receiver.at('/test-call')).toHaveLength(1);
    await eventually(() => h.receiver.at('/test-call').length === 3, 10_000, 'End and Analytics');
    const received = h.receiver
      .at('/test-call')
      .map((r) => JSON.parse(r.body) as { metadata: { eventType: string; callId: string } });
    expect(received.map((r) => r.metadata.eventType)).toEqual([
      'pre-conversation',
      'post-conversation',
      'analytics-completed',
    ]);
    expect(new Set(received.map((r) => r.metadata.callId))).toEqual(new Set([call.callId]));
    expectApiError(
      await h.ctx.request('POST', `/api/v1/agents/${agentId}/test-call`, {
        as: h.org.users.viewer,
      }),
      403,
      'forbidden',
    );
  }, 20_000);
});
