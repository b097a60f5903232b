/**
 * The delivery engine against real receivers on loopback: signatures, retries, faults, order, health.
 * The retry schedule is milliseconds long (TEST_SCHEDULE), so nothing waits for real backoff.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { sql } from 'drizzle-orm';
import { DeliveryDetailSchema, type DeliveryDetail } from '@contract/deliveries';
import { MASKED_HEADER_VALUE, WebhookDetailSchema } from '@contract/webhooks';
import { WebhookPayloadSchema } from '@contract/call-events';
import {
  createDeliveryHarness,
  exampleEvent,
  type DeliveryHarness,
} from '../testing/delivery-harness';
import { eventually } from '../testing/receiver';
import { RESPONSE_BODY_LIMIT } from '../outbound/send-webhook';
import { rowsOf } from '../db/database';

let h: DeliveryHarness;
let callCounter = 0;
const newCallId = () => `call_worker_${++callCounter}_${Date.now()}`;

beforeAll(async () => {
  h = await createDeliveryHarness();
});
afterAll(async () => {
  await h.close();
});

async function detail(id: string): Promise<DeliveryDetail> {
  return DeliveryDetailSchema.parse(
    (await h.ctx.request('GET', `/api/v1/deliveries/${id}`, { as: h.org.users.viewer })).body,
  );
}

/** Waits until the delivery reaches a final state and returns it with its attempts. */
async function settled(id: string, timeoutMs = 10_000): Promise<DeliveryDetail> {
  return eventually(
    async () => {
      const d = await detail(id);
      return ['succeeded', 'failed', 'skipped'].includes(d.status) ? d : undefined;
    },
    timeoutMs,
    `delivery ${id} to settle`,
  );
}

async function publish(
  agentIndex: number,
  eventType: Parameters<typeof exampleEvent>[2],
  callId = newCallId(),
) {
  const agentId = h.org.agents[agentIndex]?.id ?? '';
  const response = await h.ingest(exampleEvent(agentId, callId, eventType));
  expect(response.status).toBe(202);
  return { callId, agentId, deliveryIds: (response.body as { deliveryIds: string[] }).deliveryIds };
}

