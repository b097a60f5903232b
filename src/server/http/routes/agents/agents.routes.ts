import { createRoute } from '@hono/zod-openapi';
import {
  AgentListSchema,
  AgentSchema,
  ExternalAgentIdParamSchema,
  PutAgentWebhookRequestSchema,
  PutExternalAgentRequestSchema,
  UpdateAgentRequestSchema,
} from '@contract/agents';
import { IdParamSchema } from '@contract/common';
import { TestCallResponseSchema } from '@contract/deliveries';
import { requireApiKey } from '../../middleware/require-api-key';
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

/** The platform's routes take an API key, never a session, so their 401 says so. */
const platformErrors = {
  400: errors[400],
  401: { ...errors[401], description: 'No valid API key' },
  415: errors[415],
} as const;

export const putExternal = createRoute({
  method: 'put',
  path: '/agents/{externalId}',
  tags,
  summary: 'Register or update an agent under the call platform’s own id (API key)',
  description:
    'Authenticate with `Authorization: Bearer <api key>`. Idempotent: the first PUT of an `externalId` ' +
    'creates the agent (201), later ones replace its name and description (200). A deleted agent put ' +
    'again comes back under its old id, without a webhook. The answer’s `id` is the `agentId` that ' +
    '`POST /events` takes.',
  security: [{ apiKey: [] }],
  middleware: [requireApiKey()] as const,
  request: { params: ExternalAgentIdParamSchema, body: jsonBody(PutExternalAgentRequestSchema) },
  responses: {
    200: jsonContent(AgentSchema, 'Updated'),
    201: jsonContent(AgentSchema, 'Created'),
    ...platformErrors,
  },
});

export const deleteExternal = createRoute({
  method: 'delete',
  path: '/agents/{externalId}',
  tags,
  summary: 'Delete an agent the call platform registered (API key)',
  description:
    'The agent leaves the console and its webhook is removed, so its later events are stored without ' +
    'deliveries. Deliveries already accepted still go out, and its events and deliveries stay in the ' +
    'inspector.',
  security: [{ apiKey: [] }],
  middleware: [requireApiKey()] as const,
  request: { params: ExternalAgentIdParamSchema },
  responses: { 204: { description: 'Deleted' }, ...platformErrors, 404: errors[404] },
});

export type ListRoute = typeof list;
export type GetRoute = typeof get;
export type UpdateRoute = typeof update;
export type PutWebhookRoute = typeof putWebhook;
export type RemoveWebhookRoute = typeof removeWebhook;
export type TestCallRoute = typeof testCall;
export type PutExternalRoute = typeof putExternal;
export type DeleteExternalRoute = typeof deleteExternal;
