import { createRoute, z } from '@hono/zod-openapi';
import {
  DeliveryAttemptSchema,
  DeliveryDetailSchema,
  DeliveryIdSchema,
  DeliveryListQuerySchema,
  DeliveryPageSchema,
  DeliverySummarySchema,
  RedeliverToUrlRequestSchema,
} from '@contract/deliveries';
import { anyRole, requireRole } from '../../middleware/require-role';
import { errors, jsonBody, jsonContent, readErrors, writeErrors } from '../../openapi-helpers';

const tags = ['Deliveries'];
const params = z.object({ id: DeliveryIdSchema });

export const list = createRoute({
  method: 'get',
  path: '/deliveries',
  tags,
  summary:
    'Deliveries, newest first, filtered; pages by keyset (`cursor` is the previous page’s `nextCursor`). ' +
    '`q` finds a delivery by its id (the `webhook-id` header) or the deliveries of a call by its id',
  middleware: [anyRole()] as const,
  request: { query: DeliveryListQuerySchema },
  responses: { 200: jsonContent(DeliveryPageSchema, 'A page of deliveries'), ...readErrors },
});

export const get = createRoute({
  method: 'get',
  path: '/deliveries/{id}',
  tags,
  summary: 'One delivery with the body as sent and every attempt',
  middleware: [anyRole()] as const,
  request: { params },
  responses: {
    200: jsonContent(DeliveryDetailSchema, 'The delivery'),
    ...readErrors,
    404: errors[404],
  },
});

export const redeliver = createRoute({
  method: 'post',
  path: '/deliveries/{id}/redeliver',
  tags,
  summary: 'Attempt this delivery again now (same id and body, so receivers can deduplicate)',
  middleware: [requireRole('admin', 'support')] as const,
  request: { params },
  responses: {
    202: jsonContent(DeliverySummarySchema, 'Queued for a new attempt'),
    ...writeErrors,
    404: errors[404],
    409: errors[409],
  },
});

export const redeliverToUrl = createRoute({
  method: 'post',
  path: '/deliveries/{id}/redeliver-to-url',
  tags,
  summary:
    'Send this delivery once to another URL, signed as usual, and record it as an attempt; the ' +
    'delivery’s status and schedule and its endpoint do not change. Custom headers go only to the ' +
    'endpoint’s own origin',
  middleware: [requireRole('admin', 'support')] as const,
  request: { params, body: jsonBody(RedeliverToUrlRequestSchema) },
  responses: {
    200: jsonContent(DeliveryAttemptSchema, 'The attempt, as recorded'),
    ...writeErrors,
    404: errors[404],
  },
});

export type ListRoute = typeof list;
export type GetRoute = typeof get;
export type RedeliverRoute = typeof redeliver;
export type RedeliverToUrlRoute = typeof redeliverToUrl;
