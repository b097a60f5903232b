import { http } from 'msw';
import { z } from 'zod';
import { endpointDisabled, notFoundMessage, REDELIVERY_IN_PROGRESS } from '@contract/api-messages';
import {
  CallIdParamSchema,
  CallViewSchema,
  DeliveryAttemptSchema,
  DeliveryDetailSchema,
  DeliveryIdSchema,
  DeliveryListQuerySchema,
  DeliveryPageSchema,
  DeliverySummarySchema,
  RedeliverToUrlRequestSchema,
  ReplaySkippedResponseSchema,
  SendTestEventRequestSchema,
  SignatureTestResultSchema,
  TestCallResponseSchema,
  type DeliveryListQuery,
} from '@contract/deliveries';
import { EVENT_TYPES } from '@contract/event-types';
import { answer } from './mock-answer';
import {
  API,
  apiError,
  guard,
  invalidFields,
  recordRoute,
  validationFailed,
  withAgent,
  withWebhook,
} from './mock-api';
import {
  advanceDeliveries,
  createDelivery,
  randomCallId,
  redeliverToUrl,
  requeue,
  runSignatureTest,
  scheduleTestCall,
  toDeliveryDetail,
  toDeliverySummary,
} from './mock-deliveries';
import { db, mockNow, type DeliveryRecord } from './mock-db';
import { publishLiveChanges } from './mock-live';
import { refusedUrl, urlRefusal } from './mock-url-guard';

/** The server's answer to a tool used on a disabled endpoint. */
const disabledConflict = (action: string) => apiError(409, 'conflict', endpointDisabled(action));

/**
 * A guarded route on the delivery its `:id` (`msg_…`, as the server's path parameter) names. The
 * engine is brought up to the mock clock before the lookup, so the delivery is as it would be by now.
 */
const withDelivery = recordRoute(
  (id) => {
    advanceDeliveries();
    return db.deliveries.find((d) => d.id === id);
  },
  'Delivery',
  z.object({ id: DeliveryIdSchema }),
);

/**
 * The page cursor: opaque to the client (base64url of the last id listed). Delivery ids sort by
 * creation time, so "older than the cursor" is "id below it".
 */
