import { HttpResponse, http, type PathParams } from 'msw';
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
  guard,
  parseBody,
  validationFailed,
  withAgent,
  withWebhook,
  type Access,
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
import { db, mockNow, type DeliveryRecord } from './mock-db';

/** The server's answer to a tool used on a disabled endpoint. */
const disabledConflict = (action: string) =>
  apiError(409, 'conflict', `This endpoint is disabled: enable it to ${action}`);

/**
 * A guarded route on the delivery its `:id` names: after the session and role checks the engine is
 * brought up to the mock clock, then a malformed id is a 400 and an unknown one a 404.
 */
function withDelivery(
  params: PathParams,
  access: Access,
  handle: (delivery: DeliveryRecord) => Response,
): Promise<Response> {
  return guard(access, () => {
    advanceDeliveries();
    if (!DeliveryIdSchema.safeParse(params.id).success) {
      return apiError(400, 'validation_failed', 'Check the highlighted fields', {
        id: 'Must be a delivery id (msg_…)',
      });
    }
    const delivery = db.deliveries.find((d) => d.id === params.id);
    if (!delivery) return apiError(404, 'not_found', 'There is no delivery with this id');
    return handle(delivery);
  });
}

/**
 * Routes of the delivery engine. Each one first brings the simulation up to the mock clock, so what
 * it answers is what the engine would have done by now.
 */
export const deliveryHandlers = [
  http.get(`${API}/deliveries`, ({ request }) =>
    guard('signedIn', () => {
      const parsed = DeliveryListQuerySchema.safeParse(
        Object.fromEntries(new URL(request.url).searchParams),
      );
      if (!parsed.success) {
        return validationFailed(parsed.error.issues);
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
  ),

  http.get(`${API}/deliveries/:id`, ({ params }) =>
    withDelivery(params, 'signedIn', (delivery) =>
      HttpResponse.json<DeliveryDetail>(toDeliveryDetail(delivery)),
    ),
  ),

  http.post(`${API}/deliveries/:id/redeliver`, ({ params }) =>
    withDelivery(params, 'adminOrSupport', (delivery) => {
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
  ),

  http.post(`${API}/webhooks/:id/test`, ({ params, request }) =>
    withWebhook(params, 'adminOrSupport', async (webhook) => {
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
  ),

  http.post(`${API}/webhooks/:id/signature-test`, ({ params }) =>
    withWebhook(params, 'adminOrSupport', (webhook) => {
      if (webhook.status === 'disabled') return disabledConflict('run the signature self-test');
      return HttpResponse.json<SignatureTestResult>(runSignatureTest(webhook));
    }),
  ),

  http.post(`${API}/webhooks/:id/replay-skipped`, ({ params }) =>
    withWebhook(params, 'adminOrSupport', (webhook) => {
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
  ),

  http.post(`${API}/agents/:id/test-call`, ({ params }) =>
    withAgent(params, 'adminOrSupport', (agent) => {
      const call = scheduleTestCall(agent.id);
      advanceDeliveries();
      return HttpResponse.json<TestCallResponse>(call, { status: 202 });
    }),
  ),
];
