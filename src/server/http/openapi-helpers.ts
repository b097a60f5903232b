/** Small builders that keep route definitions short and every error response documented the same way. */
import type { z } from 'zod';
import { ApiErrorSchema } from '@contract/errors';

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** Bodies are always required: without it, @hono/zod-openapi skips validation of non-JSON requests. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

const error = (description: string) => jsonContent(ApiErrorSchema, description);

export const errors = {
  400: error('Malformed JSON or a field that fails validation (`fields` says which)'),
  401: error('No valid session'),
  403: error("The caller's role may not do this, or the request came from another origin"),
  404: error('No such resource in the caller’s organisation'),
  409: error('Conflicts with the current state'),
  413: error('The body is larger than the route accepts'),
  415: error('The body is not application/json'),
  429: error('Too many attempts; see Retry-After'),
} as const;

/** The errors any authenticated, state-changing route can answer with. */
export const writeErrors = {
  400: errors[400],
  401: errors[401],
  403: errors[403],
  415: errors[415],
} as const;
export const readErrors = { 400: errors[400], 401: errors[401], 403: errors[403] } as const;
