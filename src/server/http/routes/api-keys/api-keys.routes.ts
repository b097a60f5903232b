import { createRoute } from '@hono/zod-openapi';
import {
  ApiKeyListSchema,
  CreateApiKeyRequestSchema,
  CreatedApiKeySchema,
} from '@contract/api-keys';
import { IdParamSchema } from '@contract/common';
import { adminOnly, anyRole } from '../../middleware/require-role';
import { errors, jsonBody, jsonContent, readErrors, writeErrors } from '../../openapi-helpers';

const tags = ['API keys'];

export const list = createRoute({
  method: 'get',
  path: '/api-keys',
  tags,
  summary: "The organisation's API keys (prefixes only), newest first",
  middleware: [anyRole()] as const,
  responses: { 200: jsonContent(ApiKeyListSchema, 'Keys'), ...readErrors },
});

export const create = createRoute({
  method: 'post',
  path: '/api-keys',
  tags,
  summary: 'Create a key; the whole key is in this response and nowhere else, ever',
  middleware: [adminOnly()] as const,
  request: { body: jsonBody(CreateApiKeyRequestSchema) },
  responses: { 201: jsonContent(CreatedApiKeySchema, 'Created'), ...writeErrors },
});

export const revoke = createRoute({
  method: 'delete',
  path: '/api-keys/{id}',
  tags,
  summary: 'Revoke a key: it stops working at once and stays listed as revoked',
  middleware: [adminOnly()] as const,
  request: { params: IdParamSchema },
  responses: { 204: { description: 'Revoked' }, ...writeErrors, 404: errors[404] },
});

export type ListRoute = typeof list;
export type CreateRoute = typeof create;
export type RevokeRoute = typeof revoke;
