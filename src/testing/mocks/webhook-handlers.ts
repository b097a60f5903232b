import { http } from 'msw';
import {
  disabledReason,
  DUPLICATE_ENDPOINT_URL,
  endpointInUse,
  NO_SUCH_ROUTE,
} from '@contract/api-messages';
import {
  CreateWebhookRequestSchema,
  UpdateWebhookRequestSchema,
  WebhookDetailSchema,
  WebhookListSchema,
} from '@contract/webhooks';
import { answer } from './mock-answer';
import {
  API,
  apiError,
  guard,
  noContent,
  parseBody,
  simulateLatency,
  withWebhook,
} from './mock-api';
import {
  createMockWebhook,
  db,
  generateMockSecret,
  toWebhookDetail,
  toWebhookSummary,
} from './mock-db';
import { publishLiveChanges } from './mock-live';
import { refusedUrl, urlRefusal } from './mock-url-guard';

const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

function urlTaken(url: string, exceptId?: string) {
  return db.webhooks.some((w) => w.url === url && w.id !== exceptId);
}

/** The server keeps an endpoint's URL in canonical form (lower-case scheme and host, no default port). */
const canonicalUrl = (url: string) => new URL(url).href;

const urlConflict = () =>
  apiError(409, 'conflict', DUPLICATE_ENDPOINT_URL.message, { url: DUPLICATE_ENDPOINT_URL.field });

export const webhookHandlers = [
  http.get(`${API}/webhooks`, () =>
    guard('signedIn', () => {
      const items = [...db.webhooks]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(toWebhookSummary);
      return answer(WebhookListSchema, { items });
    }),
  ),

  http.post(`${API}/webhooks`, ({ request }) =>
    guard('admin', async (user) => {
      const parsed = await parseBody(request, CreateWebhookRequestSchema);
      if (!parsed.ok) return parsed.response;
      const { description, headers } = parsed.data;
      const refusal = urlRefusal(parsed.data.url);
      if (refusal) return refusedUrl(refusal);
      const url = canonicalUrl(parsed.data.url);
      if (urlTaken(url)) return urlConflict();
      const now = new Date().toISOString();
      const webhook = createMockWebhook({
        url,
        description: description || null,
        headers: headers ?? {},
        createdAt: now,
        updatedAt: now,
      });
      return answer(WebhookDetailSchema, toWebhookDetail(webhook, user.role), 201);
    }),
  ),

  http.get(`${API}/webhooks/:id`, ({ params }) =>
    withWebhook(params, 'signedIn', (webhook, user) =>
      answer(WebhookDetailSchema, toWebhookDetail(webhook, user.role)),
    ),
  ),

  http.patch(`${API}/webhooks/:id`, ({ params, request }) =>
    withWebhook(
      params,
      'admin',
      (webhook, user, body) => {
        const { description, headers } = body;
        if (body.url !== undefined) {
          const refusal = urlRefusal(body.url);
          if (refusal) return refusedUrl(refusal);
          const url = canonicalUrl(body.url);
          if (urlTaken(url, webhook.id)) return urlConflict();
          webhook.url = url;
        }
        if (description !== undefined) webhook.description = description || null;
        if (headers !== undefined) webhook.headers = headers;
        webhook.updatedAt = new Date().toISOString();
        return answer(WebhookDetailSchema, toWebhookDetail(webhook, user.role));
      },
      { request, schema: UpdateWebhookRequestSchema },
    ),
  ),

  http.delete(`${API}/webhooks/:id`, ({ params }) =>
    withWebhook(params, 'admin', (webhook) => {
      const users = toWebhookSummary(webhook).subscriptions.map((s) => s.agentName);
      if (users.length > 0) return apiError(409, 'webhook_in_use', endpointInUse(users));
      db.webhooks = db.webhooks.filter((w) => w.id !== webhook.id);
      db.deliveries = db.deliveries.filter((d) => d.webhookId !== webhook.id);
      return noContent();
    }),
  ),

  http.post(`${API}/webhooks/:id/:action`, async ({ params }) => {
    const action = params.action;
    // An unknown action is a 404 whoever asks, before the session and role checks.
    if (action !== 'rotate-secret' && action !== 'enable' && action !== 'disable') {
      await simulateLatency();
      return apiError(404, 'not_found', NO_SUCH_ROUTE);
    }
    return withWebhook(params, 'admin', (webhook, user) => {
      const now = new Date();
      if (action === 'rotate-secret') {
        webhook.previousSecret = webhook.secret;
        webhook.previousSecretExpiresAt = new Date(now.getTime() + SECRET_OVERLAP_MS).toISOString();
        webhook.secret = generateMockSecret();
      } else if (action === 'enable') {
        webhook.status = 'enabled';
        webhook.disabledReason = null;
        webhook.disabledAt = null;
        // A fresh start: five more days of failures before the engine disables it again.
        webhook.failingSince = null;
      } else {
        webhook.status = 'disabled';
        webhook.disabledReason = disabledReason.byPerson(user.name);
        webhook.disabledAt = now.toISOString();
      }
      webhook.updatedAt = now.toISOString();
      publishLiveChanges();
      return answer(WebhookDetailSchema, toWebhookDetail(webhook, user.role));
    });
  }),
];
