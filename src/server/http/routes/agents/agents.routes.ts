import { createRoute } from '@hono/zod-openapi';
import {
  AgentListSchema,
  AgentSchema,
  PutAgentWebhookRequestSchema,
  UpdateAgentRequestSchema,
} from '@contract/agents';
import { IdParamSchema } from '@contract/common';
import { TestCallResponseSchema } from '@contract/deliveries';
import { adminOnly, anyRole, requireRole } from '../../middleware/require-role';
import { errors, jsonBody, jsonContent, readErrors, writeErrors } from '../../openapi-helpers';

const tags = ['Agents'];
const params = IdParamSchema;

export const list = createRoute({
  method: 'get',
  path: '/agents',
  tags,
  summary: "The organisation's agents, each with its webhook",
  middleware: [anyRole()] as const,
  responses: { 200: jsonContent(AgentListSchema, 'Agents by name'), ...readErrors },
});

export const get = createRoute({
  method: 'get',
  path: '/agents/{id}',
  tags,
  summary: 'One agent with its webhook',
  middleware: [anyRole()] as const,
  request: { params },
  responses: { 200: jsonContent(AgentSchema, 'The agent'), ...readErrors, 404: errors[404] },
});

export const update = createRoute({
  method: 'patch',
  path: '/agents/{id}',
  tags,
  summary: "Change an agent's name or description",
  middleware: [adminOnly()] as const,
  request: { params, body: jsonBody(UpdateAgentRequestSchema) },
  responses: { 200: jsonContent(AgentSchema, 'Updated'), ...writeErrors, 404: errors[404] },
});

export const putWebhook = createRoute({
  method: 'put',
  path: '/agents/{id}/webhook-subscriptions',
  tags,
  summary: "Replace the agent's webhook: which endpoint receives which of its events",
  middleware: [adminOnly()] as const,
  request: { params, body: jsonBody(PutAgentWebhookRequestSchema) },
  responses: {
    200: jsonContent(AgentSchema, 'The agent with its new webhook'),
    ...writeErrors,
    404: errors[404],
  },
});

export const removeWebhook = createRoute({
  method: 'delete',
  path: '/agents/{id}/webhook-subscriptions',
  tags,
  summary: "Remove the agent's webhook (no-op when it has none)",
  middleware: [adminOnly()] as const,
  request: { params },
  responses: { 204: { description: 'Removed' }, ...writeErrors, 404: errors[404] },
});

export const testCall = createRoute({
  method: 'post',
  path: '/agents/{id}/test-call',
  tags,
  summary:
    'A synthetic call: publishes Start now, End and Analytics Completed seconds later, through ingestion',
  middleware: [requireRole('admin', 'support')] as const,
  request: { params },
  responses: {
    202: jsonContent(TestCallResponseSchema, 'The call and when each event is published'),
    ...writeErrors,
    404: errors[404],
  },
});

export type ListRoute = typeof list;
export type GetRoute = typeof get;
export type UpdateRoute = typeof update;
export type PutWebhookRoute = typeof putWebhook;
export type RemoveWebhookRoute = typeof removeWebhook;
export type TestCallRoute = typeof testCall;
