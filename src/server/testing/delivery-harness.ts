/**
 * Delivery tests' world: the real app and a real worker over a real database, a receiver on loopback
 * (allow-listed, as local development does), a short retry schedule so that retries take milliseconds,
 * and helpers to create endpoints, subscriptions and API keys through the API itself.
 */
import type { EventType } from '@contract/event-types';
import type { IngestEventRequest } from '@contract/call-events';
import { CreatedApiKeySchema } from '@contract/api-keys';
import { WebhookDetailSchema } from '@contract/webhooks';
import type { DeliveryWorker } from '../delivery/worker';
import type { Metrics } from '../observability/metrics';
import { createTestContext, type TestContext, type TestOrganisation } from './test-app';
import { startReceiver, type Receiver } from './receiver';

export const TEST_SCHEDULE = '0ms,40ms,80ms,120ms';

export interface DeliveryHarness {
  ctx: TestContext;
  org: TestOrganisation;
  receiver: Receiver;
  worker: DeliveryWorker;
  metrics: Metrics;
  apiKey: string;
  createEndpoint(
    path: string,
    extra?: Record<string, unknown>,
  ): Promise<{ id: string; secret: string; url: string }>;
  subscribe(agentIndex: number, webhookId: string, eventTypes?: EventType[]): Promise<string>;
  ingest(event: IngestEventRequest, key?: string): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function createDeliveryHarness(
  options: {
    env?: Record<string, string>;
    perEndpoint?: number;
    perOrganisation?: number;
    concurrency?: number;
  } = {},
): Promise<DeliveryHarness> {
  const ctx = await createTestContext({
    env: {
      RINGPOST_ALLOWED_TARGETS: '127.0.0.0/8',
      RINGPOST_RETRY_SCHEDULE: TEST_SCHEDULE,
      RINGPOST_DELIVERY_TIMEOUT: '1s',
      ...options.env,
    },
  });
  const org = await ctx.createOrganisation();
  const receiver = await startReceiver();
  const worker = await ctx.runtime.startWorker({
    pollMs: 25,
    ...(options.perEndpoint ? { perEndpoint: options.perEndpoint } : {}),
    ...(options.perOrganisation ? { perOrganisation: options.perOrganisation } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  const { metrics } = ctx.deps;

  const created = await ctx.request('POST', '/api/v1/api-keys', {
    as: org.users.admin,
    body: { name: 'platform' },
  });
  const apiKey = CreatedApiKeySchema.parse(created.body).key;

  return {
    ctx,
    org,
    receiver,
    worker,
    metrics,
    apiKey,
    async createEndpoint(path, extra = {}) {
      const response = await ctx.request('POST', '/api/v1/webhooks', {
        as: org.users.admin,
        body: { url: receiver.url(path), ...extra },
      });
      const webhook = WebhookDetailSchema.parse(response.body);
      return { id: webhook.id, secret: webhook.secret ?? '', url: webhook.url };
    },
    async subscribe(
      agentIndex,
      webhookId,
      eventTypes = ['pre-conversation', 'post-conversation', 'analytics-completed'],
    ) {
      const agent = org.agents[agentIndex];
      if (!agent) throw new Error('no such agent');
      const response = await ctx.request(
        'PUT',
        `/api/v1/agents/${agent.id}/webhook-subscriptions`,
        {
          as: org.users.admin,
          body: { webhookId, eventTypes },
        },
      );
      if (response.status !== 200)
        throw new Error(`subscribe failed: ${JSON.stringify(response.body)}`);
      return agent.id;
    },
    async ingest(event, key = apiKey) {
      const response = await ctx.request('POST', '/api/v1/events', {
        body: event,
        headers: { authorization: `Bearer ${key}` },
        origin: null,
      });
      return { status: response.status, body: response.body };
    },
    async close() {
      // A short grace: nothing a test leaves in flight needs production's ten seconds.
      await worker.stop(2_000);
      await receiver.close();
      await ctx.close();
    },
  };
}

// Kept importable from here, where the delivery tests find their world.
export { exampleEvent } from './example-event';
