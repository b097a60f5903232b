import { HttpResponse, http } from 'msw';
import {
  CreateWebhookRequestSchema,
  UpdateWebhookRequestSchema,
  type WebhookDetail,
  type WebhookList,
} from '@contract/webhooks';
import { formatList } from '@client/lib/format';
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
import { isPrivateTarget, PRIVATE_TARGET } from './mock-url-guard';

const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

function urlTaken(url: string, exceptId?: string) {
  return db.webhooks.some((w) => w.url === url && w.id !== exceptId);
}

const URL_TAKEN = 'An endpoint with this URL already exists';

export const webhookHandlers = [
  http.get(`${API}/webhooks`, () =>
    guard('signedIn', () => {
      const items = [...db.webhooks]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(toWebhookSummary);
      return HttpResponse.json<WebhookList>({ items });
    }),
  ),

  http.post(`${API}/webhooks`, ({ request }) =>
    guard('admin', async (user) => {
      const parsed = await parseBody(request, CreateWebhookRequestSchema);
      if (!parsed.ok) return parsed.response;
      const { url, description, headers } = parsed.data;
      if (isPrivateTarget(url)) {
        return apiError(400, 'validation_failed', 'Check the highlighted fields', {
          url: PRIVATE_TARGET,
        });
      }
      if (urlTaken(url)) return apiError(409, 'conflict', URL_TAKEN);
      const now = new Date().toISOString();
      const webhook = createMockWebhook({
        url,
        description: description || null,
        headers: headers ?? {},
        createdAt: now,
        updatedAt: now,
      });
      return HttpResponse.json<WebhookDetail>(toWebhookDetail(webhook, user.role), {
        status: 201,
      });
    }),
  ),

  http.get(`${API}/webhooks/:id`, ({ params }) =>
    withWebhook(params, 'signedIn', (webhook, user) =>
      HttpResponse.json<WebhookDetail>(toWebhookDetail(webhook, user.role)),
    ),
  ),

  http.patch(`${API}/webhooks/:id`, ({ params, request }) =>
    withWebhook(params, 'admin', async (webhook, user) => {
      const parsed = await parseBody(request, UpdateWebhookRequestSchema);
      if (!parsed.ok) return parsed.response;
      const { url, description, headers } = parsed.data;
      if (url !== undefined) {
        if (isPrivateTarget(url)) {
          return apiError(400, 'validation_failed', 'Check the highlighted fields', {
            url: PRIVATE_TARGET,
          });
        }
        if (urlTaken(url, webhook.id)) return apiError(409, 'conflict', URL_TAKEN);
        webhook.url = url;
      }
      if (description !== undefined) webhook.description = description || null;
      if (headers !== undefined) webhook.headers = headers;
      webhook.updatedAt = new Date().toISOString();
      return HttpResponse.json<WebhookDetail>(toWebhookDetail(webhook, user.role));
    }),
  ),

  http.delete(`${API}/webhooks/:id`, ({ params }) =>
    withWebhook(params, 'admin', (webhook) => {
      const users = toWebhookSummary(webhook).subscriptions.map((s) => s.agentName);
      if (users.length > 0) {
        return apiError(
          409,
          'webhook_in_use',
          `This endpoint is used by ${formatList(users)}. Remove their subscriptions first.`,
        );
      }
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
      return apiError(404, 'not_found', 'Not found');
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
        // A fresh start: five more days of failures before the engine disables it again.
        webhook.failingSince = null;
      } else {
        webhook.status = 'disabled';
        webhook.disabledReason = `Disabled by ${user.name}`;
      }
      webhook.updatedAt = now.toISOString();
      publishLiveChanges();
      return HttpResponse.json<WebhookDetail>(toWebhookDetail(webhook, user.role));
    });
  }),
];
