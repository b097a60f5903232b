import { createRoute } from '@hono/zod-openapi';
import { IngestEventRequestSchema } from '@contract/call-events';
import { IngestEventResponseSchema } from '@contract/deliveries';
import { requireApiKey } from '../../middleware/require-api-key';
import { errors, jsonBody, jsonContent } from '../../openapi-helpers';

export const INGEST_BODY_LIMIT = 1024 * 1024;

export const ingest = createRoute({
  method: 'post',
  path: '/events',
  tags: ['Ingestion'],
  summary:
    'Publish a call event (API key). Answers 202 once the event and its deliveries are stored.',
  description:
    'Authenticate with `Authorization: Bearer <api key>`. `metadata` is validated by the schema of its ' +
    '`eventType`. An event is idempotent on (callId, eventType): sending it again stores nothing new and ' +
    `answers \`duplicate: true\`. Bodies are limited to ${INGEST_BODY_LIMIT / 1024} KiB.`,
  security: [{ apiKey: [] }],
  middleware: [requireApiKey()] as const,
  request: { body: jsonBody(IngestEventRequestSchema) },
  responses: {
    202: jsonContent(IngestEventResponseSchema, 'Stored; deliveries will follow'),
    400: errors[400],
    401: errors[401],
    413: errors[413],
    415: errors[415],
  },
});

export type IngestRoute = typeof ingest;
