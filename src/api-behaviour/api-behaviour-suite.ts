/**
 * The API behaviour the browser app depends on, written once and run against the real server and
 * against the mock API (see api-target.ts), so that the mock cannot drift from the server: list shapes,
 * the one error envelope and its codes and messages, who may do what, duplicate URLs, endpoints in use,
 * subscriptions replaced and removed, redelivery, disabling and enabling an endpoint, API keys, sign-in.
 *
 * Bodies are parsed with the contract's schemas. Texts people read are compared with the contract's
 * (src/contract/api-messages.ts), which both implementations use.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentListSchema, AgentSchema, type Agent } from '@contract/agents';
import { ApiKeyListSchema, CreatedApiKeySchema } from '@contract/api-keys';
import {
  addressRefused,
  disabledReason,
  DUPLICATE_ENDPOINT_URL,
  endpointDisabled,
  endpointInUse,
  HTTPS_REQUIRED,
  INVALID_JSON,
  NO_SUCH_ROUTE,
  notFoundMessage,
  roleRefused,
  SIGN_IN_REQUIRED,
  UNKNOWN_ENDPOINT_ID,
  UNSUPPORTED_MEDIA_TYPE,
  WRONG_CREDENTIALS,
} from '@contract/api-messages';
import { ROLES, SessionSchema, type Role } from '@contract/auth';
import {
  DeliveryDetailSchema,
  DeliveryPageSchema,
  DeliverySummarySchema,
  type DeliverySummary,
} from '@contract/deliveries';
import { ApiErrorSchema, summariseFieldErrors, type ErrorCode } from '@contract/errors';
import { sortEventTypes, type EventType } from '@contract/event-types';
import { WebhookDetailSchema, WebhookListSchema, type WebhookDetail } from '@contract/webhooks';
import type { ApiFetch, ApiFixture, ApiTarget, Caller } from './api-target';

const AGENT_NAMES = ['Alpha Agent', 'Beta Agent', 'Gamma Agent'] as const;
type AgentName = (typeof AGENT_NAMES)[number];

/** Ids of the right shape that no organisation has. */
const UNKNOWN_ID = '00000000-0000-4000-8000-00000000dead';
const UNKNOWN_DELIVERY_ID = 'msg_01JCZZZZZZZZZZZZZZZZZZZZZZ';

interface Answer {
  status: number;
  body: unknown;
}

type Body = { json: unknown } | { raw: string; contentType: string };

/** A request not yet sent. */
type PendingCall = () => Promise<Answer>;

