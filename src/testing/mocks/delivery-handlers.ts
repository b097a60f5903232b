import { HttpResponse, http } from 'msw';
import type { z } from 'zod';
import {
  DeliveryIdSchema,
  DeliveryListQuerySchema,
  SendTestEventRequestSchema,
  type ReplaySkippedResponseSchema,
  type DeliveryDetail,
  type DeliveryPage,
  type DeliverySummary,
  type SignatureTestResult,
  type TestCallResponse,
} from '@contract/deliveries';
import {
  API,
  apiError,
  authorise,
  checkId,
  parseBody,
  simulateLatency,
  toFieldErrors,
} from './mock-api';
import {
  advanceDeliveries,
  createDelivery,
  randomCallId,
  runSignatureTest,
  scheduleTestCall,
  toDeliveryDetail,
  toDeliverySummary,
} from './mock-deliveries';
import { db, mockNow } from './mock-db';

function findWebhook(id: unknown) {
  return db.webhooks.find((webhook) => webhook.id === id);
}

/** The server's answer to a tool used on a disabled endpoint. */
const disabledConflict = (action: string) =>
  apiError(409, 'conflict', `This endpoint is disabled: enable it to ${action}`);

const webhookNotFound = () =>
  apiError(404, 'not_found', 'There is no webhook endpoint with this id');

/** Answers for `/deliveries/{id}`: 400 for a malformed id, 404 for an unknown one. */
function findDelivery(id: unknown) {
  if (!DeliveryIdSchema.safeParse(id).success) {
    return {
      ok: false as const,
      response: apiError(400, 'validation_failed', 'Check the highlighted fields', {
        id: 'Must be a delivery id (msg_…)',
      }),
    };
  }
  const delivery = db.deliveries.find((d) => d.id === id);
  if (!delivery) {
    return {
      ok: false as const,
      response: apiError(404, 'not_found', 'There is no delivery with this id'),
    };
  }
  return { ok: true as const, delivery };
}

/**
 * Routes of the delivery engine. Each one first brings the simulation up to the mock clock, so what
 * it answers is what the engine would have done by now.
 */