function encodeCursor(id: string): string {
  return btoa(id).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function decodeCursor(cursor: string): string | null {
  try {
    const id = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    return DeliveryIdSchema.safeParse(id).success ? id : null;
  } catch {
    return null;
  }
}

/** Whether a delivery matches a list query's filters; `q` finds a call id or a delivery (webhook-) id. */
function matches(d: DeliveryRecord, query: DeliveryListQuery): boolean {
  const { q, status, eventType, webhookId, agentId, callId, failureCategory, from, to } = query;
  return (
    (q === undefined || d.callId === q || d.id === q) &&
    (status === undefined || d.status === status) &&
    (eventType === undefined || d.eventType === eventType) &&
    (webhookId === undefined || d.webhookId === webhookId) &&
    (agentId === undefined || d.agentId === agentId) &&
    (callId === undefined || d.callId === callId) &&
    (failureCategory === undefined || toDeliverySummary(d).lastErrorCategory === failureCategory) &&
    (from === undefined || Date.parse(d.createdAt) >= Date.parse(from)) &&
    (to === undefined || Date.parse(d.createdAt) < Date.parse(to))
  );
}

const callOrder = (d: DeliveryRecord) => EVENT_TYPES.indexOf(d.eventType);

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
      const query = parsed.data;
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      if (after === null) {
        return invalidFields({ cursor: 'Not a cursor from this API' });
      }
      const matching = db.deliveries
        .filter((d) => matches(d, query) && (after === undefined || d.id < after))
        .sort((a, b) => b.id.localeCompare(a.id));
      const page = matching.slice(0, query.limit);
      const last = page.at(-1);
      return answer(DeliveryPageSchema, {
        items: page.map(toDeliverySummary),
        nextCursor: matching.length > query.limit && last ? encodeCursor(last.id) : null,
      });
    }),
  ),

  http.get(`${API}/calls/:callId`, ({ params }) =>
    guard('signedIn', () => {
      const parsed = CallIdParamSchema.safeParse(params);
      if (!parsed.success) return validationFailed(parsed.error.issues);
      advanceDeliveries();
      const { callId } = parsed.data;
      const deliveries = db.deliveries.filter((d) => d.callId === callId);
      if (deliveries.length === 0) {
        return apiError(404, 'not_found', notFoundMessage('Call'));
      }
      // By endpoint (its URL, as the server orders them), then Start → End → Analytics Completed.
      const urlOf = (d: DeliveryRecord) => db.webhooks.find((w) => w.id === d.webhookId)?.url ?? '';
      const ordered = [...deliveries].sort(
        (a, b) =>
          urlOf(a).localeCompare(urlOf(b)) ||
          a.webhookId.localeCompare(b.webhookId) ||
          callOrder(a) - callOrder(b) ||
          a.id.localeCompare(b.id),
      );
      const withAgent = ordered.find((d) => d.agentId !== null);
      const agent = db.agents.find((a) => a.id === withAgent?.agentId);
      return answer(CallViewSchema, {
        callId,
        agentId: agent?.id ?? null,
        agentName: agent?.name ?? null,
        deliveries: ordered.map(toDeliverySummary),
      });
    }),
  ),

  http.get(`${API}/deliveries/:id`, ({ params }) =>
    withDelivery(params, 'signedIn', (delivery) =>
      answer(DeliveryDetailSchema, toDeliveryDetail(delivery)),
    ),
  ),

  http.post(`${API}/deliveries/:id/redeliver`, ({ params }) =>
    withDelivery(params, 'adminOrSupport', (delivery, user) => {
      if (delivery.status === 'delivering') {
        return apiError(409, 'conflict', REDELIVERY_IN_PROGRESS);
      }
      // A new attempt now (a disabled endpoint records it as skipped, as the worker would).
      requeue(delivery, mockNow(), 'redelivery', user.name);
      const summary = toDeliverySummary(delivery);
      publishLiveChanges();
      return answer(DeliverySummarySchema, summary, 202);
    }),
  ),

  http.post(`${API}/deliveries/:id/redeliver-to-url`, ({ params, request }) =>
    withDelivery(
      params,
      'adminOrSupport',
      (delivery, user, body) => {
        const refusal = urlRefusal(body.url);
        if (refusal) return refusedUrl(refusal);
        const attempt = redeliverToUrl(delivery, body.url, user.name);
        publishLiveChanges();
        return answer(DeliveryAttemptSchema, attempt);
      },
      { request, schema: RedeliverToUrlRequestSchema },
    ),
  ),

  http.post(`${API}/webhooks/:id/test`, ({ params, request }) =>
    withWebhook(
      params,
      'adminOrSupport',
      (webhook, _user, body) => {
        advanceDeliveries();
        if (webhook.status === 'disabled') return disabledConflict('send a test event');
        const delivery = createDelivery({
          webhook,
          agentId: null,
          callId: randomCallId('test'),
          eventType: body.eventType,
          isTest: true,
        });
        publishLiveChanges();
        return answer(DeliverySummarySchema, toDeliverySummary(delivery), 202);
      },
      { request, schema: SendTestEventRequestSchema },
    ),
  ),

  http.post(`${API}/webhooks/:id/signature-test`, ({ params }) =>
    withWebhook(params, 'adminOrSupport', (webhook) => {
      if (webhook.status === 'disabled') return disabledConflict('run the signature self-test');
      return answer(SignatureTestResultSchema, runSignatureTest(webhook));
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
      publishLiveChanges();
      return answer(ReplaySkippedResponseSchema, { replayed: skipped.length });
    }),
  ),

  http.post(`${API}/agents/:id/test-call`, ({ params }) =>
    withAgent(params, 'adminOrSupport', (agent) => {
      const call = scheduleTestCall(agent.id);
      publishLiveChanges();
      return answer(TestCallResponseSchema, call, 202);
    }),
  ),
];
