import { createRoute } from '@hono/zod-openapi';
import { IdParamSchema } from '@contract/common';
import {
  RetryJobListSchema,
  RetryJobParamsSchema,
  RetryJobPreviewSchema,
  RetryJobRequestSchema,
  RetryJobSchema,
} from '@contract/retry-jobs';
import { adminOnly } from '../../middleware/require-role';
import { errors, jsonBody, jsonContent, readErrors, writeErrors } from '../../openapi-helpers';

const tags = ['Bulk retry'];

/** Registered before `get`, so that `preview` is never read as a job's id. */
export const preview = createRoute({
  method: 'get',
  path: '/webhooks/{id}/retry-jobs/preview',
  tags,
  summary:
    'How many failed deliveries of this endpoint, that failed at or after `since`, a job would retry',
  middleware: [adminOnly()] as const,
  request: { params: IdParamSchema, query: RetryJobRequestSchema },
  responses: {
    200: jsonContent(RetryJobPreviewSchema, 'The count'),
    ...readErrors,
    404: errors[404],
  },
});

export const create = createRoute({
  method: 'post',
  path: '/webhooks/{id}/retry-jobs',
  tags,
  summary:
    'Retry every failed delivery of this endpoint that failed since `since`, gradually, in the background',
  middleware: [adminOnly()] as const,
  request: { params: IdParamSchema, body: jsonBody(RetryJobRequestSchema) },
  responses: {
    201: jsonContent(RetryJobSchema, 'Started; `total` is what it will retry'),
    ...writeErrors,
    404: errors[404],
    409: errors[409],
  },
});

export const list = createRoute({
  method: 'get',
  path: '/webhooks/{id}/retry-jobs',
  tags,
  summary: "The endpoint's last 20 retry jobs, newest first",
  middleware: [adminOnly()] as const,
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(RetryJobListSchema, 'Jobs, newest first'),
    ...readErrors,
    404: errors[404],
  },
});

export const get = createRoute({
  method: 'get',
  path: '/webhooks/{id}/retry-jobs/{jobId}',
  tags,
  summary: 'One retry job and its progress',
  middleware: [adminOnly()] as const,
  request: { params: RetryJobParamsSchema },
  responses: {
    200: jsonContent(RetryJobSchema, 'The job'),
    ...readErrors,
    404: errors[404],
  },
});

export const cancel = createRoute({
  method: 'post',
  path: '/webhooks/{id}/retry-jobs/{jobId}/cancel',
  tags,
  summary: 'Stop a running job before its next batch; deliveries already queued again still go',
  middleware: [adminOnly()] as const,
  request: { params: RetryJobParamsSchema },
  responses: {
    200: jsonContent(RetryJobSchema, 'Cancelled'),
    ...writeErrors,
    404: errors[404],
    409: errors[409],
  },
});

export type PreviewRoute = typeof preview;
export type CreateRoute = typeof create;
export type ListRoute = typeof list;
export type GetRoute = typeof get;
export type CancelRoute = typeof cancel;