describe('what an endpoint receives', () => {
  it('a POST whose body matches the wire format, signed both ways, verifiable with the standardwebhooks package', async () => {
    const endpoint = await h.createEndpoint('/signed', {
      description: 'Signed',
      headers: { 'X-Api-Token': 'tok-123' },
    });
    await h.subscribe(0, endpoint.id);
    const { deliveryIds, callId, agentId } = await publish(0, 'post-conversation');
    expect(deliveryIds).toHaveLength(1);
    const delivery = await settled(deliveryIds[0] ?? '');
    expect(delivery.status).toBe('succeeded');

    const [request] = h.receiver.at('/signed');
    if (!request) throw new Error('nothing received');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(/^Ringpost\/\d+\.\d+\.\d+$/);
    expect(request.headers['x-api-token']).toBe('tok-123');
    expect(request.headers['webhook-id']).toBe(delivery.id);

    const payload = WebhookPayloadSchema.parse(JSON.parse(request.body));
    expect(payload).toMatchObject({
      id: delivery.id,
      event: `${agentId}.post-conversation`,
      url: endpoint.url,
      description: 'Signed',
    });
    expect(payload.metadata).toMatchObject({
      agentId,
      callId,
      eventType: 'post-conversation',
      conversationType: 'telephonyOutbound',
    });

    // Standard Webhooks, verified by the reference implementation (it also checks the timestamp).
    const verified = new Webhook(endpoint.secret).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    });
    expect(verified).toMatchObject({ id: delivery.id });
    // The platform-compatible X-Signature: hex HMAC of the raw body keyed by the whole secret string.
    expect(request.headers['x-signature']).toBe(
      createHmac('sha256', endpoint.secret).update(request.body).digest('hex'),
    );
    // A wrong secret does not verify.
    const stranger = new Webhook(
      Buffer.from('another secret of 32 bytes......').toString('base64'),
    );
    expect(() =>
      stranger.verify(request.body, {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      }),
    ).toThrow();

    // What was sent is kept exactly.
    expect(delivery.body).toBe(request.body);
    expect(delivery.attempts[0]?.request.headers['webhook-signature']).toBe(
      request.headers['webhook-signature'],
    );
    expect(delivery.attempts[0]?.response?.status).toBe(200);
  });

  it('signs with both secrets during a rotation’s grace period', async () => {
    const endpoint = await h.createEndpoint('/rotating');
    await h.subscribe(1, endpoint.id);
    const rotated = WebhookDetailSchema.parse(
      (
        await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/rotate-secret`, {
          as: h.org.users.admin,
        })
      ).body,
    );
    const { deliveryIds } = await publish(1, 'pre-conversation');
    await settled(deliveryIds[0] ?? '');
    const [request] = h.receiver.at('/rotating');
    if (!request) throw new Error('nothing received');
    const signatures = String(request.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    const headers = {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    };
    // A receiver still on the old secret and one already on the new both verify.
    expect(() => new Webhook(endpoint.secret).verify(request.body, headers)).not.toThrow();
    expect(() => new Webhook(rotated.secret ?? '').verify(request.body, headers)).not.toThrow();
    // X-Signature carries the current secret only.
    expect(request.headers['x-signature']).toBe(
      createHmac('sha256', rotated.secret ?? '')
        .update(request.body)
        .digest('hex'),
    );
  });
  it('stores custom header values masked, while the request carries them', async () => {
    const credential = 'key-5f0c2a9e41d7b388';
    const endpoint = await h.createEndpoint('/credential', {
      headers: { 'X-Api-Key': credential },
    });
    await h.subscribe(1, endpoint.id);
    const { deliveryIds } = await publish(1, 'pre-conversation');
    const delivery = await settled(deliveryIds[0] ?? '');
    expect(delivery.status).toBe('succeeded');
    const [request] = h.receiver.at('/credential');
    expect(request?.headers['x-api-key']).toBe(credential);

    const stored = delivery.attempts[0]?.request.headers ?? {};
    expect(stored['X-Api-Key']).toBe(MASKED_HEADER_VALUE);
    // Ringpost's own headers stay readable: they are what a receiver's owner debugs with.
    for (const own of ['content-type', 'user-agent', 'webhook-id', 'webhook-timestamp']) {
      expect(stored[own]).toBe(request?.headers[own]);
    }
    expect(stored['webhook-signature']).toBe(request?.headers['webhook-signature']);
    expect(stored['x-signature']).toBe(request?.headers['x-signature']);

    const attempts = rowsOf<{ count: number | string }>(
      await h.ctx.db.execute(
        sql`select count(*) as count from delivery_attempts a where a.delivery_id = ${delivery.id}`,
      ),
    );
    expect(Number(attempts[0]?.count)).toBe(1);
    const leaking = rowsOf<{ count: number | string }>(
      await h.ctx.db.execute(
        sql`select count(*) as count from delivery_attempts a where a::text like ${`%${credential}%`}`,
      ),
    );
    expect(Number(leaking[0]?.count)).toBe(0);
  });
});

describe('receiver faults', () => {
  it('retries a 500, keeping the webhook-id, until a 200', async () => {
    const endpoint = await h.createEndpoint('/flaky');
    h.receiver.behave('/flaky', (_req, i) =>
      i === 0 ? { status: 500, body: 'boom' } : { status: 200 },
    );
    await h.subscribe(2, endpoint.id);
    const { deliveryIds } = await publish(2, 'pre-conversation');
    const delivery = await settled(deliveryIds[0] ?? '');
    expect(delivery.status).toBe('succeeded');
    expect(delivery.attempts.map((a) => a.response?.status)).toEqual([500, 200]);
    expect(delivery.attempts[0]?.error).toEqual({
      category: 'http_status',
      message: 'Answered 500',
    });
    expect(delivery.attempts[0]?.response?.body).toBe('boom');
    const ids = h.receiver.at('/flaky').map((r) => r.headers['webhook-id']);
    expect(ids).toEqual([delivery.id, delivery.id]);
  });

  it('counts a timeout and a reset connection as failures and retries them', async () => {
    const slow = await h.createEndpoint('/timeout');
    h.receiver.behave('/timeout', (_req, i) => (i === 0 ? { delayMs: 1_500 } : {}));
    const reset = await h.createEndpoint('/reset');
    h.receiver.behave('/reset', (_req, i) => (i === 0 ? { reset: true } : {}));
    await h.subscribe(3 % h.org.agents.length, slow.id);
    const first = await publish(3 % h.org.agents.length, 'pre-conversation');
    const timedOut = await settled(first.deliveryIds[0] ?? '');
    expect(timedOut.status).toBe('succeeded');
    expect(timedOut.attempts[0]?.error?.category).toBe('timeout');
    expect(timedOut.attempts[0]?.response).toBeNull();

    await h.subscribe(0, reset.id);
    const second = await publish(0, 'pre-conversation');
    const wasReset = await settled(second.deliveryIds[0] ?? '');
    expect(wasReset.status).toBe('succeeded');
    expect(wasReset.attempts[0]?.error?.category).toBe('connect');
  });

  it('waits at least as long as a 429’s Retry-After', async () => {
    const endpoint = await h.createEndpoint('/busy');
    h.receiver.behave('/busy', (_req, i) =>
      i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : {},
    );
    await h.subscribe(1, endpoint.id);
    const { deliveryIds } = await publish(1, 'pre-conversation');
    const delivery = await settled(deliveryIds[0] ?? '');
    expect(delivery.status).toBe('succeeded');
    const [first, second] = h.receiver.at('/busy');
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('does not follow a 301, and counts it as a failure', async () => {
    const endpoint = await h.createEndpoint('/moved');
    h.receiver.behave('/moved', () => ({
      status: 301,
      headers: { location: h.receiver.url('/elsewhere') },
    }));
    await h.subscribe(2, endpoint.id);
    const { deliveryIds } = await publish(2, 'analytics-completed');
    const delivery = await settled(deliveryIds[0] ?? '');
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toHaveLength(4);
    expect(delivery.attempts.every((a) => a.error?.category === 'redirect')).toBe(true);
    expect(h.receiver.at('/elsewhere')).toHaveLength(0);
  });

  it('keeps a huge response body truncated to 64 KiB', async () => {
    const endpoint = await h.createEndpoint('/huge');
    h.receiver.behave('/huge', () => ({ status: 200, body: 'x'.repeat(3 * 1024 * 1024) }));
    await h.subscribe(0, endpoint.id);
    const { deliveryIds } = await publish(0, 'pre-conversation');
    const delivery = await settled(deliveryIds[0] ?? '');
    expect(delivery.status).toBe('succeeded');
    expect(delivery.attempts[0]?.response?.body).toHaveLength(RESPONSE_BODY_LIMIT);
    expect(delivery.attempts[0]?.response?.bodyTruncated).toBe(true);
  });

  it('disables the endpoint on 410 Gone, with the reason, and skips later events', async () => {
    const endpoint = await h.createEndpoint('/gone');
    h.receiver.behave('/gone', () => ({ status: 410 }));
    await h.subscribe(1, endpoint.id);
    const first = await publish(1, 'pre-conversation');
    const delivery = await settled(first.deliveryIds[0] ?? '');
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toHaveLength(1);
    // The endpoint is disabled by the statement after the one that records the attempt: wait for it.
    const endpointNow = async () =>
      WebhookDetailSchema.parse(
        (await h.ctx.request('GET', `/api/v1/webhooks/${endpoint.id}`, { as: h.org.users.admin }))
          .body,
      );
    await expect
      .poll(async () => (await endpointNow()).status, { timeout: 5_000 })
      .toBe('disabled');
    const webhook = await endpointNow();
    expect(webhook.status).toBe('disabled');
    expect(webhook.disabledReason).toMatch(/410 Gone/);

    // Later events are kept as skipped, and can be replayed once the endpoint is enabled again.
    const later = await publish(1, 'pre-conversation');
    const skipped = await detail(later.deliveryIds[0] ?? '');
    expect(skipped.status).toBe('skipped');
    h.receiver.behave('/gone', () => ({ status: 200 }));
    await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/enable`, {
      as: h.org.users.admin,
    });
    const replay = await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/replay-skipped`, {
      as: h.org.users.support,
    });
    expect(replay.body).toEqual({ replayed: 1 });
    expect((await settled(skipped.id)).status).toBe('succeeded');
  });

  it('gives up after the last scheduled retry', async () => {
    const endpoint = await h.createEndpoint('/down');
    h.receiver.behave('/down', () => ({ status: 503 }));
    await h.subscribe(2, endpoint.id);
    const { deliveryIds } = await publish(2, 'pre-conversation');
    const delivery = await settled(deliveryIds[0] ?? '');
    expect(delivery.status).toBe('failed');
    expect(delivery.attemptCount).toBe(4);
    expect(delivery.lastError).toBe('http_status: Answered 503');
    expect(delivery.lastErrorCategory).toBe('http_status');
    const webhook = WebhookDetailSchema.parse(
      (await h.ctx.request('GET', `/api/v1/webhooks/${endpoint.id}`, { as: h.org.users.admin }))
        .body,
    );
    expect(webhook.failingSince).not.toBeNull();
    expect(webhook.status).toBe('enabled');
  });
  it('records a host name that does not resolve as a dns failure', async () => {
    const endpoint = await h.createEndpoint('/unused', {
      url: 'https://ringpost-test.invalid/hook',
    });
    await h.subscribe(0, endpoint.id);
    const { deliveryIds } = await publish(0, 'pre-conversation');
    const delivery = await settled(deliveryIds[0] ?? '');
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toHaveLength(4);
    for (const attempt of delivery.attempts) {
      expect(attempt.response).toBeNull();
      expect(attempt.error?.category).toBe('dns');
    }
    expect(delivery.lastErrorCategory).toBe('dns');
  });

  it('records TLS to a port that speaks plain HTTP as a tls failure', async () => {
    const endpoint = await h.createEndpoint('/unused', {
      url: h.receiver.url('/plain').replace(/^http:/, 'https:'),
    });
    await h.subscribe(1, endpoint.id);
    const { deliveryIds } = await publish(1, 'pre-conversation');
    const delivery = await settled(deliveryIds[0] ?? '');
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toHaveLength(4);
    for (const attempt of delivery.attempts) {
      expect(attempt.response).toBeNull();
      expect(attempt.error?.category).toBe('tls');
    }
    expect(delivery.lastErrorCategory).toBe('tls');
  });
});

describe('order and isolation', () => {
  it('delivers a call’s three events in order even when Start fails twice, without holding another call', async () => {
    const endpoint = await h.createEndpoint('/ordered');
    const callA = newCallId();
    const callB = newCallId();
    let startFailures = 0;
    let bAnalyticsReceived = false;
    h.receiver.behave('/ordered', (req) => {
      const body = JSON.parse(req.body) as { metadata: { callId: string; eventType: string } };
      if (body.metadata.callId === callB && body.metadata.eventType === 'analytics-completed')
        bAnalyticsReceived = true;
      // Twice, and a third time if call B is not through yet (a loaded machine ingests slowly): the
      // schedule has room for it, and B must not wait for A either way.
      if (
        body.metadata.callId === callA &&
        body.metadata.eventType === 'pre-conversation' &&
        (startFailures < 2 || (startFailures < 3 && !bAnalyticsReceived))
      ) {
        startFailures++;
        return { status: 500 };
      }
      return { status: 200 };
    });
    await h.subscribe(0, endpoint.id);
    for (const type of ['pre-conversation', 'post-conversation', 'analytics-completed'] as const)
      await publish(0, type, callA);
    for (const type of ['pre-conversation', 'post-conversation', 'analytics-completed'] as const)
      await publish(0, type, callB);

    await eventually(
      () =>
        h.receiver.at('/ordered').filter((r) => r.headers['webhook-id'] !== undefined).length >=
        6 + startFailures,
      10_000,
      'all deliveries',
    );
    const seen = h.receiver.at('/ordered').map((r) => {
      const body = JSON.parse(r.body) as { metadata: { callId: string; eventType: string } };
      return { call: body.metadata.callId, type: body.metadata.eventType, at: r.receivedAt };
    });
    const successesA = seen.filter((s) => s.call === callA);
    expect(startFailures).toBeGreaterThanOrEqual(2);
    expect(successesA.map((s) => s.type)).toEqual([
      ...Array<string>(startFailures + 1).fill('pre-conversation'),
      'post-conversation',
      'analytics-completed',
    ]);
    // Call B was not held behind call A's failing Start.
    const bDone = Math.max(...seen.filter((s) => s.call === callB).map((s) => s.at));
    const aEndAt = seen.find((s) => s.call === callA && s.type === 'post-conversation')?.at ?? 0;
    expect(bDone).toBeLessThan(aEndAt);
    expect(seen.filter((s) => s.call === callB).map((s) => s.type)).toEqual([
      'pre-conversation',
      'post-conversation',
      'analytics-completed',
    ]);
  });

  it('one slow endpoint does not delay another endpoint’s deliveries', async () => {
    const slow = await h.createEndpoint('/slow');
    const fast = await h.createEndpoint('/fast');
    h.receiver.behave('/slow', () => ({ delayMs: 800 }));
    await h.subscribe(1, slow.id);
    await h.subscribe(2, fast.id);
    const started = Date.now();
    for (let i = 0; i < 12; i++) await publish(1, 'pre-conversation');
    for (let i = 0; i < 5; i++) await publish(2, 'pre-conversation');
    await eventually(() => h.receiver.at('/fast').length >= 5, 5_000, 'fast deliveries');
    // The fast endpoint's five went out long before the slow endpoint's twelve could have (12 × 800 ms / 8 in flight).
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(h.receiver.at('/slow').length).toBeLessThan(12);
    await eventually(() => h.receiver.at('/slow').length >= 12, 10_000, 'slow deliveries');
  });
});

describe('the URL guard at connect time', () => {
  it('refuses to connect to a loopback name or address when the allow-list does not cover it', async () => {
    // Saved while the operator allowed loopback; attempted by a worker whose guard no longer does —
    // the same situation as a public name that now resolves to a private address (DNS rebinding).
    const { UrlGuard } = await import('../security/url-guard');
    const { WebhookSender } = await import('../outbound/send-webhook');
    const { attemptDelivery } = await import('./attempt');
    const strict = new WebhookSender(new UrlGuard([]));
    try {
      const target = {
        delivery: { id: 'msg_01JX00000000000000000000AA', body: '{}', attemptCount: 0 },
        webhook: {
          url: h.receiver.url('/guarded').replace('127.0.0.1', 'localhost'),
          headers: {},
          secret: 'whsec_AAAA',
          previousSecret: null,
          previousSecretExpiresAt: null,
        },
      } as unknown as Parameters<typeof attemptDelivery>[1];
      const byName = await attemptDelivery(strict, target, {
        schedule: [0],
        timeoutMs: 1_000,
        now: () => new Date(),
      });
      expect(byName.record.errorCategory).toBe('blocked');
      const literal = {
        ...target,
        webhook: { ...target.webhook, url: h.receiver.url('/guarded') },
      };
      const byAddress = await attemptDelivery(strict, literal, {
        schedule: [0],
        timeoutMs: 1_000,
        now: () => new Date(),
      });
      expect(byAddress.record.errorCategory).toBe('blocked');
      const metadata = {
        ...target,
        webhook: { ...target.webhook, url: 'http://169.254.169.254/latest/meta-data' },
      };
      expect(
        (
          await attemptDelivery(strict, metadata, {
            schedule: [0],
            timeoutMs: 1_000,
            now: () => new Date(),
          })
        ).record.errorCategory,
      ).toBe('blocked');
      expect(h.receiver.at('/guarded')).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });
});

describe('shutdown', () => {
  it('gives back the lease of an attempt still running when the grace period ends', async () => {
    const { DeliveryWorker } = await import('./worker');
    const { Metrics } = await import('../observability/metrics');
    const { createLogger } = await import('../logger');
    const endpoint = await h.createEndpoint('/stuck');
    h.receiver.behave('/stuck', () => ({ delayMs: 3_000 }));
    await h.subscribe(0, endpoint.id);
    // The harness's own worker is stopped, so that this one takes the delivery.
    await h.worker.stop(0);
    const worker = new DeliveryWorker({
      db: h.ctx.db,
      sender: h.ctx.deps.sender,
      secretBox: h.ctx.deps.secretBox,
      logger: createLogger('silent'),
      metrics: new Metrics(),
      retrySchedule: [0],
      timeoutMs: 5_000,
      pollMs: 20,
    });
    worker.start();
    const { deliveryIds } = await publish(0, 'pre-conversation');
    worker.wake();
    await eventually(() => h.receiver.at('/stuck').length === 1, 5_000, 'the attempt to start');
    await worker.stop(100);
    const released = await detail(deliveryIds[0] ?? '');
    expect(released.status).toBe('pending');
    expect(released.attempts).toHaveLength(0);
    h.worker.start();
    h.receiver.behave('/stuck', () => ({}));
    expect((await settled(released.id)).status).toBe('succeeded');
  });
});