export const deliveryHandlers = [
  http.get(`${API}/deliveries`, async ({ request }) => {
    await simulateLatency();
    const auth = authorise();
    if (!auth.ok) return auth.response;
    const parsed = DeliveryListQuerySchema.safeParse(
      Object.fromEntries(new URL(request.url).searchParams),
    );
    if (!parsed.success) {
      return apiError(
        400,
        'validation_failed',
        'Check the highlighted fields',
        toFieldErrors(parsed.error.issues),
      );
    }
    advanceDeliveries();
    const { status, eventType, webhookId, agentId, callId, cursor, limit } = parsed.data;
    const matching = db.deliveries
      .filter(
        (d) =>
          (status === undefined || d.status === status) &&
          (eventType === undefined || d.eventType === eventType) &&
          (webhookId === undefined || d.webhookId === webhookId) &&
          (agentId === undefined || d.agentId === agentId) &&
          (callId === undefined || d.callId === callId) &&
          // Ids sort by creation time, so the cursor is simply the last id of the previous page.
          (cursor === undefined || d.id < cursor),
      )
      .sort((a, b) => b.id.localeCompare(a.id));
    const page = matching.slice(0, limit);
    const last = page.at(-1);
    return HttpResponse.json<DeliveryPage>({
      items: page.map(toDeliverySummary),
      nextCursor: matching.length > limit && last ? last.id : null,
    });
  }),

  http.get(`${API}/deliveries/:id`, async ({ params }) => {
    await simulateLatency();
    const auth = authorise();
    if (!auth.ok) return auth.response;
    advanceDeliveries();
    const found = findDelivery(params.id);
    if (!found.ok) return found.response;
    return HttpResponse.json<DeliveryDetail>(toDeliveryDetail(found.delivery));
  }),

  http.post(`${API}/deliveries/:id/redeliver`, async ({ params }) => {
    await simulateLatency();
    const auth = authorise({ adminOrSupport: true });
    if (!auth.ok) return auth.response;
    advanceDeliveries();
    const found = findDelivery(params.id);
    if (!found.ok) return found.response;
    const { delivery } = found;
    // On a disabled endpoint the attempt is recorded as skipped, as the worker would.
    if (delivery.status === 'delivering') {
      return apiError(
        409,
        'conflict',
        'This delivery is being attempted right now; wait for the attempt to finish',
      );
    }
    // A new attempt now; if it fails, the delivery fails again rather than restarting the retries.
    delivery.status = 'pending';
    delivery.nextAttemptAt = new Date(mockNow()).toISOString();
    delivery.completedAt = null;
    delivery.retriesLeft = 0;
    return HttpResponse.json<DeliverySummary>(toDeliverySummary(delivery), { status: 202 });
  }),

  http.post(`${API}/webhooks/:id/test`, async ({ params, request }) => {
    await simulateLatency();
    const auth = authorise({ adminOrSupport: true });
    if (!auth.ok) return auth.response;
    const invalid = checkId(params.id);
    if (invalid) return invalid;
    const webhook = findWebhook(params.id);
    if (!webhook) return webhookNotFound();
    const parsed = await parseBody(request, SendTestEventRequestSchema);
    if (!parsed.ok) return parsed.response;
    advanceDeliveries();
    if (webhook.status === 'disabled') return disabledConflict('send a test event');
    const delivery = createDelivery({
      webhook,
      agentId: null,
      callId: randomCallId('test'),
      eventType: parsed.data.eventType,
      isTest: true,
    });
    return HttpResponse.json<DeliverySummary>(toDeliverySummary(delivery), { status: 202 });
  }),

  http.post(`${API}/webhooks/:id/signature-test`, async ({ params }) => {
    await simulateLatency();
    const auth = authorise({ adminOrSupport: true });
    if (!auth.ok) return auth.response;
    const invalid = checkId(params.id);
    if (invalid) return invalid;
    const webhook = findWebhook(params.id);
    if (!webhook) return webhookNotFound();
    if (webhook.status === 'disabled') return disabledConflict('run the signature self-test');
    return HttpResponse.json<SignatureTestResult>(runSignatureTest(webhook));
  }),

  http.post(`${API}/webhooks/:id/replay-skipped`, async ({ params }) => {
    await simulateLatency();
    const auth = authorise({ adminOrSupport: true });
    if (!auth.ok) return auth.response;
    const invalid = checkId(params.id);
    if (invalid) return invalid;
    const webhook = findWebhook(params.id);
    if (!webhook) return webhookNotFound();
    if (webhook.status === 'disabled') return disabledConflict('replay its skipped deliveries');
    advanceDeliveries();
    const skipped = db.deliveries.filter(
      (d) => d.webhookId === webhook.id && d.status === 'skipped',
    );
    const now = mockNow();
    skipped.forEach((delivery, index) => {
      delivery.status = 'pending';
      delivery.completedAt = null;
      // Oldest first, a moment apart, as the worker would pick them up.
      delivery.nextAttemptAt = new Date(now + 700 + index * 300).toISOString();
    });
    return HttpResponse.json<z.infer<typeof ReplaySkippedResponseSchema>>({
      replayed: skipped.length,
    });
  }),

  http.post(`${API}/agents/:id/test-call`, async ({ params }) => {
    await simulateLatency();
    const auth = authorise({ adminOrSupport: true });
    if (!auth.ok) return auth.response;
    const invalid = checkId(params.id);
    if (invalid) return invalid;
    const agent = db.agents.find((a) => a.id === params.id);
    if (!agent) return apiError(404, 'not_found', 'There is no agent with this id');
    const call = scheduleTestCall(agent.id);
    advanceDeliveries();
    return HttpResponse.json<TestCallResponse>(call, { status: 202 });
  }),
];