async function send(fetcher: ApiFetch, method: string, path: string, body?: Body) {
  const init: RequestInit = { method };
  if (body) {
    init.headers = { 'content-type': 'raw' in body ? body.contentType : 'application/json' };
    init.body = 'raw' in body ? body.raw : JSON.stringify(body.json);
  }
  const response = await fetcher(`/api/v1${path}`, init);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** The status, and a body in the one error envelope with this code (and message, when given). */
function expectError(answer: Answer, status: number, code: ErrorCode, message?: string) {
  expect({ status: answer.status, body: answer.body }).toMatchObject({
    status,
    body: { error: { code, ...(message === undefined ? {} : { message }) } },
  });
  return ApiErrorSchema.parse(answer.body).error;
}

/** The server lists `nextAttemptAt` only while a delivery waits for its next attempt. */
function expectDeliveryShape(delivery: DeliverySummary) {
  if (delivery.status !== 'pending') expect(delivery.nextAttemptAt).toBeNull();
}

export function describeApiBehaviour(name: string, target: ApiTarget) {
  describe(`API behaviour: ${name}`, () => {
    let api: ApiFixture;
    let urlCounter = 0;

    beforeEach(async () => {
      api = await target.setup(AGENT_NAMES);
    });
    afterEach(async () => {
      await target.teardown?.();
    });

    const as = (caller: Caller) => ({
      get: (path: string) => send(api.as(caller), 'GET', path),
      delete: (path: string) => send(api.as(caller), 'DELETE', path),
      post: (path: string, json?: unknown) =>
        send(api.as(caller), 'POST', path, json === undefined ? undefined : { json }),
      put: (path: string, json: unknown) => send(api.as(caller), 'PUT', path, { json }),
      patch: (path: string, json: unknown) => send(api.as(caller), 'PATCH', path, { json }),
      raw: (method: string, path: string, raw: string, contentType = 'application/json') =>
        send(api.as(caller), method, path, { raw, contentType }),
    });
    const admin = as('admin');

    const freshUrl = () => `https://hooks.example.com/ringpost/${++urlCounter}`;

    async function createEndpoint(url = freshUrl()): Promise<WebhookDetail> {
      const answer = await admin.post('/webhooks', { url });
      expect(answer.status).toBe(201);
      return WebhookDetailSchema.parse(answer.body);
    }

    async function agent(name: AgentName): Promise<Agent> {
      const answer = await admin.get('/agents');
      expect(answer.status).toBe(200);
      const found = AgentListSchema.parse(answer.body).items.find((a) => a.name === name);
      if (!found) throw new Error(`The fixture has no agent named ${name}`);
      return found;
    }

    async function subscribe(agentId: string, webhookId: string, eventTypes: EventType[]) {
      const answer = await admin.put(`/agents/${agentId}/webhook-subscriptions`, {
        webhookId,
        eventTypes,
      });
      expect(answer.status).toBe(200);
      return AgentSchema.parse(answer.body);
    }

    async function sendTestEvent(webhookId: string, caller: Caller = 'admin') {
      const answer = await as(caller).post(`/webhooks/${webhookId}/test`, {
        eventType: 'pre-conversation',
      });
      expect(answer.status).toBe(202);
      return DeliverySummarySchema.parse(answer.body);
    }

    async function adminName(): Promise<string> {
      return SessionSchema.parse((await admin.get('/auth/me')).body).user.name;
    }

    describe('lists', () => {
      it("answers every list in the contract's shape, to every role", async () => {
        const endpoint = await createEndpoint();
        const alpha = await agent('Alpha Agent');
        await subscribe(alpha.id, endpoint.id, ['pre-conversation']);
        const delivery = await sendTestEvent(endpoint.id);
        expect((await admin.post('/api-keys', { name: 'Platform' })).status).toBe(201);

        for (const role of ROLES) {
          const caller = as(role);
          const agents = AgentListSchema.parse((await caller.get('/agents')).body).items;
          expect(agents.map((a) => a.name)).toEqual([...AGENT_NAMES]);
          expect(agents.map((a) => a.webhook?.webhookId ?? null)).toEqual([
            endpoint.id,
            null,
            null,
          ]);

          const webhooks = WebhookListSchema.parse((await caller.get('/webhooks')).body).items;
          expect(webhooks.map((w) => [w.id, w.url, w.status, w.subscriptions])).toEqual([
            [
              endpoint.id,
              endpoint.url,
              'enabled',
              [{ agentId: alpha.id, agentName: 'Alpha Agent', eventTypes: ['pre-conversation'] }],
            ],
          ]);

          const page = DeliveryPageSchema.parse((await caller.get('/deliveries')).body);
          expect(page.items.map((d) => d.id)).toEqual([delivery.id]);
          expect(page.nextCursor).toBeNull();
          page.items.forEach(expectDeliveryShape);

          const keys = ApiKeyListSchema.parse((await caller.get('/api-keys')).body).items;
          expect(keys.map((k) => k.name)).toEqual(['Platform']);
          // The whole key is shown once, at creation, never in the list.
          expect(keys[0]).not.toHaveProperty('key');
        }
      });

      it('answers empty lists for an organisation without endpoints, deliveries or keys', async () => {
        expect((await admin.get('/webhooks')).body).toEqual({ items: [] });
        expect((await admin.get('/deliveries')).body).toEqual({ items: [], nextCursor: null });
        expect((await admin.get('/api-keys')).body).toEqual({ items: [] });
      });

      it('pages deliveries newest first; nextCursor leads to the next page', async () => {
        const endpoint = await createEndpoint();
        const older = await sendTestEvent(endpoint.id);
        const newer = await sendTestEvent(endpoint.id);

        const first = DeliveryPageSchema.parse((await admin.get('/deliveries?limit=1')).body);
        expect(first.items.map((d) => d.id)).toEqual([newer.id]);
        expect(first.nextCursor).toEqual(expect.any(String));

        const cursor = encodeURIComponent(first.nextCursor ?? '');
        const second = DeliveryPageSchema.parse(
          (await admin.get(`/deliveries?limit=1&cursor=${cursor}`)).body,
        );
        expect(second.items.map((d) => d.id)).toEqual([older.id]);
        expect(second.nextCursor).toBeNull();
      });
    });

    describe('the error envelope', () => {
      it('answers invalid JSON with 400 invalid_json, before the session and role checks', async () => {
        for (const caller of ['admin', 'viewer', 'signedOut'] as const) {
          const answer = await as(caller).raw('POST', '/webhooks', '{"url": "https://');
          expectError(answer, 400, 'invalid_json', INVALID_JSON);
        }
      });

      it('reads a missing body as {} (a 400 naming the fields), but an empty JSON one as invalid JSON', async () => {
        const endpoint = await createEndpoint();
        const path = `/webhooks/${endpoint.id}/test`;
        const none = expectError(await admin.post(path), 400, 'validation_failed');
        expect(Object.keys(none.fields ?? {})).toEqual(['eventType']);
        expectError(await admin.raw('POST', path, ''), 400, 'invalid_json', INVALID_JSON);
      });

      it('answers a body that is not JSON with 415 unsupported_media_type', async () => {
        for (const caller of ['admin', 'viewer'] as const) {
          const answer = await as(caller).raw('POST', '/webhooks', 'url=https://x', 'text/plain');
          expectError(answer, 415, 'unsupported_media_type', UNSUPPORTED_MEDIA_TYPE);
        }
      });

      it('checks the body before looking the id up: an invalid body is a 400 even for an unknown id', async () => {
        const cases: [PendingCall, string][] = [
          [() => admin.patch(`/webhooks/${UNKNOWN_ID}`, { url: 'nope' }), 'url'],
          [() => admin.patch(`/agents/${UNKNOWN_ID}`, { name: '' }), 'name'],
          [
            () => admin.put(`/agents/${UNKNOWN_ID}/webhook-subscriptions`, { eventTypes: [] }),
            'webhookId',
          ],
          [
            () => admin.post(`/deliveries/${UNKNOWN_DELIVERY_ID}/redeliver-to-url`, { url: 1 }),
            'url',
          ],
        ];
        const answers = await sequentially(cases.map(([call]) => call));
        answers.forEach((answer, index) => {
          const error = expectError(answer, 400, 'validation_failed');
          expect(error.fields).toHaveProperty([cases[index]?.[1] ?? '']);
        });
      });

      it('answers invalid input with 400 validation_failed naming each field', async () => {
        const invalid = expectError(
          await admin.post('/webhooks', { url: 'not a url', colour: 'red' }),
          400,
          'validation_failed',
        );
        expect(invalid.fields).toEqual({
          url: 'Enter a full URL, such as https://example.com/webhook',
          colour: 'Unknown field',
        });
        expect(invalid.message).toBe(summariseFieldErrors(invalid.fields ?? {}));

        const alpha = await agent('Alpha Agent');
        const endpoint = await createEndpoint();
        const noEvents = expectError(
          await admin.put(`/agents/${alpha.id}/webhook-subscriptions`, {
            webhookId: endpoint.id,
            eventTypes: [],
          }),
          400,
          'validation_failed',
          'eventTypes: Choose at least one event',
        );
        expect(noEvents.fields).toEqual({ eventTypes: 'Choose at least one event' });
      });

      it('answers a malformed id with 400 validation_failed on `id`', async () => {
        const webhookId = expectError(
          await admin.get('/webhooks/not-an-id'),
          400,
          'validation_failed',
          'id: Must be a valid id',
        );
        expect(webhookId.fields).toEqual({ id: 'Must be a valid id' });
        const deliveryId = expectError(
          await admin.get('/deliveries/42'),
          400,
          'validation_failed',
          'id: Must be a delivery id (msg_…)',
        );
        expect(deliveryId.fields).toEqual({ id: 'Must be a delivery id (msg_…)' });
      });

      it('answers 401 unauthenticated to a caller without a session, on reads and changes', async () => {
        const signedOut = as('signedOut');
        for (const path of ['/auth/me', '/agents', '/webhooks', '/deliveries', '/api-keys']) {
          expectError(await signedOut.get(path), 401, 'unauthenticated', SIGN_IN_REQUIRED);
        }
        expectError(
          await signedOut.post('/webhooks', { url: freshUrl() }),
          401,
          'unauthenticated',
          SIGN_IN_REQUIRED,
        );
        expectError(
          await signedOut.delete(`/api-keys/${UNKNOWN_ID}`),
          401,
          'unauthenticated',
          SIGN_IN_REQUIRED,
        );
      });

      it('answers 403 forbidden to viewers and support staff on admin routes, changing nothing', async () => {
        const endpoint = await createEndpoint();
        const alpha = await agent('Alpha Agent');
        await subscribe(alpha.id, endpoint.id, ['pre-conversation']);
        const key = CreatedApiKeySchema.parse((await admin.post('/api-keys', { name: 'K' })).body);
        const state = async () =>
          JSON.stringify(
            await sequentially(
              ['/agents', '/webhooks', `/webhooks/${endpoint.id}`, '/api-keys'].map(
                (path) => async () => (await admin.get(path)).body,
              ),
            ),
          );
        const before = await state();

        for (const role of ['support', 'viewer'] as const) {
          const caller = as(role);
          const refusals: PendingCall[] = [
            () => caller.post('/webhooks', { url: freshUrl() }),
            () => caller.patch(`/webhooks/${endpoint.id}`, { description: 'Changed' }),
            () => caller.delete(`/webhooks/${endpoint.id}`),
            () => caller.post(`/webhooks/${endpoint.id}/disable`),
            () => caller.post(`/webhooks/${endpoint.id}/enable`),
            () => caller.post(`/webhooks/${endpoint.id}/rotate-secret`),
            () => caller.patch(`/agents/${alpha.id}`, { name: 'Renamed' }),
            () =>
              caller.put(`/agents/${alpha.id}/webhook-subscriptions`, {
                webhookId: endpoint.id,
                eventTypes: ['post-conversation'],
              }),
            () => caller.delete(`/agents/${alpha.id}/webhook-subscriptions`),
            () => caller.post('/api-keys', { name: 'Mine' }),
            () => caller.delete(`/api-keys/${key.id}`),
          ];
          for (const answer of await sequentially(refusals)) {
            expectError(answer, 403, 'forbidden', roleRefused(role, ['admin']));
          }
        }
        expect(await state()).toBe(before);
      });

      it('answers 404 not_found for ids the organisation does not have', async () => {
        const endpoint = `/webhooks/${UNKNOWN_ID}`;
        const agentPath = `/agents/${UNKNOWN_ID}`;
        const endpointGone = notFoundMessage('Endpoint');
        const agentGone = notFoundMessage('Agent');
        const deliveryGone = notFoundMessage('Delivery');
        const cases: [PendingCall, string][] = [
          [() => admin.get(endpoint), endpointGone],
          [() => admin.patch(endpoint, { description: 'x' }), endpointGone],
          [() => admin.delete(endpoint), endpointGone],
          [() => admin.post(`${endpoint}/disable`), endpointGone],
          [() => admin.post(`${endpoint}/enable`), endpointGone],
          [() => admin.get(agentPath), agentGone],
          [() => admin.patch(agentPath, { name: 'x' }), agentGone],
          [
            () =>
              admin.put(`${agentPath}/webhook-subscriptions`, {
                webhookId: UNKNOWN_ID,
                eventTypes: ['pre-conversation'],
              }),
            agentGone,
          ],
          [() => admin.delete(`${agentPath}/webhook-subscriptions`), agentGone],
          [() => admin.get(`/deliveries/${UNKNOWN_DELIVERY_ID}`), deliveryGone],
          [() => admin.post(`/deliveries/${UNKNOWN_DELIVERY_ID}/redeliver`), deliveryGone],
          [() => admin.delete(`/api-keys/${UNKNOWN_ID}`), notFoundMessage('API key')],
        ];
        const answers = await sequentially(cases.map(([call]) => call));
        answers.forEach((answer, index) => {
          expectError(answer, 404, 'not_found', cases[index]?.[1]);
        });
      });

      it('answers 404 not_found for an API route that does not exist, whoever asks', async () => {
        const endpoint = await createEndpoint();
        for (const caller of ['admin', 'viewer', 'signedOut'] as const) {
          expectError(
            await as(caller).post(`/webhooks/${endpoint.id}/frobnicate`),
            404,
            'not_found',
            NO_SUCH_ROUTE,
          );
        }
      });
    });

    describe('endpoints', () => {
      it('answers 409 conflict for a URL another endpoint has, in its canonical form', async () => {
        const first = await createEndpoint('HTTPS://Hooks.Example.com:443/calls');
        expect(first.url).toBe('https://hooks.example.com/calls');

        const duplicate = expectError(
          await admin.post('/webhooks', { url: 'https://hooks.example.com/calls' }),
          409,
          'conflict',
          DUPLICATE_ENDPOINT_URL.message,
        );
        expect(duplicate.fields).toEqual({ url: DUPLICATE_ENDPOINT_URL.field });

        const second = await createEndpoint();
        expectError(
          await admin.patch(`/webhooks/${second.id}`, { url: 'https://HOOKS.example.com/calls' }),
          409,
          'conflict',
          DUPLICATE_ENDPOINT_URL.message,
        );
        // Its own URL again is no conflict.
        const same = await admin.patch(`/webhooks/${first.id}`, { url: first.url });
        expect(same.status).toBe(200);
        expect(WebhookListSchema.parse((await admin.get('/webhooks')).body).items).toHaveLength(2);
      });

      it('refuses, on `url`, what the URL guard refuses: internal addresses and plain http', async () => {
        const endpoint = await createEndpoint();
        const sent = await sendTestEvent(endpoint.id);
        const internal = addressRefused('10.1.2.3 is');
        const refusals: [PendingCall, string][] = [
          [() => admin.post('/webhooks', { url: 'https://10.1.2.3/hook' }), internal],
          [
            () => admin.patch(`/webhooks/${endpoint.id}`, { url: 'https://10.1.2.3/hook' }),
            internal,
          ],
          [
            () =>
              as('support').post(`/deliveries/${sent.id}/redeliver-to-url`, {
                url: 'https://10.1.2.3/hook',
              }),
            internal,
          ],
          [
            () => admin.post('/webhooks', { url: 'http://hooks.example.com/plain' }),
            HTTPS_REQUIRED,
          ],
        ];
        const answers = await sequentially(refusals.map(([call]) => call));
        answers.forEach((answer, index) => {
          const reason = refusals[index]?.[1];
          const error = expectError(answer, 400, 'validation_failed', reason);
          expect(error.fields).toEqual({ url: reason });
        });
      });

      it('refuses to delete an endpoint its agents use, naming them, and deletes it once unused', async () => {
        const endpoint = await createEndpoint();
        const alpha = await agent('Alpha Agent');
        const beta = await agent('Beta Agent');
        // Subscribed out of order: the refusal names them by name.
        await subscribe(beta.id, endpoint.id, ['post-conversation']);
        await subscribe(alpha.id, endpoint.id, ['pre-conversation']);

        expectError(
          await admin.delete(`/webhooks/${endpoint.id}`),
          409,
          'webhook_in_use',
          endpointInUse(['Alpha Agent', 'Beta Agent']),
        );
        expect(endpointInUse(['Alpha Agent', 'Beta Agent'])).toBe(
          'This endpoint is used by Alpha Agent and Beta Agent. Remove those assignments first.',
        );

        expect((await admin.delete(`/agents/${beta.id}/webhook-subscriptions`)).status).toBe(204);
        expectError(
          await admin.delete(`/webhooks/${endpoint.id}`),
          409,
          'webhook_in_use',
          'This endpoint is used by Alpha Agent. Remove that assignment first.',
        );

        expect((await admin.delete(`/agents/${alpha.id}/webhook-subscriptions`)).status).toBe(204);
        expect((await admin.delete(`/webhooks/${endpoint.id}`)).status).toBe(204);
        expectError(await admin.get(`/webhooks/${endpoint.id}`), 404, 'not_found');
        expect((await admin.get('/webhooks')).body).toEqual({ items: [] });
      });

      it('disables and enables an endpoint: its status and reason, on it and on its agents', async () => {
        const endpoint = await createEndpoint();
        const alpha = await agent('Alpha Agent');
        await subscribe(alpha.id, endpoint.id, ['pre-conversation']);

        expectError(await as('support').post(`/webhooks/${endpoint.id}/disable`), 403, 'forbidden');
        const disabled = WebhookDetailSchema.parse(
          (await admin.post(`/webhooks/${endpoint.id}/disable`)).body,
        );
        const reason = disabledReason.byPerson(await adminName());
        expect(disabled).toMatchObject({ status: 'disabled', disabledReason: reason });
        expect(reason).toMatch(/^Disabled by .+/);
        expect(
          AgentSchema.parse((await admin.get(`/agents/${alpha.id}`)).body).webhook,
        ).toMatchObject({ status: 'disabled', disabledReason: reason });
        expect(WebhookListSchema.parse((await admin.get('/webhooks')).body).items).toMatchObject([
          { id: endpoint.id, status: 'disabled', disabledReason: reason },
        ]);
        expectError(
          await admin.post(`/webhooks/${endpoint.id}/test`, { eventType: 'pre-conversation' }),
          409,
          'conflict',
          endpointDisabled('send a test event'),
        );

        const enabled = WebhookDetailSchema.parse(
          (await admin.post(`/webhooks/${endpoint.id}/enable`)).body,
        );
        expect(enabled).toMatchObject({ status: 'enabled', disabledReason: null });
        expect(
          AgentSchema.parse((await admin.get(`/agents/${alpha.id}`)).body).webhook,
        ).toMatchObject({ status: 'enabled', disabledReason: null });
      });
    });

    describe('subscriptions', () => {
      it("PUT replaces the agent's endpoint and events; GET answers the replacement", async () => {
        const first = await createEndpoint();
        const second = await createEndpoint();
        const alpha = await agent('Alpha Agent');

        const subscribed = await subscribe(alpha.id, first.id, [
          'analytics-completed',
          'pre-conversation',
        ]);
        expect(subscribed.webhook).toEqual({
          webhookId: first.id,
          url: first.url,
          status: 'enabled',
          disabledReason: null,
          disabledAt: null,
          // Stored and answered in the Start → End → Analytics order.
          eventTypes: sortEventTypes(['analytics-completed', 'pre-conversation']),
          updatedAt: expect.any(String) as unknown,
        });

        const replaced = await subscribe(alpha.id, second.id, ['post-conversation']);
        expect(replaced.webhook).toMatchObject({
          webhookId: second.id,
          url: second.url,
          eventTypes: ['post-conversation'],
        });
        const read = AgentSchema.parse((await admin.get(`/agents/${alpha.id}`)).body);
        expect(read.webhook).toEqual(replaced.webhook);
        const firstNow = WebhookDetailSchema.parse((await admin.get(`/webhooks/${first.id}`)).body);
        expect(firstNow.subscriptions).toEqual([]);
        const secondNow = WebhookDetailSchema.parse(
          (await admin.get(`/webhooks/${second.id}`)).body,
        );
        expect(secondNow.subscriptions).toEqual([
          { agentId: alpha.id, agentName: 'Alpha Agent', eventTypes: ['post-conversation'] },
        ]);
      });

      it('PUT refuses an endpoint the organisation does not have, on `webhookId`', async () => {
        const alpha = await agent('Alpha Agent');
        const refused = expectError(
          await admin.put(`/agents/${alpha.id}/webhook-subscriptions`, {
            webhookId: UNKNOWN_ID,
            eventTypes: ['pre-conversation'],
          }),
          400,
          'validation_failed',
          `webhookId: ${UNKNOWN_ENDPOINT_ID}`,
        );
        expect(refused.fields).toEqual({ webhookId: UNKNOWN_ENDPOINT_ID });
        expect(AgentSchema.parse((await admin.get(`/agents/${alpha.id}`)).body).webhook).toBeNull();
      });

      it('DELETE removes the webhook; removing none is no error', async () => {
        const endpoint = await createEndpoint();
        const alpha = await agent('Alpha Agent');
        await subscribe(alpha.id, endpoint.id, ['pre-conversation']);

        for (let time = 0; time < 2; time++) {
          const removed = await admin.delete(`/agents/${alpha.id}/webhook-subscriptions`);
          expect(removed).toEqual({ status: 204, body: null });
        }
        expect(AgentSchema.parse((await admin.get(`/agents/${alpha.id}`)).body).webhook).toBeNull();
        const now = WebhookDetailSchema.parse((await admin.get(`/webhooks/${endpoint.id}`)).body);
        expect(now.subscriptions).toEqual([]);
      });
    });

    describe('redelivery', () => {
      it('support staff redeliver: 202 and the delivery queued again, as the delivery then shows', async () => {
        const endpoint = await createEndpoint();
        const sent = await sendTestEvent(endpoint.id, 'support');
        expect(sent).toMatchObject({
          webhookId: endpoint.id,
          webhookUrl: endpoint.url,
          agentId: null,
          agentName: null,
          eventType: 'pre-conversation',
          event: 'test.pre-conversation',
          status: 'pending',
          attemptCount: 0,
          isTest: true,
          completedAt: null,
        });
        expect(sent.callId).toMatch(/^test_/);

        const answer = await as('support').post(`/deliveries/${sent.id}/redeliver`);
        expect(answer.status).toBe(202);
        const queued = DeliverySummarySchema.parse(answer.body);
        expect(queued).toMatchObject({ id: sent.id, status: 'pending', attemptCount: 0 });
        expect(queued.nextAttemptAt).toEqual(expect.any(String));

        const detail = DeliveryDetailSchema.parse(
          (await as('viewer').get(`/deliveries/${sent.id}`)).body,
        );
        // Queued, or (where a worker runs) being attempted: not settled, nothing recorded yet.
        expect(['pending', 'delivering']).toContain(detail.status);
        expectDeliveryShape(detail);
        expect(detail).toMatchObject({ id: sent.id, completedAt: null, attempts: [] });
        expect(JSON.parse(detail.body)).toMatchObject({ id: sent.id, url: endpoint.url });
      });

      it('refuses viewers, to redeliver and to send test events', async () => {
        const endpoint = await createEndpoint();
        const sent = await sendTestEvent(endpoint.id);
        const refusal = roleRefused('viewer', ['admin', 'support']);
        expectError(
          await as('viewer').post(`/deliveries/${sent.id}/redeliver`),
          403,
          'forbidden',
          refusal,
        );
        expectError(
          await as('viewer').post(`/webhooks/${endpoint.id}/test`, {
            eventType: 'pre-conversation',
          }),
          403,
          'forbidden',
          refusal,
        );
      });
    });

    describe('API keys', () => {
      it('shows a new key once; a revoked key stays listed; revoking twice is no error', async () => {
        const answer = await admin.post('/api-keys', { name: 'Call platform' });
        expect(answer.status).toBe(201);
        const created = CreatedApiKeySchema.parse(answer.body);
        expect(created.key.startsWith(created.prefix)).toBe(true);
        expect(created).toMatchObject({ name: 'Call platform', revokedAt: null, lastUsedAt: null });

        for (let time = 0; time < 2; time++) {
          expect(await admin.delete(`/api-keys/${created.id}`)).toEqual({
            status: 204,
            body: null,
          });
        }
        const listed = ApiKeyListSchema.parse((await admin.get('/api-keys')).body).items;
        expect(listed).toEqual([
          { ...withoutKey(created), revokedAt: expect.any(String) as unknown },
        ]);
      });
    });

    describe('sign-in', () => {
      it('refuses a wrong password with 401 and answers the session for the right one', async () => {
        const { email, password } = api.credentials('support');
        expectError(
          await as('signedOut').post('/auth/login', { email, password: `${password}!` }),
          401,
          'unauthenticated',
          WRONG_CREDENTIALS,
        );
        const answer = await as('signedOut').post('/auth/login', { email, password });
        expect(answer.status).toBe(200);
        const session = SessionSchema.parse(answer.body);
        expect(session.user).toMatchObject({ email, role: 'support' satisfies Role });
      });
    });
  });
}

/** Runs the requests one after another: the mock API has one session at a time. */
async function sequentially<T>(requests: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (const request of requests) results.push(await request());
  return results;
}

function withoutKey<T extends { key: string }>(created: T): Omit<T, 'key'> {
  const { key: _key, ...rest } = created;
  return rest;
}
