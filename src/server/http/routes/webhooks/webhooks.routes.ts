import { createRoute } from '@hono/zod-openapi';
import { IdParamSchema } from '@contract/common';
import {
  CreateWebhookRequestSchema,
  UpdateWebhookRequestSchema,
  WebhookDetailSchema,
  WebhookListSchema,
} from '@contract/webhooks';
import {
  DeliverySummarySchema,
  ReplaySkippedResponseSchema,
  SendTestEventRequestSchema,
  SignatureTestResultSchema,
} from '@contract/deliveries';
import { WebhookHealthSchema } from '@contract/webhook-health';
import { adminOnly, anyRole, requireRole } from '../../middleware/require-role';
import { errors, jsonBody, jsonContent, readErrors, writeErrors } from '../../openapi-helpers';

const tags = ['Webhook endpoints'];
const params = IdParamSchema;

export const list = createRoute({
  method: 'get',
  path: '/webhooks',
  tags,
  summary: "The organisation's endpoints, each with the agents subscribed to it",
  middleware: [anyRole()] as const,
  responses: { 200: jsonContent(WebhookListSchema, 'Endpoints, newest first'), ...readErrors },
});

export const create = createRoute({
  method: 'post',
  path: '/webhooks',
  tags,
  summary: 'Create an endpoint; the server generates its signing secret',
  middleware: [adminOnly()] as const,
  request: { body: jsonBody(CreateWebhookRequestSchema) },
  responses: {
    201: jsonContent(WebhookDetailSchema, 'Created'),
    ...writeErrors,
    409: errors[409],
  },
});

export const get = createRoute({
  method: 'get',
  path: '/webhooks/{id}',
  tags,
  summary: 'One endpoint with its subscriptions (and, for admins, its signing secret)',
  middleware: [anyRole()] as const,
  request: { params },
  responses: {
    200: jsonContent(WebhookDetailSchema, 'The endpoint'),
    ...readErrors,
    404: errors[404],
  },
});

export const update = createRoute({
  method: 'patch',
  path: '/webhooks/{id}',
  tags,
  summary: "Change an endpoint's URL, description or custom headers",
  middleware: [adminOnly()] as const,
  request: { params, body: jsonBody(UpdateWebhookRequestSchema) },
  responses: {
    200: jsonContent(WebhookDetailSchema, 'Updated'),
    ...writeErrors,
    404: errors[404],
    409: errors[409],
  },
});

export const remove = createRoute({
  method: 'delete',
  path: '/webhooks/{id}',
  tags,
  summary: 'Delete an endpoint; refused (409 webhook_in_use) while agents subscribe to it',
  middleware: [adminOnly()] as const,
  request: { params },
  responses: {
    204: { description: 'Deleted' },
    ...writeErrors,
    404: errors[404],
    409: errors[409],
  },
});

export const rotateSecret = createRoute({
  method: 'post',
  path: '/webhooks/{id}/rotate-secret',
  tags,
  summary: 'Generate a new signing secret; the previous one stays valid for 24 hours',
  middleware: [adminOnly()] as const,
  request: { params },
  responses: {
    200: jsonContent(WebhookDetailSchema, 'The endpoint with its new secret'),
    ...writeErrors,
    404: errors[404],
  },
});

export const enable = createRoute({
  method: 'post',
  path: '/webhooks/{id}/enable',
  tags,
  summary: 'Enable an endpoint',
  middleware: [adminOnly()] as const,
  request: { params },
  responses: { 200: jsonContent(WebhookDetailSchema, 'Enabled'), ...writeErrors, 404: errors[404] },
});

export const disable = createRoute({
  method: 'post',
  path: '/webhooks/{id}/disable',
  tags,
  summary: 'Disable an endpoint: its deliveries are recorded as skipped until it is enabled again',
  middleware: [adminOnly()] as const,
  request: { params },
  responses: {
    200: jsonContent(WebhookDetailSchema, 'Disabled'),
    ...writeErrors,
    404: errors[404],
  },
});

/** Support staff test and replay as well as admins (their role: read, redeliver, test; README "Security"). */
const adminOrSupport = () => requireRole('admin', 'support');

export const sendTest = createRoute({
  method: 'post',
  path: '/webhooks/{id}/test',
  tags,
  summary: 'Send a signed example event of the given type through the delivery engine',
  middleware: [adminOrSupport()] as const,
  request: { params, body: jsonBody(SendTestEventRequestSchema) },
  responses: {
    202: jsonContent(DeliverySummarySchema, 'Queued; the delivery records every attempt'),
    ...writeErrors,
    404: errors[404],
    409: errors[409],
  },
});

export const signatureTest = createRoute({
  method: 'post',
  path: '/webhooks/{id}/signature-test',
  tags,
  summary:
    'Send a correctly signed, a wrongly signed and a stale request; the endpoint should accept only the first',
  middleware: [adminOrSupport()] as const,
  request: { params },
  responses: {
    200: jsonContent(SignatureTestResultSchema, 'What the endpoint did with each'),
    ...writeErrors,
    404: errors[404],
    409: errors[409],
  },
});

export const replaySkipped = createRoute({
  method: 'post',
  path: '/webhooks/{id}/replay-skipped',
  tags,
  summary: 'Deliver again the deliveries skipped while the endpoint was disabled',
  middleware: [adminOrSupport()] as const,
  request: { params },
  responses: {
    200: jsonContent(ReplaySkippedResponseSchema, 'How many were queued'),
    ...writeErrors,
    404: errors[404],
    409: errors[409],
  },
});

export const health = createRoute({
  method: 'get',
  path: '/webhooks/{id}/health',
  tags,
  summary:
    "An endpoint's success rate and accepted → 2xx times over 24 hours and 7 days, with hourly counts",
  middleware: [anyRole()] as const,
  request: { params },
  responses: {
    200: jsonContent(WebhookHealthSchema, 'From the hourly rollup'),
    ...readErrors,
    404: errors[404],
  },
});

export type ListRoute = typeof list;
export type CreateRoute = typeof create;
export type GetRoute = typeof get;
export type UpdateRoute = typeof update;
export type RemoveRoute = typeof remove;
export type RotateSecretRoute = typeof rotateSecret;
export type EnableRoute = typeof enable;
export type DisableRoute = typeof disable;
export type SendTestRoute = typeof sendTest;
export type SignatureTestRoute = typeof signatureTest;
export type ReplaySkippedRoute = typeof replaySkipped;
export type HealthRoute = typeof health;
